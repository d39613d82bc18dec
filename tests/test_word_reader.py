"""One reading of a Word file: `text`, `check` and `import` see the same words."""

from __future__ import annotations

from docx import Document
from lxml import etree

from generator.checking.paragraph import Para
from generator.word.lines import read_lines
from generator.word.text import docx_paragraphs

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TRICKY = (f'<w:p xmlns:w="{W}"><w:r><w:t xml:space="preserve">Quốc phòng</w:t></w:r><w:r><w:noBreakHyphen/></w:r>'
          '<w:r><w:t xml:space="preserve">an ninh </w:t></w:r>'
          '<w:moveFrom w:id="1" w:author="a" w:date="2026-01-01T00:00:00Z"><w:r><w:t>chữ cũ </w:t></w:r></w:moveFrom>'
          '<w:del w:id="2" w:author="a" w:date="2026-01-01T00:00:00Z"><w:r><w:delText>bỏ đi </w:delText></w:r></w:del>'
          '<w:ins w:id="3" w:author="a" w:date="2026-01-01T00:00:00Z"><w:r><w:t>được thêm</w:t></w:r></w:ins>'
          '<w:r><w:rPr><w:vanish/></w:rPr><w:t> chữ ẩn</w:t></w:r>'
          '<w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>.</w:t></w:r></w:p>')
SEEN = "Quốc phòng-an ninh được thêm."


def test_text_check_and_import_read_the_same_words(tmp_path):
    document = Document()
    paragraph = document.add_paragraph("")
    paragraph._p.getparent().replace(paragraph._p, etree.fromstring(TRICKY))
    path = tmp_path / "van-ban.docx"
    document.save(path)
    assert docx_paragraphs(path) == [SEEN]
    assert [line.plain for line in read_lines(path)] == [SEEN]
    assert [Para(p, {}).text for p in Document(path).paragraphs] == [SEEN]


def test_a_zip_bomb_is_refused_by_every_command_before_it_is_unpacked(tmp_path, runner):
    import zipfile

    from generator.cli.app import app

    bomb = tmp_path / "bom.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as part:
            for _ in range(30):
                part.write(b" " * 2**20)  # 30 MB of XML, a few KB on disk
    assert bomb.stat().st_size < 200_000
    for command in (["text", str(bomb)], ["import", str(bomb), "-o", str(tmp_path / "x.yaml")],
                    ["diff", str(bomb), str(bomb)], ["check", str(bomb)]):
        result = runner.invoke(app, command)
        assert result.exit_code == 2, (command, result.output)
        assert "quá lớn cho một văn bản" in " ".join(result.output.split()), (command, result.output)
    assert not (tmp_path / "x.yaml").exists()


MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
BOXED = (f'<w:p xmlns:w="{W}" xmlns:mc="{MC}" xmlns:wps="{WPS}"><w:r><w:t xml:space="preserve">Đoạn có khung. </w:t></w:r>'
         '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>'
         '<w:p><w:r><w:t>Chữ trong khung</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice>'
         '<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>Chữ trong khung</w:t></w:r></w:p></w:txbxContent>'
         '</w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>')
CUSTOM = (f'<w:customXml xmlns:w="{W}" w:element="noi-dung"><w:p><w:r><w:t>Đoạn trong khối XML riêng.</w:t></w:r></w:p>'
          '</w:customXml>')


def test_a_text_box_is_read_once_and_a_custom_xml_block_is_read(tmp_path):
    document = Document()
    for xml in (BOXED, CUSTOM):
        paragraph = document.add_paragraph("")
        paragraph._p.getparent().replace(paragraph._p, etree.fromstring(xml))
    path = tmp_path / "van-ban.docx"
    document.save(path)
    expected = ["Đoạn có khung.", "Chữ trong khung", "Đoạn trong khối XML riêng."]
    assert docx_paragraphs(path) == expected  # text, diff and git's textconv
    assert [line.plain for line in read_lines(path)] == expected  # import
    assert [Para(p, {}).text for p in Document(path).paragraphs][:1] == ["Đoạn có khung."]  # check


def test_a_box_inside_a_box_is_read_once():
    """A text box whose paragraph anchors another (shapes grouped in a box): every word once."""
    from lxml import etree

    from generator.word.text import paragraph_text, text_box_paragraphs

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    anchor = etree.fromstring(
        f'<w:p xmlns:w="{w}"><w:r><w:t>neo</w:t></w:r><w:r><w:txbxContent>'
        '<w:p><w:r><w:t>ngoài</w:t></w:r><w:r><w:txbxContent><w:p><w:r><w:t>trong</w:t></w:r></w:p>'
        '</w:txbxContent></w:r></w:p></w:txbxContent></w:r></w:p>')
    texts = [paragraph_text(p) for p in text_box_paragraphs(anchor)]
    assert texts == ["ngoài", "trong"]
    assert paragraph_text(anchor) == "neo"


