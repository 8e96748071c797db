"""The bodies a list closes as mass organisations (支持工会、共青团、妇联等群团组织更好发挥作用) are ORGs: institutions named
as actors (GUIDELINES; the gold files mark bodies such as 党中央, 国务院, 全国人大). The list's first item is the word
before its first 、, not the verb before it; a 和 joins items only after that 、 and as a word of its own. Sentences
of cn-gwr-2016, cn-gwr-2019, city-乌鲁木齐-2024, city-天津-2024 and city-贵港-2024 (reports the extractor was not written
against; reviews of cn-gwr-2016 and cn-gwr-2017 found the bodies missing)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.pipeline

HEADING = "（八）加强政府自身建设\n\n推进社会治理创新。"


@pytest.mark.parametrize(("text", "bodies"), [
    ("支持工会、共青团、妇联等群团组织更好发挥作用。", ["工会", "共青团", "妇联"]),
    ("重视和支持工会、共青团、妇联、科协、侨联、残联、红十字会、工商联等群团组织参与社会治理。",
     ["工会", "共青团", "妇联", "科协", "侨联", "残联", "红十字会", "工商联"]),
    ("积极听取各民主党派、无党派人士和工会、共青团、妇联等人民团体意见建议。", ["工会", "共青团", "妇联"]),
    ("发挥好工会、共青团、妇联、文联、工商联、社科联和科协、残联、侨联等群团组织作用。",
     ["工会", "共青团", "妇联", "文联", "工商联", "社科联", "科协", "残联", "侨联"]),
])
def test_the_bodies_of_a_list_of_mass_organisations_are_orgs(mentions, text: str, bodies: list[str]) -> None:
    assert mentions(HEADING + text, "ORG") == bodies


def test_a_list_without_the_class_names_no_body(mentions) -> None:
    assert mentions(HEADING + "做好工会、共青团、妇联工作。", "ORG") == []
