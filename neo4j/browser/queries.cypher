// kg — example queries for Neo4j Browser (http://127.0.0.1:7474/browser/).
//
// Paste one statement (or the whole file) into the editor and run it with Ctrl+Enter. Statements that
// RETURN nodes, relationships or paths draw a graph (in kg's colours: kg neo4j start applies neo4j/browser/style.grass);
// the others answer with a table. Names are matched exactly: change the names in quotes to ask about
// other goals, organisations or projects.
//
// The model (see kg/stores/cypher.py):
//   (:Entity:GOAL|MEASURE|PROJECT|PROGRAMME|PLACE|ORG|INDUSTRY|TARGET {id, label, name})
//   (:Entity)-[:HAS_MEASURE|SERVES|LOCATED_IN|INVOLVES|IN_INDUSTRY {id, doc_ids}]->(:Entity)
//   (:Entity)-[:IN_DOCUMENT {mention_count, attrs_json}]->(:Document {doc_id, title, year, source})
//   (:Evidence {rel_id, doc_id, head_start, head_end, tail_start, tail_end, measure})-[:IN_SENTENCE]->
//       (:Sentence {id, doc_id, text, start, end})-[:PART_OF]->(:Document)
//   (:Mention {doc_id, start, end, text, sentence, attrs_json})-[:MENTION_OF]->(:Entity),
//       (:Mention)-[:IN_SENTENCE]->(:Sentence)
// Every offset counts characters in the original text of the document.

// 1. Which projects serve 产业强市? As a graph: the goal, and every project that serves it.
MATCH (g:GOAL {name: '产业强市'})<-[s:SERVES]-(p:PROJECT)
RETURN g, s, p;

// 1b. The same as a table, with the measure each project is listed under and how much evidence there is.
//     Replace PROJECT by Entity to see programmes and targets too.
MATCH (g:GOAL {name: '产业强市'})<-[s:SERVES]-(p:PROJECT)
OPTIONAL MATCH (ev:Evidence {rel_id: s.id})
RETURN p.name AS project, collect(DISTINCT ev.measure) AS measures, count(ev) AS evidence
ORDER BY project;

// 2. What does 比亚迪 take part in? The projects that involve it, and what those projects serve, where
//    they are and which industry they belong to.
MATCH (o:ORG {name: '比亚迪'})<-[i:INVOLVES]-(p:PROJECT)
OPTIONAL MATCH (p)-[r:SERVES|LOCATED_IN|IN_INDUSTRY]->(x:Entity)
RETURN o, i, p, r, x;

// 3. Show the evidence for this relationship: the sentence and the document it comes from, with the
//    character offsets of the sentence and of both ends. Here the relationship is picked by its ends;
//    to use one you clicked in a graph, copy its id and write MATCH (h)-[r {id: 'rel-…'}]->(t) instead.
MATCH (h:Entity {name: '比亚迪智能制造产业园'})-[r:SERVES]->(t:Entity {name: '产业强市'})
MATCH (ev:Evidence {rel_id: r.id})-[:IN_SENTENCE]->(s:Sentence)-[:PART_OF]->(d:Document)
RETURN type(r) AS relation, h.name AS head, t.name AS tail, d.doc_id AS doc_id, d.title AS title,
       s.text AS sentence, s.start AS sentence_start, s.end AS sentence_end,
       ev.head_start AS head_start, ev.head_end AS head_end,
       ev.tail_start AS tail_start, ev.tail_end AS tail_end, ev.measure AS measure
ORDER BY doc_id, head_start;

// 3b. The same evidence as a graph: relationship → Evidence → Sentence → Document.
MATCH (h:Entity {name: '比亚迪智能制造产业园'})-[r:SERVES]->(t:Entity {name: '产业强市'})
MATCH path = (ev:Evidence {rel_id: r.id})-[:IN_SENTENCE]->(:Sentence)-[:PART_OF]->(:Document)
RETURN h, r, t, path;