def _with_body(path, body: bytes, prefix: str = "w", extra_parts: int = 0) -> None:
    """A real .docx whose body is `body` (raw XML with `prefix` bound to Word's namespace), built by
    python-docx and then rewritten: the hostile files a builder makes cheaply."""
    import zipfile

    Document().save(path)
    with zipfile.ZipFile(path) as original:
        parts = {info.filename: original.read(info) for info in original.infolist()}
    parts["word/document.xml"] = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                                  f'<{prefix}:document xmlns:{prefix}="{W}"><{prefix}:body>').encode() + body + \
        f"</{prefix}:body></{prefix}:document>".encode()
    for n in range(extra_parts):
        parts[f"customXml/item{n}.xml"] = b"<a/>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def _every_command_refuses(runner, tmp_path, path, *needles: str) -> None:
    from generator.cli.app import app

    for command in (["text", str(path)], ["import", str(path), "-o", str(tmp_path / "x.yaml")],
                    ["diff", str(path), str(path)], ["check", str(path)]):
        result = runner.invoke(app, command)
        said = " ".join(result.output.split())
        assert result.exit_code == 2, (command, said)
        assert all(needle in said for needle in needles), (command, said)
    assert not (tmp_path / "x.yaml").exists()


def test_a_file_of_a_million_paragraphs_is_refused_by_every_command_with_the_limit(tmp_path, runner):
    path = tmp_path / "trieu doan.docx"
    _with_body(path, b"<w:p/>" * 1_000_000)  # 6 MB of XML: within the byte limits, a few KB on disk
    assert path.stat().st_size < 100_000
    _every_command_refuses(runner, tmp_path, path, "hơn 20.000 đoạn văn", "giới hạn 20.000")


def test_the_counts_do_not_depend_on_the_prefix_a_file_binds(tmp_path, runner):
    """Word's namespace may be bound to any prefix: the reader follows the namespace, so must the limits."""
    path = tmp_path / "tien to.docx"
    _with_body(path, b"<x:p><x:r><x:t>a</x:t></x:r></x:p>" * 20_001, prefix="x")
    _every_command_refuses(runner, tmp_path, path, "hơn 20.000 đoạn văn")


def test_runs_cells_and_parts_have_limits_too(tmp_path, runner):
    runs = tmp_path / "runs.docx"
    _with_body(runs, b"<w:p>" + b"<w:r><w:t>a</w:t></w:r>" * 100_001 + b"</w:p>")
    _every_command_refuses(runner, tmp_path, runs, "hơn 100.000 đoạn chữ (run)")
    cells = tmp_path / "cells.docx"
    _with_body(cells, b"<w:tbl><w:tr>" + b"<w:tc/>" * 20_001 + b"</w:tr></w:tbl><w:p/>")
    _every_command_refuses(runner, tmp_path, cells, "hơn 20.000 ô bảng")
    parts = tmp_path / "parts.docx"
    _with_body(parts, b"<w:p/>", extra_parts=2_001)
    _every_command_refuses(runner, tmp_path, parts, "phần bên trong", "giới hạn 2.000")


def test_nesting_beyond_what_the_parser_reads_is_named_as_such(tmp_path, runner):
    path = tmp_path / "long nhau.docx"
    _with_body(path, b"<w:sdt><w:sdtContent>" * 300 + b"<w:p/>" + b"</w:sdtContent></w:sdt>" * 300)
    _every_command_refuses(runner, tmp_path, path, "lồng nhau quá sâu")


def test_a_text_longer_than_the_parser_takes_is_named_as_such(tmp_path, runner):
    path = tmp_path / "doan dai.docx"
    _with_body(path, b"<w:p><w:r><w:t>" + b"a" * (11 * 2**20) + b"</w:t></w:r></w:p>")
    _every_command_refuses(runner, tmp_path, path, "một đoạn chữ dài hơn 10 MB")


def test_a_document_at_the_limits_is_read(tmp_path):
    """Just under every limit: read, not refused (the limits are not set below what they promise)."""
    path = tmp_path / "vua du.docx"
    _with_body(path, "<w:p><w:r><w:t>Đoạn văn.</w:t></w:r></w:p>".encode() * 20_000)
    assert len(docx_paragraphs(path)) == 20_000


