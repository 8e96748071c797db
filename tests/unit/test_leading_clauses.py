"""An adverb and its verb, or a subject and its verb of relying or leading, are not part of the name after them."""

from __future__ import annotations

import pytest

from pipelines.components.tagger import _names_without_leading_clauses

pytestmark = pytest.mark.pipeline


@pytest.mark.parametrize(("text", "label", "name"), [
    # city-凉山-2024: the tagger read 稳慎推进宅基地制度改革试点
    ("（一）乡村振兴\n\n稳慎推进宅基地制度改革试点，深化农村集体经营性建设用地入市试点。", "PROGRAMME", "宅基地制度改革试点"),
    # city-淮南-2024: 率先启动零碳产业园
    ("（一）绿色发展\n\n在全省率先启动零碳产业园建设，新能源装机规模突破300万千瓦。", "PROJECT", "零碳产业园"),
    # prov-anhui-2025: 天都实验室牵头发起国际月球科研站大科学工程
    ("（一）科技创新\n\n支持天都实验室牵头发起国际月球科研站大科学工程。", "PROJECT", "国际月球科研站大科学工程"),
    # city-呼和浩特-2024: 东部推动马鬃山度假区
    ("（一）文旅融合\n\n打造沿黄旅游观光带。东部推动马鬃山度假区创建国家级滑雪旅游度假地。", "PROJECT", "马鬃山度假区"),
])
def test_a_name_starts_after_the_adverb_or_subject_and_its_verb(mentions, text: str, label: str, name: str) -> None:
    found = mentions(text, label)
    assert name in found
    assert not [other for other in found if other != name and other.endswith(name)]


def test_a_name_left_too_short_and_a_programme_named_with_its_adverb_are_kept() -> None:
    text = "中科曙光牵头，全面深化改革重大举措，积极的财政政策"
    spans = [(0, 6, "PROJECT"), (7, 17, "PROGRAMME"), (18, 25, "PROGRAMME")]
    assert _names_without_leading_clauses(text, spans) == spans
