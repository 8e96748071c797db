"""The companies a list closed by 等…企业 names before the one the tagger read are ORGs too (支持|隆基、晶科等组件企业: the gold's
万润新能、鑫资集团等企业 marks both), back to a word that opens no company's name (支持, 充分发挥), with the province's 省 when
it opens the item (省|交投). Sentences from a review of city-滁州-2024 and from city-宜春-2024, city-防城港-2024 and
prov-hubei-2025, reports the extractor was not written against."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.pipeline

HEADING = "（二）加快建设现代化产业体系\n\n推动产业转型升级。"


@pytest.mark.parametrize(("text", "companies"), [
    ("光伏产业要壮大龙头企业，支持隆基、晶科等组件企业，捷泰、中润等电池企业。", {"隆基", "晶科", "捷泰", "中润"}),
    ("支持仁和、济民可信等企业加大研发投入。", {"仁和", "济民可信"}),
    ("营收增长26.2％、居全国前列，省联投、省交投、省文旅集团等6家地方国企进入中国企业500强。", {"省交投", "省文旅集团"}),
])
def test_the_companies_listed_before_a_read_one_are_companies(mentions, text: str, companies: set[str]) -> None:
    found = mentions(HEADING + text, "ORG")
    assert companies <= set(found), found


def test_a_list_of_sectors_closed_by_enterprises_names_no_company(mentions) -> None:
    assert mentions(HEADING + "推动钢铁、化工、建材等行业企业绿色转型。", "ORG") == []
