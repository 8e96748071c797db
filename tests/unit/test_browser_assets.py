"""The Neo4j Browser assets in neo4j/browser/: the GraSS stylesheet and the example queries.

The stylesheet is read the way Neo4j Browser reads it (a port of its parser: blocks
``selector { key: value; … }``, strings in quotes, no comments), so that a rule the Browser would mangle
or drop fails here. The queries are checked against what the
Neo4j store writes (kg/stores/cypher.py): every label, relationship type and property they use must be
one the store creates, so that a change of the graph model cannot leave them silently empty.
"""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from kg.model import ENTITY_LABELS, RELATION_TYPES

ROOT = Path(__file__).resolve().parents[2]
BROWSER = ROOT / "neo4j" / "browser"
GRASS = BROWSER / "style.grass"
QUERIES = BROWSER / "queries.cypher"

PROVENANCE_LABELS = ("Document", "Sentence", "Mention", "Evidence")
PROVENANCE_TYPES = ("IN_DOCUMENT", "MENTION_OF", "IN_SENTENCE", "PART_OF")
COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
SIZE = re.compile(r"^\d+(\.\d+)?px$")


def parse_grass(text: str) -> dict[str, dict[str, str]]:
    """``{selector: {property: value}}`` exactly as Neo4j Browser reads a dropped ``.grass`` file.

    A port of ``parseGrassCSS`` (neo4j-browser, src/shared/services/grassUtils.ts): quotes (either kind)
    toggle a string and are dropped; braces inside a block that are not in a string are dropped; a
    property is kept only when it splits on ``:`` into exactly two parts.
    """
    rules: dict[str, str] = {}
    inside_string = inside_props = inside_binding = False
    keyword = props = ""
    for char in text:
        skip = True
        if char == "{":
            if inside_string:
                skip = False
            elif inside_props:
                inside_binding = True
            else:
                inside_props = True
        elif char == "}":
            if inside_string:
                skip = False
            elif inside_binding:
                inside_binding = False
            else:
                inside_props = False
                rules[keyword] = props
                keyword = props = ""
        elif char in "'\"":
            inside_string = not inside_string
        else:
            skip = False
        if skip:
            continue
        if inside_props:
            props += char
        elif not char.isspace():
            keyword += char
    parsed: dict[str, dict[str, str]] = {}
    for selector, body in rules.items():
        parsed[selector] = {}
        for prop in body.split(";"):
            parts = prop.split(":")
            if len(parts) == 2:
                parsed[selector][parts[0].strip()] = parts[1].strip()
    return parsed


@pytest.fixture(scope="module")
def grass() -> dict[str, dict[str, str]]:
    return parse_grass(GRASS.read_text(encoding="utf-8"))


def statements(text: str) -> list[str]:
    """The statements of a Cypher file: ``//`` comments dropped, split at ``;``."""
    code = "\n".join(re.sub(r"//.*$", "", line) for line in text.splitlines())
    parts = code.split(";")
    assert not parts[-1].strip(), f"text after the last ';': {parts[-1].strip()[:80]!r}"
    return [" ".join(p.split()) for p in parts[:-1]]


@pytest.fixture(scope="module")
def queries() -> list[str]:
    return statements(QUERIES.read_text(encoding="utf-8"))


# -- the stylesheet ----------------------------------------------------------------------------------

def test_the_stylesheet_is_plain_grass_the_browser_can_read() -> None:
    text = GRASS.read_text(encoding="utf-8")
    assert "/*" not in text and "//" not in text, "Neo4j Browser's GraSS parser has no comments"
    assert '"' not in text, "captions go in single quotes (older Browsers show double quotes literally)"
    assert text.count("'") % 2 == 0
    bare = re.sub(r"'[^']*'", "''", text)
    assert bare.count("{") == bare.count("}"), "unbalanced blocks"
    declared = re.findall(r"^\s*([\w-]+)\s*:", bare, re.MULTILINE)
    parsed = parse_grass(text)
    assert sum(len(props) for props in parsed.values()) == len(declared), \
        "a property the Browser would drop (a second ':' in its value?)"


def test_every_selector_is_a_node_or_relationship_rule(grass) -> None:
    for selector in grass:
        assert re.fullmatch(r"(node|relationship)(\.\w+)?", selector), selector


