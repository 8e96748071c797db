"""What a project's works are is no company: a name that opens on a word describing the works (国际贸易|数字化平台,
智能化|管控平台, 中医药|产业园) or closes on bonded trade (内江保税|物流中心) is no ORG, while an organisation's own name that
opens on such a word (交通银行) still is. The places a dash joins at the opening of a project's name are places apart
(连云港—仪征原油管道, 明中都—小岗村文旅体验), never one place over the dash. Sentences from a review of city-晋城-2024 and
from city-荆门-2024, city-上海-2024, city-亳州-2024, city-滁州-2024, city-连云港-2024, city-深圳-2024 and city-广元-2024,
reports the extractor was not written against."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.pipeline

HEADING = "（三）推动开放型经济发展\n\n提升开放平台能级。"


@pytest.mark.parametrize(("text", "project"), [
    ("推动外贸产业发展，建设国际贸易数字化平台，培育跨境电商、海外仓、市场采购贸易等新业态。", "国际贸易数字化平台"),
    ("加快建设国际航运中心。着眼于提升航运资源全球配置能力，大力发展高端航运服务。", "国际航运中心"),
    ("统筹规划市博物馆、图书馆、中医药文化博物馆、工人文化宫等项目。", "中医药文化博物馆"),
])
def test_a_name_that_opens_on_what_the_works_are_is_no_company(mentions, text: str, project: str) -> None:
    assert project in mentions(HEADING + text, "PROJECT")
    assert mentions(HEADING + text, "ORG") == []


def test_bonded_trade_closes_no_company_and_leaves_the_place(mentions) -> None:
    text = HEADING + "推动滁州保税物流中心（B型）验收运营，加快兰花保税物流中心建设。"
    assert mentions(text, "ORG") == []
    assert "滁州" in mentions(text, "PLACE")


def test_an_organisation_that_opens_on_such_a_word_stays(mentions) -> None:
    text = HEADING + "引进中国建设银行、交通银行等数据中心。"
    assert "交通银行" in mentions(text, "ORG")


@pytest.mark.parametrize(("text", "places"), [
    ("推进连云港—仪征原油管道建设。", {"连云港", "仪征"}),
    ("培育打造大琅琊山康养度假、明中都—小岗村文旅体验等一批特色旅游集聚区。", {"小岗村"}),
    ("开工建设东涌—大雁顶—七娘山生态修复等项目。", {"东涌", "七娘山"}),
])
def test_the_places_a_dash_joins_in_a_project_are_places_apart(mentions, text: str, places: set[str]) -> None:
    found = mentions(HEADING + text, "PLACE")
    assert places <= set(found) and not any("—" in place for place in found), found


def test_a_company_before_a_dash_stays_a_company(mentions) -> None:
    text = HEADING + "全国首个欧投行—进出口银行气候变化框架转贷项目落地广元。"
    assert "欧投行" in mentions(text, "ORG")