def _paragraph_xml():
    """Any paragraph built from what hides a word or shapes it: runs of text, tabs, breaks of every type,
    non-breaking hyphens, deleted text; wrapped in insertions, deletions, moves, hyperlinks, smart tags;
    hidden or shown-again text; text boxes with their older readers' copy; comments inside w:t."""
    from hypothesis import strategies as st

    text = st.text(alphabet="aăđ ê.,\t", max_size=6).map(lambda t: t.replace("&", ""))
    piece = st.one_of(
        text.map(lambda t: f'<w:t xml:space="preserve">{t}</w:t>'), st.just("<w:tab/>"), st.just("<w:cr/>"),
        st.sampled_from(["", ' w:type="page"', ' w:type="textWrapping"', ' w:type="column"']).map(
            lambda a: f"<w:br{a}/>"),
        st.just("<w:noBreakHyphen/>"), text.map(lambda t: f"<w:delText>{t}</w:delText>"),
        st.just("<w:t>a<!-- ghi chú -->b</w:t>"))
    props = st.sampled_from(["", "<w:rPr><w:b/></w:rPr>", "<w:rPr><w:vanish/></w:rPr>",
                             '<w:rPr><w:vanish w:val="0"/></w:rPr>'])
    run = st.builds(lambda p, pieces: f"<w:r>{p}{''.join(pieces)}</w:r>", props, st.lists(piece, max_size=3))
    box = st.builds(lambda inner: '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx>'
                    f'<w:txbxContent><w:p>{inner}</w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice>'
                    f'<mc:Fallback><w:pict><w:txbxContent><w:p>{inner}</w:p></w:txbxContent></w:pict></mc:Fallback>'
                    '</mc:AlternateContent></w:r>', run)
    wrapped = st.builds(lambda tag, r: f'<w:{tag} w:id="1" w:author="a">{r}</w:{tag}>' if tag else r,
                        st.sampled_from(["", "ins", "del", "moveFrom", "moveTo", "hyperlink", "smartTag"]), run)
    return st.lists(st.one_of(wrapped, box), max_size=6).map(
        lambda items: f'<w:p xmlns:w="{W}" xmlns:mc="{MC}" xmlns:wps="{WPS}">{"".join(items)}</w:p>')


def test_the_one_pass_reading_gives_the_runs_of_the_run_by_run_one():
    """text, diff, textconv and check read every paragraph in one pass (word.onepass): for any
    paragraphs, the same runs with the same words, in the same order, as the run-by-run reading
    (check resolves a signature met for the first time through the run of the same place)."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from generator.word.onepass import PartReading
    from generator.word.text import paragraph_texts, visible_run_texts

    @settings(max_examples=300, deadline=None)
    @given(st.lists(_paragraph_xml(), min_size=1, max_size=4))
    def same(paragraphs: list[str]) -> None:
        # all together, and each alone: a part with no removal, text box or hidden text takes the plain reading
        for together in ["".join(paragraphs), *paragraphs]:
            body = etree.fromstring(f'<w:body xmlns:w="{W}">' + together + "</w:body>")
            reading, words = PartReading(body), paragraph_texts(body)
            for element in body.iter(f"{{{W}}}p"):
                walked = [text for _, text in visible_run_texts(element)]
                assert [text for _, text in reading.of(element).runs] == walked, paragraphs
                assert words[element] == "".join(walked)

    same()


def test_a_stream_is_bounded_like_a_file(tmp_path):
    """docx_paragraphs given the bytes of an upload: the same limits as for a path."""
    import io

    import pytest

    from generator.word.limits import NotReadable

    path = tmp_path / "trieu doan.docx"
    _with_body(path, b"<w:p/>" * 30_000)
    with pytest.raises(NotReadable, match="hơn 20.000 đoạn văn"):
        docx_paragraphs(io.BytesIO(path.read_bytes()))


def test_equal_formatting_signatures_mean_equal_properties():
    """check resolves formatting once per signature: two runs whose properties differ never share one,
    whatever their values hold (parentheses, spaces, '=' typed into a font name to pass for markup)."""
    from hypothesis import example, given, settings
    from hypothesis import strategies as st

    from generator.word.onepass import PartReading

    value = st.text(alphabet="a )(=:1w\ue001\ue002\ue003\ue004", max_size=8).map(lambda t: t.replace("&", ""))
    child = st.builds(lambda tag, attributes: f"<w:{tag}{''.join(f' w:{n}={quote(v)}' for n, v in attributes)}/>",
                      st.sampled_from(["b", "i", "rFonts", "sz"]),
                      st.lists(st.tuples(st.sampled_from(["val", "ascii"]), value), max_size=2, unique_by=lambda a: a[0]))
    properties = st.lists(child, max_size=3).map(lambda children: f"<w:rPr>{''.join(children)}</w:rPr>")

    def quote(text: str) -> str:
        return '"' + text.replace('"', "") + '"'

    @settings(max_examples=300, deadline=None)
    @given(properties, properties)
    @example('<w:rPr><w:rFonts w:ascii="Arial )w:b(w:val=1"/></w:rPr>',  # a font name that reads as bold markup
             '<w:rPr><w:rFonts w:ascii="Arial"/><w:b w:val="1"/></w:rPr>')
    def distinct(first: str, second: str) -> None:
        body = etree.fromstring(f'<w:body xmlns:w="{W}"><w:p><w:r>{first}<w:t>x</w:t></w:r></w:p>'
                                f'<w:p><w:r>{second}<w:t>x</w:t></w:r></w:p></w:body>')
        reading = PartReading(body)
        one, two = (reading.of(p).runs[0][0] for p in body.iter(f"{{{W}}}p"))
        if one == two:
            canonical = [etree.tostring(r, method="c14n") for r in body.iter(f"{{{W}}}rPr")]
            assert canonical[0] == canonical[1], (first, second)

    distinct()
