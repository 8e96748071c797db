"""Web pages as input: what a reader sees of a page is the document (pipelines.html_text), without the portal around
it, read from ``.html`` and ``.htm`` files and from JSONL lines marked ``"format": "html"``; a page extracts as its
text does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.model import Document
from pipelines.html_text import page_text
from pipelines.ingest import read_documents

SEED = Path(__file__).resolve().parents[2] / "corpus" / "hengyang-2021-goals.txt"
# A paragraph of a report, longer than the portal's words around it (as every report is)
REPORT = "加快建设比亚迪智能制造产业园、东阳渡综合物流产业园，推进“3311”工程计划，力争新增规模以上工业企业150家。"


def test_blocks_are_paragraphs_and_a_break_is_a_line():
    text, _ = page_text("<div><h3>（一）推进产业强市。</h3><p>加快建设产业园。<br/>推进工程。</p><ul><li>甲</li><li>乙</li></ul></div>")
    assert text == "（一）推进产业强市。\n\n加快建设产业园。\n推进工程。\n\n甲\n\n乙\n"


def test_what_a_reader_never_sees_is_left_out():
    html = ("<html><head><title> 报告 </title><style>p{color:red}</style><script>var s = '（一）假标题。';</script>"
            "</head><body><!-- （二）注释。 --><noscript>请启用脚本</noscript><template><p>模板</p></template>"
            "<p>正文。</p></body></html>")
    assert page_text(html) == ("正文。\n", "报告")


def test_character_references_are_decoded_and_the_indent_kept():
    text, _ = page_text("<p>&emsp;&emsp;推进&ldquo;3311&rdquo;工程&amp;计划，&#x4E00;&#20108;&nbsp;三</p>")
    assert text == "\u2003\u2003推进“3311”工程&计划，一二\u00a0三\n"


def test_the_sources_line_breaks_inside_chinese_text_are_no_spaces():
    text, _ = page_text("<p>加快建设比亚迪\n      智能制造产业园，建成 5G 基站\n 1000个。</p>")
    assert text == "加快建设比亚迪智能制造产业园，建成 5G 基站 1000个。\n"


def test_table_cells_share_their_rows_line_and_pre_keeps_its_lines():
    text, _ = page_text("<table><tr><td>指标</td><td>目标</td></tr><tr><td>GDP</td><td>增长6%</td></tr></table>"
                        "<pre>第一行\n第二行</pre>")
    assert text == "指标 目标\n\nGDP 增长6%\n\n第一行\n第二行\n"


def test_the_portal_around_the_report_is_left_out():
    html = ("<body><header><h1>某某市人民政府</h1></header><div class='top-nav'><a>首页</a> | <a>政务公开</a></div>"
            "<div id='breadcrumb'>当前位置：首页 > 政府工作报告</div><nav><ul><li>政策</li></ul></nav>"
            f"<div class='article-content'><p>（一）推进产业强市。</p><p>{REPORT}</p></div>"
            "<aside>相关链接</aside><div class='footer'><p>版权所有：某某市人民政府办公室</p></div></body>")
    assert page_text(html)[0] == f"（一）推进产业强市。\n\n{REPORT}\n"


def test_a_page_whose_chrome_is_never_closed_is_read_whole():
    # an unclosed navigation block would hide the report after it: the whole page is read instead
    html = "<div class='nav'><a>首页</a><p>（一）推进产业强市。</p><p>加快建设比亚迪智能制造产业园。</p></body>"
    assert page_text(html)[0] == "首页\n\n（一）推进产业强市。\n\n加快建设比亚迪智能制造产业园。\n"


def test_an_html_file_is_its_text_with_its_title(tmp_path):
    path = tmp_path / "hy.html"
    path.write_bytes("<html><head><meta charset='gbk'><title>衡阳市政府工作报告</title></head>"
                     "<body><p>推进产业强市。</p></body></html>".encode("gbk"))
    (document,) = read_documents(path)
    assert (document.doc_id, document.text, document.title, document.source) == (
        "hy", "推进产业强市。\n", "衡阳市政府工作报告", str(path))


def test_a_folder_holds_html_and_htm_pages(tmp_path):
    for name in ("a.htm", "b.html", "c.txt"):
        (tmp_path / name).write_text("<p>正文。</p>" if name != "c.txt" else "正文。", encoding="utf-8")
    assert [document.doc_id for document in read_documents(tmp_path)] == ["a", "b", "c"]


def test_a_page_that_shows_no_text_is_refused(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><script>var a;</script></head><body><img src='x.png'></body></html>", encoding="utf-8")
    with pytest.raises(InputError, match="shows no text"):
        list(read_documents(path))


def test_a_jsonl_line_may_hold_a_page(tmp_path):
    path = tmp_path / "pages.jsonl"
    lines = [{"doc_id": "p", "text": "<title>报告</title><p>推进&ldquo;3311&rdquo;工程。</p>", "format": "html"},
             {"doc_id": "t", "text": "<p>不是网页</p>", "format": "text"}]
    path.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n", encoding="utf-8")
    page, text = read_documents(path)
    assert (page.text, page.title) == ("推进“3311”工程。\n", "报告")
    assert text.text == "<p>不是网页</p>"


def test_an_unknown_format_is_refused(tmp_path):
    path = tmp_path / "pages.jsonl"
    path.write_text(json.dumps({"text": "正文", "format": "pdf"}) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r'pages.jsonl, line 1: "format" must be one of'):
        list(read_documents(path))


@pytest.mark.pipeline
def test_a_report_printed_as_a_web_page_extracts_as_its_text(extractor, tmp_path):
    """The seed document as a portal prints it (a <p> a paragraph, quotes as references, the source wrapped between
    two Chinese characters every 50 or so): the same mentions and relations as the text."""
    text = SEED.read_text(encoding="utf-8")
    paragraphs = [paragraph.strip() for paragraph in text.split("\n\n") if paragraph.strip()]
    body = "\n".join('<p style="text-indent:2em">' + _wrapped(paragraph).replace("“", "&ldquo;").replace("”", "&rdquo;")
                     + "</p>" for paragraph in paragraphs)
    page = tmp_path / "hengyang.html"
    page.write_text(f"<html><head><title>衡阳</title><script>var x = 1;</script></head><body>\n{body}\n</body></html>",
                    encoding="utf-8")
    (document,) = read_documents(page)

    def facts(doc: Document):
        extraction = extractor.extract(doc)
        spans = {span.id: span for span in extraction.spans}
        return (sorted((span.label, span.text.replace("\n", "")) for span in extraction.spans),
                sorted((link.type, spans[link.head].text.replace("\n", ""), spans[link.tail].text.replace("\n", ""))
                       for link in extraction.links))

    from_page, from_text = facts(document), facts(Document(doc_id="hengyang", text=text))
    assert len(from_text[0]) > 150 and from_page == from_text


def _wrapped(paragraph: str, width: int = 50) -> str:
    """``paragraph`` with a line break of the page's source (and an indent) after every ``width`` characters or
    more, where two Chinese characters meet (where a browser shows nothing of it)."""
    out, since = [], 0
    for index, char in enumerate(paragraph):
        out.append(char)
        since += 1
        if since >= width and "\u4e00" <= char <= "\u9fff" and "\u4e00" <= paragraph[index + 1:index + 2] <= "\u9fff":
            out.append("\n      ")
            since = 0
    return "".join(out)
