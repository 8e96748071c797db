"""Cold reads of the embedded store: the answers that make sentences, timed per call with nothing cached.

    python benchmarks/store_reads.py GRAPH_DIR

Opens the graph saved in GRAPH_DIR (``benchmarks/build_memory.py --keep-graph`` keeps one) as the API does
and times, once each, ``get_entity`` and ``relations_of`` of the 20 entities with most mentions,
``timeline`` of the same, and ``goal_members`` of the 20 goals most entities serve; prints the median,
largest and summed milliseconds per kind of call. The API keeps each answer per graph version, so this
is what the first request for one of those answers costs, not the figure of ``benchmarks/api_latency.py``.
"""

from __future__ import annotations

import json
import sys
import time

from kg.stores.networkx_store import NetworkXStore


def main() -> int:
    store = NetworkXStore.open(sys.argv[1])
    _, entities = store.find_entities(limit=10**7)
    hubs = sorted(entities, key=lambda e: (-e.mention_count, e.id))[:20]
    goals = sorted(store.goals(), key=lambda g: (-g.serving_count, g.id))[:20]
    kinds = {"get_entity": [lambda e=e: store.get_entity(e.id) for e in hubs],
             "relations_of": [lambda e=e: store.relations_of(e.id) for e in hubs],
             "goal_members": [lambda g=g: store.goal_members(g.id) for g in goals],
             "timeline": [lambda e=e: store.timeline(e.id) for e in hubs]}
    figures = {}
    for kind, calls in kinds.items():
        times = []
        for call in calls:
            started = time.perf_counter()
            call()
            times.append((time.perf_counter() - started) * 1000)
        times.sort()
        figures[kind] = {"median_ms": round(times[len(times) // 2], 1), "max_ms": round(times[-1], 1),
                         "sum_ms": round(sum(times))}
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
