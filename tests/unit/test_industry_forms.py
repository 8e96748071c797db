"""A sector named before 业态 is the sector (旅游业态 → 旅游, as in the gold files); 新型农业经营主体 names actors, no sector."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.pipeline


@pytest.mark.parametrize(("text", "industries"), [
    ("（一）文旅融合\n\n补齐旅游要素短板，提质升级旅游业态97个。", ["旅游"]),  # city-黔南-2024
    ("（一）数字经济\n\n培育数字化转型服务商，催生更多数字服务业态。", ["数字服务"]),  # prov-anhui-2025
    ("（一）乡村振兴\n\n培育壮大新型农业经营主体，新增家庭农场100家。", []),  # city-铜陵-2024
])
def test_a_sector_before_its_forms_and_no_sector_before_its_actors(mentions, text: str, industries: list[str]) -> None:
    assert mentions(text, "INDUSTRY") == industries
