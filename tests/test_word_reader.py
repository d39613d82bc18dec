"""One reading of a Word file: `text`, `check` and `import` see the same words."""

from __future__ import annotations

from docx import Document
from lxml import etree

from generator.checking.reading import Para
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
