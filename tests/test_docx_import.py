"""Word import. The documents are made here with python-docx (footnotes added to the package by
hand, since python-docx cannot write them), so no binary file is kept in the repository."""

from __future__ import annotations

import io
import re
import shutil
import struct
import zipfile
import zlib
from pathlib import Path

import docx
import pytest
from docx.shared import Cm

from build_tools.__main__ import main, validate
from build_tools.importer.docx import WordSource, read_docx_file
from build_tools.markdown import render_body
from build_tools.problems import Severity

FOOTNOTE_MARK = "FOOTNOTE-MARK"


def png(width: int = 2, height: int = 2) -> bytes:
    """A tiny valid PNG (red pixels)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def with_footnote(data: bytes, text: str) -> bytes:
    """Adds footnote 1 with `text`, referenced where the document says FOOTNOTE-MARK, and a second
    level to the bullet list."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    footnotes = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{w}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
        f'</w:footnote><w:footnote w:id="1"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:footnote></w:footnotes>'
    )
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "word/document.xml":
                content = content.replace(f"<w:t>{FOOTNOTE_MARK}</w:t>".encode(), b'<w:footnoteReference w:id="1"/>')
            elif item.filename == "word/_rels/document.xml.rels":
                content = content.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdFootnotes" Target="footnotes.xml" Type="http://schemas.openxmlformats'
                    b'.org/officeDocument/2006/relationships/footnotes"/></Relationships>',
                )
            elif item.filename == "word/numbering.xml":
                # python-docx's bullet list has one level; a nested item needs a second.
                content = re.sub(
                    rb'(<w:abstractNum w:abstractNumId="8">.*?)(</w:abstractNum>)',
                    rb'\1<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/></w:lvl>\2',
                    content,
                    count=1,
                    flags=re.DOTALL,
                )
            elif item.filename == "[Content_Types].xml":
                content = content.replace(
                    b"</Types>",
                    b'<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-'
                    b'officedocument.wordprocessingml.footnotes+xml"/></Types>',
                )
            target.writestr(item, content)
        target.writestr("word/footnotes.xml", footnotes)
    return out.getvalue()


def paper_docx(path: Path) -> Path:
    """A paper laid out as students send them: codes, title, author block, body, references."""
    document = docx.Document()
    document.add_paragraph("UDC 327.8")
    document.add_paragraph("COUNTRY IMAGE AND PUBLIC DIPLOMACY")
    document.add_paragraph("Bodenova Alsina")
    document.add_paragraph("alsina@example.org")
    document.add_paragraph(
        "Master's student of the Faculty of International Relations, L.N. Gumilyov Eurasian National "
        "University, Astana, Kazakhstan. Supervisor – D.K Akhmedyanova"
    )
    intro = document.add_paragraph("The image of a country is a resource of ")
    intro.add_run("soft power").bold = True
    intro.add_run(", as Nye argued")
    intro.add_run(FOOTNOTE_MARK)
    intro.add_run(". A <script>alert(1)</script> tag in the text stays text.")
    document.add_heading("Instruments of public diplomacy", level=1)
    document.add_paragraph("cultural diplomacy;", style="List Bullet")
    nested = document.add_paragraph("exchange programmes;", style="List Bullet")
    bullets = document.styles["List Bullet"].element.pPr.numPr.numId.val
    numbering = nested._p.get_or_add_pPr().get_or_add_numPr()
    numbering.get_or_add_ilvl().val = 1
    numbering.get_or_add_numId().val = bullets
    document.add_paragraph("international broadcasting.", style="List Bullet")
    document.add_paragraph("first step", style="List Number")
    document.add_paragraph("second step", style="List Number")
    table = document.add_table(rows=2, cols=2)
    for (row, col), text in {(0, 0): "Country", (0, 1): "Rank", (1, 0): "Kazakhstan", (1, 1): "42 | 45"}.items():
        table.cell(row, col).text = text
    picture = path.parent / "figure.png"
    picture.write_bytes(png())
    document.add_picture(str(picture), width=Cm(2))
    document.add_paragraph("The figure shows the survey's result.")
    document.add_paragraph("References")
    document.add_paragraph("1. Nye J. Soft Power: The Means to Success in World Politics. New York, 2004. 191 p.")
    document.add_paragraph("2. Zonova T. Public diplomacy and its actors. URL: http://russiancouncil.ru/en/")
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(with_footnote(buffer.getvalue(), "Nye coined the term in 1990."))
    return path


