"""Lists closed by 等 + a head noun: the head says what every item is.

加快A、B和C等项目建设 → A, B, C are PROJECTs; 发展X、Y等若干千亿产业 → INDUSTRY; 落实X、Y等政策 → PROGRAMME.

>>> [c.label for c in find_list_items("加快滨江新区、酃湖高铁新城等片区建设。")]
['PROJECT', 'PROJECT']
>>> text = "支持万润新能、鑫资集团等企业建立数字化平台，培育集成电路、法律服务、央企等企业。"
>>> [(text[c.start:c.end], c.label) for c in find_list_items(text)]
[('万润新能', 'ORG'), ('鑫资集团', 'ORG')]
"""

from __future__ import annotations

import functools
import re

from pipelines.components.candidates import Candidate, clauses_with
from pipelines.components.items import list_items, trim_item
from pipelines.lexicon import Lexicon, read_list

__all__ = ["find_list_items"]

ETC = re.compile("等")
MAX_ITEM = 24
MAX_PROGRAMME_ITEM = 12


@functools.cache
def _heads() -> list[tuple[str, re.Pattern[str]]]:
    heads = []
    for line in read_list("list_heads.txt"):
        label, _, pattern = line.partition("\t")
        heads.append((label.strip(), re.compile(pattern.strip())))
    return heads


def find_list_items(text: str, lexicon: Lexicon | None = None) -> list[Candidate]:
    lexicon = lexicon or Lexicon.default()
    found = []
    for clause_start, clause_end in clauses_with(text, ETC):
        position = text.find("等", clause_start, clause_end)
        while position >= 0:
            label = next((lab for lab, head in _heads() if head.match(text, position + 1, clause_end)), None)
            if label:
                found.extend(_items(text, clause_start, position, label, lexicon))
            position = text.find("等", position + 1, clause_end)
    return found


def _items(text: str, start: int, end: int, label: str, lexicon: Lexicon) -> list[Candidate]:
    start += lexicon.strip_leading(text[start:end])
    found = []
    for item_start, item_end in list_items(text, start, end):
        item_start += lexicon.strip_leading(text[item_start:item_end])
        item_start, item_end = trim_item(text, item_start, item_end, ())
        name = text[item_start:item_end]
        too_long = label == "PROGRAMME" and len(name) > MAX_PROGRAMME_ITEM
        if label == "ORG" and _kind_of_firm(name, lexicon):
            continue
        if 2 <= len(name) <= MAX_ITEM and not too_long and name not in lexicon.generic_terms and "的" not in name:
            found.append(Candidate(item_start, item_end, label, f"list-{label.lower()}"))
    return found


def _kind_of_firm(name: str, lexicon: Lexicon) -> bool:
    """集成电路、法律服务等企业; 独角兽、瞪羚等企业: a trade or a class of firms, not a firm's name."""
    return name in lexicon.industry_terms or name.endswith(FIRM_KINDS)


# Endings of the trades and classes of firms that stand in lists of 企业 (保险业, 法律服务, 世界500强).
FIRM_KINDS = ("业", "企", "服务", "电路", "强", "独角兽", "瞪羚", "执法", "金融", "经济", "保险", "物流")