@pytest.mark.parametrize("label", [*ENTITY_LABELS, *PROVENANCE_LABELS])
def test_every_label_has_a_colour_size_and_caption(grass, label: str) -> None:
    rule = grass.get(f"node.{label}")
    assert rule is not None, f"style.grass has no node.{label} block"
    assert COLOUR.match(rule.get("color", "")), f"node.{label}: color {rule.get('color')!r}"
    assert COLOUR.match(rule.get("border-color", "")), f"node.{label}: border-color"
    assert COLOUR.match(rule.get("text-color-internal", "")), f"node.{label}: text-color-internal"
    assert SIZE.match(rule.get("diameter", "")), f"node.{label}: diameter {rule.get('diameter')!r}"
    assert re.fullmatch(r"\{\w+\}", rule.get("caption", "")), f"node.{label}: caption {rule.get('caption')!r}"


@pytest.mark.parametrize("label", ENTITY_LABELS)
def test_entities_are_captioned_with_their_name(grass, label: str) -> None:
    assert grass[f"node.{label}"]["caption"] == "{name}"


def test_entity_labels_have_distinct_colours(grass) -> None:
    colours = [grass[f"node.{label}"]["color"].upper() for label in ENTITY_LABELS]
    assert len(set(colours)) == len(colours), colours


def test_the_label_rules_come_after_the_generic_ones(grass) -> None:
    """The Browser merges every rule that matches a node's labels in file order, later ones winning:
    node.GOAL must come after node.Entity (every entity has both labels) to have the last word."""
    order = list(grass)
    assert order.index("node") < order.index("node.Entity")
    for label in ENTITY_LABELS:
        assert order.index("node.Entity") < order.index(f"node.{label}")


@pytest.mark.parametrize("relation_type", [*RELATION_TYPES, *PROVENANCE_TYPES])
def test_every_relationship_type_has_a_colour_and_caption(grass, relation_type: str) -> None:
    rule = grass.get(f"relationship.{relation_type}")
    assert rule is not None, f"style.grass has no relationship.{relation_type} block"
    assert COLOUR.match(rule.get("color", ""))
    assert SIZE.match(rule.get("shaft-width", ""))
    assert rule.get("caption") == "<type>"


def test_the_stylesheet_covers_what_the_store_writes(grass) -> None:
    """Labels and types the Neo4j store creates, read from its Cypher; nothing styled that it does not write."""
    written = store_vocabulary()
    if written is None:
        pytest.skip("kg.stores.cypher is not there")
    labels, types, _ = written
    styled_labels = {s.split(".", 1)[1] for s in grass if s.startswith("node.")}
    styled_types = {s.split(".", 1)[1] for s in grass if s.startswith("relationship.")}
    assert labels <= styled_labels, f"not styled: {sorted(labels - styled_labels)}"
    assert types <= styled_types, f"not styled: {sorted(types - styled_types)}"
    assert styled_labels <= labels, f"styled but never written: {sorted(styled_labels - labels)}"
    assert styled_types <= types, f"styled but never written: {sorted(styled_types - types)}"


# -- the queries -------------------------------------------------------------------------------------

def test_the_queries_are_statements_ending_with_a_semicolon(queries) -> None:
    assert len(queries) >= 6
    for query in queries:
        assert query, "an empty statement (two ';' in a row)"
        assert re.match(r"(MATCH|OPTIONAL MATCH|CALL|WITH|UNWIND)\b", query), query[:80]
        assert re.search(r"\bRETURN\b", query), query[:80]
        assert not re.search(r"\b(CREATE|MERGE|DELETE|DETACH|SET|REMOVE|DROP|LOAD CSV)\b", query), \
            f"an example query writes: {query[:80]}"


def test_the_queries_answer_the_documented_questions() -> None:
    text = QUERIES.read_text(encoding="utf-8")
    for needle in ("{name: '产业强市'}", "{name: '比亚迪'}", ":Evidence {rel_id: r.id}", ":HAS_MEASURE",
                   ":TARGET", ":LOCATED_IN", "head_start", "tail_start", "sentence_start"):
        assert needle in text, needle


def test_the_queries_balance_their_brackets_and_quotes(queries) -> None:
    for query in queries:
        bare = re.sub(r"'[^']*'", "''", query)
        assert query.count("'") % 2 == 0, query[:80]
        for opening, closing in ("()", "[]", "{}"):
            assert bare.count(opening) == bare.count(closing), f"{opening}{closing} in {query[:80]}"