@pytest.fixture(scope="module")
def document(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return paper_docx(tmp_path_factory.mktemp("docx") / "paper.docx")


@pytest.fixture(scope="module")
def word(document: Path) -> WordSource:
    # mammoth takes about a second to read a document: read it once for the tests that only look.
    return read_docx_file(document)


def test_metadata_is_prefilled_by_the_text_rules(word: WordSource) -> None:
    [draft] = word.source.drafts
    assert draft.udc == ("327.8",)
    assert draft.language == "en"
    assert draft.title == "Country image and public diplomacy"
    assert [a.name for a in draft.authors] == ["Bodenova Alsina"]
    assert draft.authors[0].email == "alsina@example.org"
    assert draft.authors[0].affiliation and "Eurasian National University" in draft.authors[0].affiliation
    assert [s.name for s in draft.supervisors] == ["D.K Akhmedyanova"]
    assert draft.references == (
        "Nye J. Soft Power: The Means to Success in World Politics. New York, 2004. 191 p.",
        "Zonova T. Public diplomacy and its actors. URL: http://russiancouncil.ru/en/",
    )


def test_body_keeps_structure(word: WordSource) -> None:
    body = word.source.drafts[0].body
    blocks = body.split("\n\n")
    # The header (codes, title, authors, affiliation) and the references are not in the body.
    assert blocks[0].startswith("The image of a country is a resource of **soft power**, as Nye argued[^1].")
    assert "UDC" not in body and "alsina@example.org" not in body and "References" not in body
    assert "## Instruments of public diplomacy" in blocks
    assert "- cultural diplomacy;\n    - exchange programmes;\n- international broadcasting." in blocks
    assert "1. first step\n2. second step" in blocks
    assert "| Country | Rank |\n|---|---|\n| Kazakhstan | 42 \\| 45 |" in blocks
    assert "![](image-1.png)" in blocks
    assert body.rstrip().endswith("[^1]: Nye coined the term in 1990.")


def test_body_renders_with_the_sites_markdown(word: WordSource) -> None:
    body = word.source.drafts[0].body
    html = render_body(body).html
    assert "<strong>soft power</strong>" in html
    assert re.search(r"<h2[^>]*>Instruments of public diplomacy</h2>", html)
    assert "<table>" in html and "<td>42 | 45</td>" in html
    assert 'src="image-1.png"' in html
    assert "Nye coined the term in 1990." in html and 'class="footnote-ref"' in html
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_import_command_writes_a_paper_that_validates(
    document: Path, fixture_archive: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    papers = tmp_path / "papers"
    shutil.copytree(fixture_archive, papers)
    assert main(["import", str(document), "--volume", "2021-ir", "--papers", str(papers)]) == 0
    folder = papers / "2021-ir" / "2021-ir-002"
    assert sorted(p.name for p in folder.iterdir()) == ["image-1.png", "paper.md", "paper.yml"]
    assert (folder / "image-1.png").read_bytes() == png()
    assert "[^1]: Nye coined the term in 1990." in (folder / "paper.md").read_text(encoding="utf-8")
    catalog, problems = validate(papers)
    assert [p.format() for p in problems if p.severity is Severity.ERROR] == []
    paper = catalog.papers["2021-ir-002"]
    assert paper.title.en == "Country image and public diplomacy"
    assert catalog.credited(paper, "supervisors")[0].id == "akhmedyanova-d-k"
    assert "Traceback" not in capsys.readouterr().err


def bmp() -> bytes:
    """A 1x1 BMP: a format Word keeps but browsers do not show."""
    pixels = b"\x00\x00\xff\x00"
    header = struct.pack("<2sIHHI", b"BM", 54 + len(pixels), 0, 0, 54)
    info = struct.pack("<IiiHHIIiiII", 40, 1, 1, 1, 24, 0, len(pixels), 2835, 2835, 0, 0)
    return header + info + pixels


def test_a_document_without_udc_line_is_imported_whole(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Регионализм в Центральной Азии", level=1)
    document.add_paragraph("Интеграционные процессы в регионе развиваются медленно.")
    (tmp_path / "scan.bmp").write_bytes(bmp())
    document.add_picture(str(tmp_path / "scan.bmp"))
    path = tmp_path / "draft.docx"
    document.save(str(path))
    word = read_docx_file(path)
    [draft] = word.source.drafts
    assert draft.title == "Регионализм в Центральной Азии"
    assert draft.language == "ru"
    assert draft.body == "Интеграционные процессы в регионе развиваются медленно.\n"
    assert any("no UDC" in n.message for n in word.source.notices)
    # The BMP is the third paragraph; it is reported there, not linked.
    [skipped] = [n for n in word.source.notices if "image" in n.message]
    assert (skipped.first_line, skipped.last_line) == (3, 3)
    assert "image/bmp" in skipped.message
    assert word.images == ((),)


def test_not_a_word_file_is_refused_clearly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "paper.docx"
    bad.write_bytes(b"this is not a zip file")
    papers = tmp_path / "papers"
    (papers / "2020-ir").mkdir(parents=True)
    assert main(["import", str(bad), "--volume", "2020-ir", "--papers", str(papers)]) == 1
    err = capsys.readouterr().err
    assert "cannot be read as a Word document" in err and "Traceback" not in err
    assert list((papers / "2020-ir").iterdir()) == []


def test_a_document_with_two_papers_splits_at_each_udc_line(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("UDC 327.8")
    document.add_paragraph("SOFT POWER OF SMALL STATES")
    document.add_paragraph("Bodenova Alsina")
    document.add_paragraph("Master's student, Eurasian National University. Supervisor – D.K Akhmedyanova")
    document.add_paragraph("Small states use culture as a resource.")
    document.add_paragraph("References")
    document.add_paragraph("1. Nye J. Soft power. 2004.")
    document.add_paragraph("ӘОЖ 327.7")
    document.add_paragraph("ҰЛЫБРИТАНИЯ ЖӘНЕ ЕУРОПАЛЫҚ ОДАҚ ҚАРЫМ-ҚАТЫНАСТАРЫ")
    document.add_paragraph("Ерғалиева Айша Айтжанқызы")
    document.add_paragraph(
        "Л.Н. Гумилев атындағы Еуразия Ұлттық университеті Халықаралық қатынастар факультетінің 2-курс студенті, "
        "Нұр-Сұлтан, Қазақстан Ғылыми жетекшісі – Дауылбаев А.Б."
    )
    document.add_heading("Кіріспе", level=1)
    document.add_paragraph("Еуропалық интеграция мәселесі көпвекторлы процесс ретінде қарастырылады.")
    document.add_paragraph("Пайдаланылған әдебиеттер тізімі")
    document.add_paragraph("1. Ақаев Б. Еуропалық Одақ. Алматы, 2018.")
    path = tmp_path / "volume.docx"
    document.save(str(path))
    english, kazakh = read_docx_file(path).source.drafts
    assert (english.first_line, english.last_line) == (1, 7)
    assert english.body == "Small states use culture as a resource.\n"
    assert english.references == ("Nye J. Soft power. 2004.",)
    assert kazakh.language == "kk"
    assert kazakh.udc == ("327.7",)
    assert kazakh.title == "Ұлыбритания және еуропалық одақ қарым-қатынастары"
    assert [s.name for s in kazakh.supervisors] == ["Дауылбаев А.Б."]
    assert kazakh.authors[0].status == "2-курс студенті"
    assert kazakh.body.startswith("## Кіріспе\n\nЕуропалық интеграция")
    assert kazakh.references == ("Ақаев Б. Еуропалық Одақ. Алматы, 2018.",)