// 4. The measures of each goal, as a table.
MATCH (g:GOAL)-[:HAS_MEASURE]->(m:MEASURE)
RETURN g.name AS goal, collect(m.name) AS measures
ORDER BY goal;

// 4b. The same as a graph.
MATCH path = (:GOAL)-[:HAS_MEASURE]->(:MEASURE)
RETURN path;

// 5. Targets with their values. A target's parsed attributes (value, value_high, unit, comparator,
//    metric, hedge such as 力争) are kept per document as JSON text on its IN_DOCUMENT link.
MATCH (t:TARGET)-[l:IN_DOCUMENT]->(d:Document)
OPTIONAL MATCH (t)-[:SERVES]->(g:GOAL)
RETURN t.name AS target, l.attrs_json AS attrs, collect(DISTINCT g.name) AS goals, d.doc_id AS doc_id
ORDER BY target, doc_id;

// 6. Places and what is located there, as a table: the places with most projects first.
MATCH (pl:PLACE)<-[:LOCATED_IN]-(p:PROJECT)
RETURN pl.name AS place, count(p) AS projects, collect(p.name) AS located_there
ORDER BY projects DESC, place;

// 6b. The same as a graph.
MATCH path = (:PROJECT)-[:LOCATED_IN]->(:PLACE)
RETURN path;

// 7. Where an entity is mentioned: document, offsets and sentence of every mention of 比亚迪.
MATCH (m:Mention)-[:MENTION_OF]->(e:Entity {name: '比亚迪'})
MATCH (m)-[:IN_SENTENCE]->(s:Sentence)-[:PART_OF]->(d:Document)
RETURN e.label AS label, d.doc_id AS doc_id, m.start AS mention_start, m.end AS mention_end, m.text AS text, s.text AS sentence
ORDER BY doc_id, mention_start;

// 8. Search names (the full-text index on entity names, CJK analyzer): everything about 物流.
CALL db.index.fulltext.queryNodes('entity_names', '物流') YIELD node, score
RETURN node.label AS label, node.name AS name, node.id AS id, score
ORDER BY score DESC, name
LIMIT 25;

// 9. The documents in the graph and how much was extracted from each.
MATCH (d:Document)
RETURN d.doc_id AS doc_id, d.title AS title, d.year AS year, d.source AS source,
       d.entity_count AS entities, d.relation_count AS relations
ORDER BY doc_id;

// 10. An overview: the knowledge graph without its provenance (the first 300 relationships).
MATCH path = (:Entity)-[:HAS_MEASURE|SERVES|LOCATED_IN|INVOLVES|IN_INDUSTRY]->(:Entity)
RETURN path
LIMIT 300;

// 11. How projects move from report to report: the stage each mention gives a project (谋划, 签约, 开工,
//     续建, 建成, 竣工, 投产), the cue it was read from, a hedge (力争, 计划 …) and an investment or capacity,
//     kept as JSON text in attrs_json on the Mention, by year and document.
MATCH (m:Mention)-[:MENTION_OF]->(p:PROJECT)
WHERE m.attrs_json IS NOT NULL
MATCH (m)-[:IN_SENTENCE]->(:Sentence)-[:PART_OF]->(d:Document)
RETURN p.name AS project, d.year AS year, d.doc_id AS doc_id, m.attrs_json AS attrs, m.sentence AS sentence
ORDER BY project, year, doc_id, m.start
LIMIT 200;

// 11b. How many project mentions each report gives each stage (in lifecycle order). The attrs are JSON
//      text, so a stage is matched as "stage": "开工" within it.
UNWIND ['谋划', '签约', '开工', '续建', '建成', '竣工', '投产'] AS stage
MATCH (m:Mention)-[:MENTION_OF]->(:PROJECT)
WHERE m.attrs_json CONTAINS '"stage": "' + stage + '"'
RETURN m.doc_id AS doc_id, stage, count(m) AS mentions
ORDER BY doc_id;
