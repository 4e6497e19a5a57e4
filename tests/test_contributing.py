"""The contributor guide and its field reference, generated from the JSON Schemas at build time;
the link check a pull request runs."""

from __future__ import annotations

import copy
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from build_tools import schema
from build_tools.__main__ import main
from build_tools.pipeline import build
from build_tools.render import schema_reference

ROOT = Path(__file__).parent.parent
DOCS = ROOT / "docs"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, fixture_archive_path: Path) -> Path:
    out = tmp_path_factory.mktemp("contributing")
    build(fixture_archive_path, out / "site", work=out / "build", quiet=True)
    return out / "site"


@pytest.fixture(scope="module")
def fixture_archive_path() -> Path:
    return Path(__file__).parent / "fixtures" / "archive"


def descriptions(node: Any) -> Iterator[str]:
    """Every `description` in a schema."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "description" and isinstance(value, str):
                yield value
            else:
                yield from descriptions(value)
    elif isinstance(node, list):
        for item in node:
            yield from descriptions(item)


def page_text(path: Path) -> str:
    return " ".join(BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").get_text(" ").split())


def test_field_reference_page_shows_every_schema_description(site: Path) -> None:
    text = page_text(site / "contributing" / "fields" / "index.html")
    found = [d for name in schema.NAMES for d in descriptions(schema.schema(name))]
    assert len(found) > 40
    for description in found:
        assert " ".join(description.split()) in text, description
    for field in ("udc", "supervisors", "not_same_as", "isbn", "name_latin"):
        assert field in text


def test_field_reference_is_not_copied_into_any_docs_file() -> None:
    long = [d for name in schema.NAMES for d in descriptions(schema.schema(name)) if len(d) > 40]
    for path in DOCS.rglob("*.md"):
        text = " ".join(path.read_text(encoding="utf-8").split())
        copied = [d for d in long if " ".join(d.split()) in text]
        assert copied == [], f"{path} copies the schema: {copied[0]!r}"


def test_a_changed_description_changes_the_reference() -> None:
    schemas = {name: copy.deepcopy(schema.schema(name)) for name in schema.NAMES}
    before = schema_reference.reference(schemas)
    old = schemas["paper"]["$defs"]["author"]["properties"]["status"]["description"]
    schemas["paper"]["$defs"]["author"]["properties"]["status"]["description"] = "Year of study, as printed."
    schemas["volume"]["properties"]["isbn"]["description"] = "The ISBN | printed on the back."
    after = schema_reference.reference(schemas)
    assert old in before and old not in after
    assert "| `status` |  | text | Year of study, as printed. |" in after
    assert "The ISBN \\| printed on the back." in after
    # The live schema was not touched.
    assert schema.schema("paper")["$defs"]["author"]["properties"]["status"]["description"] == old


def test_nested_fields_get_their_own_table_and_link(site: Path) -> None:
    soup = BeautifulSoup((site / "contributing" / "fields" / "index.html").read_text(encoding="utf-8"), "html.parser")
    authors = soup.find(id="field-authors")
    assert authors is not None and "authors[]" in authors.get_text()
    links = [str(a["href"]) for a in soup.find_all("a", href=True) if str(a["href"]).startswith("#field-")]
    assert "#field-authors" in links and "#field-pages" in links and "#field-people" in links
    for href in links:
        assert soup.find(id=href[1:]) is not None, href


GUIDE_STEPS = ["Fork", "Make the paper", "Edit and check", "Look at the site", "pull request", "checks", "Review"]


def test_guide_walks_from_fork_to_publication(site: Path) -> None:
    soup = BeautifulSoup((site / "contributing" / "index.html").read_text(encoding="utf-8"), "html.parser")
    headings = [h.get_text(" ", strip=True) for h in soup.select("article h2")]
    positions = [next(i for i, h in enumerate(headings) if step.lower() in h.lower()) for step in GUIDE_STEPS]
    assert positions == sorted(positions), headings
    text = soup.get_text(" ")
    for command in ("build_tools new --volume", "build_tools import paper.docx", "build_tools validate", "serve"):
        assert command in text, command
    assert soup.find("a", href="fields/") is not None


def test_lists_in_hand_written_pages_are_lists(site: Path) -> None:
    # Python-Markdown nests a list only under four spaces, and starts one after a paragraph only
    # past a blank line: otherwise its items stay text, `- ` and all, inside the paragraph.
    for source in DOCS.rglob("*.md"):
        relative = source.relative_to(DOCS).with_suffix("")
        folder = relative.parent if relative.name == "index" else relative
        soup = BeautifulSoup((site / folder / "index.html").read_text(encoding="utf-8"), "html.parser")
        for paragraph in soup.select("article p"):
            lines = paragraph.get_text().splitlines()
            assert not any(line.lstrip().startswith("- ") for line in lines), (source, paragraph.get_text()[:200])


# --- check-links ------------------------------------------------------------------------------


def test_built_site_passes_the_link_check(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check-links", str(site)]) == 0
    assert "every internal link and anchor resolves" in capsys.readouterr().err


def test_link_check_finds_broken_links_and_anchors(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "site"
    shutil.copytree(site, broken)
    shutil.rmtree(broken / "2020-ir-002")
    page = broken / "contributing" / "index.html"
    page.write_text(
        page.read_text(encoding="utf-8").replace(
            "</article>", '<a href="fields/#field-nowhere">x</a><a href="javascript:alert(1)">y</a></article>', 1
        ),
        encoding="utf-8",
    )
    assert main(["check-links", str(broken), "--format", "github"]) == 1
    out = capsys.readouterr().out
    assert "no anchor #field-nowhere there" in out
    assert "scheme 'javascript'" in out
    # Every page that linked to the removed paper is named, with its line.
    assert "2020-ir-002/" in out and "file=" in out and ",line=" in out
