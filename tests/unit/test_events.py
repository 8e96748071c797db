"""Events named by their own heads (festivals, fairs, games) are PROGRAMMEs, with no names inside them."""

from __future__ import annotations

import pytest

from pipelines.components.tagger import _events_as_programmes

pytestmark = pytest.mark.pipeline


@pytest.mark.parametrize(("text", "event"), [
    ("（一）文旅发展\n\n举办舟山群岛马拉松，办好江南美食节。", "舟山群岛马拉松"),  # city-舟山-2024, a project to the tagger
    ("（一）文旅发展\n\n成功举办浪漫北部湾潮派嘉年华。", "浪漫北部湾潮派嘉年华"),  # city-北海-2024
])
def test_an_event_is_a_programme_without_places_inside(extractor, text: str, event: str) -> None:
    from kg.model import Document

    spans = extractor.extract(Document(doc_id="d", text=text)).spans
    start = text.index(event)
    assert ("PROGRAMME", event) in [(s.label, s.text) for s in spans]
    assert not [s for s in spans if s.label == "PLACE" and start <= s.start < start + len(event)]


def test_a_name_that_ends_on_a_place_ending_like_an_event_is_left_alone() -> None:
    text = "购在毕节，发展体育赛事"
    spans = [(0, 4, "PROJECT"), (7, 11, "INDUSTRY")]
    assert _events_as_programmes(text, spans, {"毕节"}) == spans


@pytest.mark.parametrize(("text", "games"), [
    # cn-gwr-2018 and cn-gwr-2019: the tagger read the host city alone
    ("（一）社会事业\n\n做好北京冬奥会、冬残奥会筹办工作。", ["北京冬奥会", "冬残奥会"]),
    ("（一）社会事业\n\n我市运动员在杭州亚运会上取得优异成绩，在第十九届亚运会摘金。", ["杭州亚运会", "第十九届亚运会"]),
])
def test_games_by_their_short_names_are_programmes_with_their_host_city(mentions, text: str, games: list[str]) -> None:
    assert mentions(text, "PROGRAMME") == games
    assert mentions(text, "PLACE") == []


def test_honorary_titles_are_no_names_but_pilot_designations_are(mentions) -> None:
    # city-长治-2024 and city-内江-2024: honours of a ranking or an award (GUIDELINES: honorary city titles)
    text = "（一）生态建设\n\n积极创建“中国天然氧吧”，荣获“中国甜食之都”称号，入选国家碳达峰试点城市。"
    assert mentions(text, "PROGRAMME") == ["国家碳达峰试点城市"]
