"""Two tiny Chinese policy documents with hand-written extractions, shared by the unit and contract tests.

Offsets are computed with ``str.index`` so that editing a sentence cannot silently break a span.

Document ``d1`` (goal 产业强市): 比亚迪智能制造产业园 serves the goal under the measure 聚焦聚力先进制造业,
is located in 坪山区, involves 比亚迪股份有限公司 and belongs to 新能源汽车; the “20+8”产业集群计划
programme and a growth target serve the goal too.
Document ``d2`` (goal 民生幸福): 坪山区人民医院 serves it and is located in 坪山区 (shared with d1);
比亚迪智能制造产业园 (shared with d1) serves it without a measure; 深圳市卫生健康委员会 is mentioned
but linked to nothing, so no path leads to it.
"""

from __future__ import annotations

from typing import Any

from kg.ids import entity_id
from kg.model import Document, Extraction, Link, Span

__all__ = [
    "D1_TEXT",
    "D2_TEXT",
    "span_at",
    "sentences_of",
    "extraction_d1",
    "extraction_d2",
    "extractions",
    "revised_d1",
    "eid",
    "api_routes",
]

D1_TEXT = (
    "关键词 产业强市。"
    "措施一：聚焦聚力先进制造业。"
    "加快比亚迪智能制造产业园建设，项目位于坪山区，由比亚迪股份有限公司承建，发展新能源汽车产业。"
    "实施“20+8”产业集群计划，壮大新能源汽车集群。"
    "力争规上工业增加值增长6%。"
)

D2_TEXT = (
    "关键词 民生幸福。"
    "措施二：提升公共服务水平。"
    "新建坪山区人民医院，位于坪山区，由深圳市卫生健康委员会负责。"
    "比亚迪智能制造产业园带动就业。"
)


def span_at(text: str, span_id: str, surface: str, label: str, after: str = "",
            attrs: dict[str, Any] | None = None) -> Span:
    """The span of the first ``surface`` in ``text`` at or after the first occurrence of ``after``."""
    start = text.index(surface, text.index(after) if after else 0)
    return Span(span_id, start, start + len(surface), label, surface, attrs or {})


def sentences_of(text: str) -> list[tuple[int, int]]:
    """Sentence bounds split after every 。, the terminator included."""
    bounds, start = [], 0
    for index, char in enumerate(text):
        if char == "。":
            bounds.append((start, index + 1))
            start = index + 1
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds


def extraction_d1(text: str = D1_TEXT, title: str = "2023年政府工作报告") -> Extraction:
    spans = [
        span_at(text, "g", "产业强市", "GOAL"),
        span_at(text, "m", "聚焦聚力先进制造业", "MEASURE"),
        span_at(text, "p", "比亚迪智能制造产业园", "PROJECT"),
        span_at(text, "pl", "坪山区", "PLACE"),
        span_at(text, "o", "比亚迪股份有限公司", "ORG"),
        span_at(text, "i", "新能源汽车", "INDUSTRY"),
        span_at(text, "pr", "“20+8”产业集群计划", "PROGRAMME"),
        span_at(text, "i2", "新能源汽车", "INDUSTRY", after="壮大"),
        span_at(text, "t", "规上工业增加值增长6%", "TARGET", attrs={"value": 6, "unit": "%"}),
    ]
    links = [
        Link("g", "m", "HAS_MEASURE"),
        Link("p", "g", "SERVES", measure="m"),
        Link("p", "pl", "LOCATED_IN"),
        Link("p", "o", "INVOLVES"),
        Link("p", "i", "IN_INDUSTRY"),
        Link("pr", "g", "SERVES", measure="m"),
        Link("pr", "i2", "IN_INDUSTRY"),
        Link("t", "g", "SERVES", measure="m"),
    ]
    document = Document("d1", text, title=title, year=2023, source="tests/fixtures.py")
    return Extraction(document, spans, links, sentences_of(text))


def extraction_d2(text: str = D2_TEXT) -> Extraction:
    spans = [
        span_at(text, "g", "民生幸福", "GOAL"),
        span_at(text, "m", "提升公共服务水平", "MEASURE"),
        span_at(text, "h", "坪山区人民医院", "PROJECT"),
        span_at(text, "pl", "坪山区", "PLACE", after="位于"),
        span_at(text, "o", "深圳市卫生健康委员会", "ORG"),
        span_at(text, "p", "比亚迪智能制造产业园", "PROJECT"),
    ]
    links = [
        Link("g", "m", "HAS_MEASURE"),
        Link("h", "g", "SERVES", measure="m"),
        Link("h", "pl", "LOCATED_IN"),
        Link("p", "g", "SERVES"),
    ]
    document = Document("d2", text, title="2024年政府工作报告解读", year=2024, source="tests/fixtures.py")
    return Extraction(document, spans, links, sentences_of(text))


