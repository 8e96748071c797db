"""Generate pipelines/data/admin_divisions.tsv and countries.tsv from jionlp's dictionaries.

jionlp (a dev dependency, pinned in pyproject.toml) ships China's administrative divisions down to
towns and villages (dictionary/china_location.zip) and a list of the world's countries
(dictionary/world_location.txt). kg reads neither at run time: importing jionlp takes seconds and its
files hold 700,000 lines, so this script writes the part kg needs (provinces, prefectures, counties
and towns; country names) as compact data files. tests/unit/test_gazetteer.py checks they match the
installed package.

    .venv/bin/python scripts/gen_gazetteer.py          # rewrite the data files
    .venv/bin/python scripts/gen_gazetteer.py --check  # exit 1 if they differ from the package
"""

from __future__ import annotations

import argparse
import importlib.metadata
import importlib.util
import re
import sys
import zipfile
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "pipelines" / "data"
ADMIN_FILE, COUNTRY_FILE = DATA / "admin_divisions.tsv", DATA / "countries.tsv"
LEVELS = ("province", "city", "county", "town")
# Town-level units are kept when their name ends like a town, township or street (街道); the rest at
# that level are farms, development zones and offices (林场, 经济开发区, 办事处), not divisions.
TOWN_ENDINGS = ("街道", "镇", "乡", "苏木")
# Counties directly under a province (仙桃, 济源) hang from the province, towns directly under a city
# (东莞, 中山) from the city.
NOT_A_CITY, NOT_A_COUNTY_NODE = "省直辖行政区划", "市直辖行政区划"
# County-level statistical units that are development zones or offices, not divisions (长春高新技术产业开发区,
# 衡阳综合保税区, 乌拉盖管委会): left out with the towns under them, which would otherwise seem to lie in
# the county before.
NOT_A_COUNTY = re.compile(r"开发区|高新技术|工业园区|化工园区|创意园区|产业园|工业园|保税区|示范区|管委会|委员会|合作区|试验区"
                          r"|实验区|管理区|新城$|的")


def jionlp_dictionary() -> Path:
    """jionlp's dictionary folder, found without importing jionlp (its import is slow)."""
    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("jionlp is not installed: .venv/bin/pip install -e '.[dev]'")
    return Path(next(iter(spec.submodule_search_locations))) / "dictionary"


def admin_rows(dictionary: Path) -> list[tuple[str, str, str, str]]:
    """(level, full name, short form or "", code or "") in tree order: a row's parent is the last row
    before it of a higher level. Children of a skipped level (仙桃 under 省直辖行政区划) come right after
    their parent, before its other children, so that they hang from it."""
    with zipfile.ZipFile(dictionary / "china_location.zip") as archive:
        text = archive.read("china_location.txt").decode("utf-8")
    root: list = []  # nodes: [row, direct children, other children]
    stack: list = [None] * 4  # the kept node at each depth, or None
    skipped_county = False
    for line in text.splitlines():
        depth = len(line) - len(line.lstrip("\t"))
        if depth > 3 or not line.strip():
            continue
        name, code, short = (line.strip("\t").split("\t") + ["", ""])[:3]
        if depth <= 2:
            skipped_county = depth == 2 and bool(NOT_A_COUNTY.search(name))  # with its towns
        if skipped_county or (depth == 3 and not name.endswith(TOWN_ENDINGS)):
            continue
        if name in (NOT_A_CITY, NOT_A_COUNTY_NODE):
            stack[depth] = None
            continue
        if depth == 1 and stack[0] and name == short == stack[0][0][2]:
            stack[depth] = None
            continue  # 香港 under 香港特别行政区: the region itself, not a city
        short = "" if short in (name, "省直辖") else short
        if depth == 1 and not short and name.endswith(("地区", "盟")):
            short = name.removesuffix("地区").removesuffix("盟")  # 阿里地区 → 阿里, 兴安盟 → 兴安
        if depth == 3:
            short = town_short(name)
        node = [(LEVELS[depth], name, short, code), [], []]
        parent_depth = next((d for d in range(depth - 1, -1, -1) if stack[d] is not None), None)
        if parent_depth is None:
            root.append(node)
        else:
            stack[parent_depth][1 if parent_depth < depth - 1 else 2].append(node)
        stack[depth] = node
        for lower in range(depth + 1, 4):
            stack[lower] = None
    rows: list[tuple[str, str, str, str]] = []

    def walk(nodes: list) -> None:
        for row, direct, other in nodes:
            rows.append(row)
            walk(direct)
            walk(other)

    walk(root)
    return rows


def town_short(name: str) -> str:
    """龙泉镇 → 龙泉, 小溪塔街道 → 小溪塔; "" when too short or an ethnic township (回族乡)."""
    for ending in TOWN_ENDINGS:
        if name.endswith(ending):
            stem = name[: -len(ending)]
            return stem if len(stem) >= 2 and not stem.endswith("族") else ""
    return ""


def country_rows(dictionary: Path) -> list[tuple[str, str, str]]:
    """(short name, full name, continent) of every country in world_location.txt."""
    rows, continent = [], ""
    for line in (dictionary / "world_location.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        if line.rstrip().endswith(":"):
            continent = line.strip().rstrip(":")
            continue
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0] != "中国":
            rows.append((parts[0].strip(), parts[1].strip(), continent))
    return rows


def render() -> dict[Path, str]:
    dictionary = jionlp_dictionary()
    version = importlib.metadata.version("jionlp")
    head = f"# Generated by scripts/gen_gazetteer.py from jionlp {version}; do not edit by hand.\n"
    admin = head + (
        "# level<TAB>full name<TAB>short form<TAB>code, in tree order: a row's parent is the last row above it\n"
        "# of a higher level (province > city > county > town).\n")
    admin += "".join("\t".join(row) + "\n" for row in admin_rows(dictionary))
    countries = head + "# short name<TAB>full name<TAB>continent\n"
    countries += "".join("\t".join(row) + "\n" for row in country_rows(dictionary))
    return {ADMIN_FILE: admin, COUNTRY_FILE: countries}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args()
    stale = []
    for path, text in render().items():
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(path.name)
        else:
            path.write_text(text, encoding="utf-8")
    if stale:
        print("out of date: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
