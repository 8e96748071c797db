"""The ``kg`` command line, the top layer: it drives :mod:`pipelines`, the graph stores of :mod:`kg` and the
:mod:`api`, and runs the local Neo4j server, the benchmarks and the backend comparisons. Nothing below it
imports it (checked by ``lint-imports``)."""