def query_vocabulary(queries: list[str]) -> tuple[set[str], set[str], set[str]]:
    """(labels, relationship types, properties) the queries use."""
    labels: set[str] = set()
    types: set[str] = set()
    properties: set[str] = set()
    for query in queries:
        bare = re.sub(r"'[^']*'", "''", query)
        for node in re.findall(r"\(\s*\w*\s*((?::\s*\w+\s*)+)", bare):
            labels.update(re.findall(r"\w+", node))
        for rel in re.findall(r"\[\s*\w*\s*:\s*([\w|]+)", bare):
            types.update(rel.split("|"))
        properties.update(re.findall(r"(?<![\w.$])[a-z_]\w*\.([a-z_]\w*)\b(?!\s*[.(])", bare))
        properties.update(re.findall(r"\{\s*(\w+)\s*:", bare))
        properties.update(re.findall(r",\s*(\w+)\s*:\s*(?:''|\$|\d)", bare))
    return labels, types, properties


def store_vocabulary() -> tuple[set[str], set[str], set[str]] | None:
    """(labels, relationship types, properties) the Neo4j store writes, read from its Cypher builders."""
    try:
        from kg.stores import cypher
    except ImportError:
        return None
    texts: list[str] = []
    for name in getattr(cypher, "__all__", []):
        function = getattr(cypher, name)
        if not inspect.isfunction(function):
            continue
        arguments = [()] if not inspect.signature(function).parameters else \
            [(value,) for value in (*ENTITY_LABELS, *RELATION_TYPES, 1)]
        for args in arguments:
            try:
                result = function(*args)
            except (TypeError, ValueError):
                continue
            texts.extend(result if isinstance(result, list) else [result])
    writes = [t for t in texts if isinstance(t, str) and re.search(r"\b(CREATE|MERGE|SET)\b", t)
              and not t.lstrip().startswith(("CREATE CONSTRAINT", "CREATE INDEX", "CREATE FULLTEXT"))]
    labels: set[str] = set()
    types: set[str] = set()
    properties: set[str] = set()
    for text in writes:
        for clause in re.findall(r"\b(?:CREATE|MERGE)\b(.*?)(?=\b(?:CREATE|MERGE|SET|WITH|MATCH|UNWIND)\b|$)", text):
            for node in re.findall(r"\(\s*\w*\s*((?::\s*\w+\s*)+)", clause):
                labels.update(re.findall(r"\w+", node))
            for rel in re.findall(r"\[\s*\w*\s*:\s*(\w+)", clause):
                types.add(rel)
            properties.update(re.findall(r"[{,]\s*(\w+)\s*:", clause))
        for clause in re.findall(r"\bSET\b(.*?)(?=\b(?:CREATE|MERGE|WITH|MATCH|UNWIND|RETURN)\b|$)", text):
            labels.update(re.findall(r"\b\w+:(\w+)", clause))
            properties.update(re.findall(r"\b\w+\.(\w+)\s*=", clause))
    return labels, types, properties


def test_the_store_vocabulary_is_read_from_its_cypher() -> None:
    """Guards the reader below: it must find what the store is documented to write."""
    written = store_vocabulary()
    if written is None:
        pytest.skip("kg.stores.cypher is not there")
    labels, types, properties = written
    assert {*ENTITY_LABELS, "Entity"} <= labels
    assert set(RELATION_TYPES) <= types
    assert {"id", "name", "label", "doc_id"} <= properties


def test_the_queries_use_only_what_the_store_writes(queries) -> None:
    written = store_vocabulary()
    if written is None:
        pytest.skip("kg.stores.cypher is not there")
    labels, types, properties = query_vocabulary(queries)
    written_labels, written_types, written_properties = written
    assert labels, "no labels found in the queries: the reader is broken"
    assert labels <= written_labels, f"labels the store never writes: {sorted(labels - written_labels)}"
    assert types <= written_types, f"relationship types the store never writes: {sorted(types - written_types)}"
    assert properties <= written_properties, \
        f"properties the store never writes: {sorted(properties - written_properties)}"


def test_the_full_text_query_names_the_stores_index(queries) -> None:
    try:
        from kg.stores.cypher import FULLTEXT_INDEX
    except ImportError:
        pytest.skip("kg.stores.cypher has no FULLTEXT_INDEX")
    for query in queries:
        for index in re.findall(r"db\.index\.fulltext\.queryNodes\(\s*'(\w+)'", query):
            assert index == FULLTEXT_INDEX