def revised_d1() -> Extraction:
    """d1 rewritten: the programme, the target and the park's place are gone; a new project appears."""
    text = "关键词 产业强市。措施一：聚焦聚力先进制造业。加快比亚迪智能制造产业园建设，由比亚迪股份有限公司承建。推进光明科学城建设。"
    spans = [span_at(text, "g", "产业强市", "GOAL"), span_at(text, "m", "聚焦聚力先进制造业", "MEASURE"),
             span_at(text, "p", "比亚迪智能制造产业园", "PROJECT"), span_at(text, "o", "比亚迪股份有限公司", "ORG"),
             span_at(text, "n", "光明科学城", "PROJECT")]
    links = [Link("g", "m", "HAS_MEASURE"), Link("p", "g", "SERVES", measure="m"), Link("p", "o", "INVOLVES"),
             Link("n", "g", "SERVES", measure="m")]
    return Extraction(Document("d1", text, title="修订版"), spans, links, sentences_of(text))


def extractions() -> list[Extraction]:
    return [extraction_d1(), extraction_d2()]


def eid(label: str, name: str) -> str:
    """The id the stores give an entity; shorthand for tests."""
    return entity_id(label, name)


def api_routes(app) -> list:
    """Every API route of ``app`` (in its OpenAPI document), those of included routers too: recent FastAPI
    keeps an included router whole in ``app.routes`` instead of copying its routes there."""
    from fastapi.routing import APIRoute

    routes = []
    for route in app.routes:
        included = getattr(route, "original_router", None)
        routes += included.routes if included is not None else [route]
    return [route for route in routes if isinstance(route, APIRoute) and route.include_in_schema]


# -- documents of several places and years, through the pipeline's identity step ---------------------------
# city-宜昌-2024 and city-衡阳-2024 both plan a 会展中心 and name the goal 产业强市 (two places: two of each);
# 宜昌三峡机场 carries its place in its name (global); 西部大开发(战略) is named by two national reports and by
# 宜昌 (one programme); 新能源汽车 is named in two places, 数字经济 in one.
RESEARCH_TEXTS = {
    "city-宜昌-2024": ("宜昌市2024年政府工作报告", "关键词 产业强市。加快会展中心建设，力争投资50亿元。发展新能源汽车产业。"
                       "推进宜昌三峡机场改扩建。融入西部大开发战略。"),
    "city-衡阳-2024": ("衡阳市2024年政府工作报告", "关键词 产业强市。建设会展中心。发展新能源汽车和数字经济产业。"),
    "cn-gwr-2000": ("2000年中华人民共和国国务院政府工作报告", "实施西部大开发战略。"),
    "cn-gwr-2001": ("2001年中华人民共和国国务院政府工作报告", "继续推进西部大开发。"),
}


def research_extractions() -> list[Extraction]:
    """The four RESEARCH_TEXTS described (pipelines.documents) and resolved (pipelines.identity) as kg build
    does, with hand-written spans: the stores see what a build gives them."""
    from pipelines.documents import describe
    from pipelines.identity import resolve_identity

    spans_of = {
        "city-宜昌-2024": [("产业强市", "GOAL", None), ("会展中心", "PROJECT", {"amount": 50, "unit": "亿元"}),
                          ("新能源汽车", "INDUSTRY", None), ("宜昌三峡机场", "PROJECT", None), ("宜昌", "PLACE", None),
                          ("西部大开发战略", "PROGRAMME", None)],
        "city-衡阳-2024": [("产业强市", "GOAL", None), ("会展中心", "PROJECT", None), ("新能源汽车", "INDUSTRY", None),
                          ("数字经济", "INDUSTRY", None)],
        "cn-gwr-2000": [("西部大开发战略", "PROGRAMME", None)],
        "cn-gwr-2001": [("西部大开发", "PROGRAMME", None)],
    }
    built = []
    for doc_id, (title, text) in RESEARCH_TEXTS.items():
        spans = [span_at(text, f"m{i}", surface, label, attrs=attrs)
                 for i, (surface, label, attrs) in enumerate(spans_of[doc_id], start=1)]
        by_text = {span.text: span.id for span in spans}
        links = [Link(by_text["会展中心"], by_text["产业强市"], "SERVES")] if "会展中心" in by_text else []
        if "宜昌三峡机场" in by_text:
            links.append(Link(by_text["宜昌三峡机场"], by_text["宜昌"], "LOCATED_IN"))
        document = describe(Document(doc_id, text, title=title, source="tests/fixtures.py"))
        built.append(resolve_identity(Extraction(document, spans, links, sentences_of(text))))
    return built
