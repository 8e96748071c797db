"""Text in, :class:`kg.model.Extraction` out: ingestion, layout repair and the spaCy pipeline."""

import logging

# A library logs; the application decides where it goes (nothing is printed unless logging is configured).
logging.getLogger("kg.pipeline").addHandler(logging.NullHandler())
