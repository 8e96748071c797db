"""A division standing as an item of a 、-list beside a place is a place too (towns of the report's city)."""

from __future__ import annotations

from pipelines.components.tagger import _list_items
from pipelines.segmenter import lcut

REPORT = ("中山市政府工作报告。坚持差异化、特色化发展，支持小榄、三乡、古镇等8个中心镇做大做强。"
          "扎实推进三乡、黄圃、坦洲、民众等镇街全域土地综合整治试点工作。")


def items(text: str, *words: str) -> list[str]:
    tokens = lcut(text)
    starts = [sum(len(t) for t in tokens[:i]) for i in range(len(tokens))]
    ends = [start + len(token) for start, token in zip(starts, tokens, strict=True)]
    spans = [(text.index(word), text.index(word) + len(word)) for word in words]
    return [text[a:b] for a, b in _list_items(text, spans, starts, ends, ["v" if t == "支持" else "n" for t in tokens])]


def test_whole_items_of_a_list_only() -> None:
    assert items("支持小榄、三乡、古镇等8个中心镇", "小榄", "三乡", "古镇") == ["小榄", "三乡", "古镇"]
    assert items("温春、五林2个万头牧场", "温春", "五林") == ["温春", "五林"]
    # the last word of a phrase before 、, the first of one after it: not items
    assert items("淮河生态经济带建设、淮海经济区协同", "建设") == []
    assert items("深化法治四川、平安四川建设", "四川", "平安") == []


def test_towns_of_the_city_in_a_list_are_places(mentions) -> None:
    assert {"小榄", "三乡", "古镇", "黄圃", "坦洲", "民众"} <= set(mentions(REPORT, "PLACE"))
    # 安居 (a district of 遂宁) and 王英 (a town of 黄石's 阳新县) are words too: the tagger alone leaves them
    assert mentions("遂宁市政府工作报告。推进射洪、安居、蓬溪备用水源地建设。", "PLACE") == ["遂宁市", "射洪", "安居", "蓬溪"]
    assert mentions("黄石市政府工作报告。推动大箕铺、殷祖、枫林、王英等特色专业镇做专做精。", "PLACE") == [
        "黄石市", "大箕铺", "殷祖", "枫林", "王英"]


def test_not_where_the_words_are_no_list_items(mentions) -> None:
    assert mentions("深化法治四川、平安四川建设。", "PLACE") == ["四川", "四川"]
    assert "民众" not in mentions("中山市坚持以民众为中心，推进三乡、黄圃建设。", "PLACE")
