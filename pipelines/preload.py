"""Imported by the fork server of the extraction workers: builds the pipeline once, before the workers are forked.

``pipelines.extract`` starts the server with the pipeline's name in the environment and lists this module
among those the server imports first; every worker forked from it then starts with the pipeline loaded.
For a main module run with ``python -m`` (``kg_cli.cli``), the server also runs it as ``__mp_main__``,
as multiprocessing itself does for a script's path, so that a worker does not import it again.
"""

from __future__ import annotations

import gc
import os
from multiprocessing import spawn

__all__: list[str] = []

# The cyclic garbage collector finds next to nothing to free while spaCy is imported and the pipeline built
# (about 4,000 objects, against 176 MB), yet its passes over the growing heap took 0.1-0.25 s of this
# server's 1.5 s of CPU, before which no worker can start: it is off until preload() has frozen the heap.
gc.disable()
try:
    from pipelines.extract import PRELOAD_MAIN_VARIABLE, PRELOAD_VARIABLE, preload

    if os.environ.get(PRELOAD_MAIN_VARIABLE):
        spawn._fixup_main_from_name(os.environ[PRELOAD_MAIN_VARIABLE])  # what each worker would do on starting
    preload(os.environ.get(PRELOAD_VARIABLE, ""))
finally:
    gc.enable()  # in the server and in each worker forked from it
