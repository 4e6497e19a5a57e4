"""The built site of the fixture archive: pages at their URLs, their content and links, every
internal link and anchor, the nav, page size, determinism, ProperDocs, and a failed build."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag

from build_tools.pipeline import CONFIG, build, read_settings
from build_tools.udc import caption_for

FIXTURE = Path(__file__).parent / "fixtures" / "archive"
EMAILS = ("alsina@example.org", "yergaliyeva_a@example.org")


def settings_of_site() -> tuple[str, str]:
    settings, problems = read_settings(CONFIG)
    assert settings is not None, problems
    return settings.site.url, settings.site.language


def page(site: Path, url: str) -> BeautifulSoup:
    """The page served at `url` (site-relative, directory URLs)."""
    path = site / url / "index.html"
    assert path.is_file(), f"no page at /{url}"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def only(soup: BeautifulSoup | Tag, selector: str) -> Tag:
    found = soup.select(selector)
    assert len(found) == 1, f"{selector}: {len(found)} elements"
    return found[0]


def links(soup: BeautifulSoup | Tag) -> dict[str, str]:
    """Link text -> href, of every link in `soup`."""
    return {a.get_text(" ", strip=True): str(a["href"]) for a in soup.select("a[href]")}


def meta(article: Tag) -> dict[str, list[Tag]]:
    """The paper's metadata list: label -> its <dd> elements."""
    out: dict[str, list[Tag]] = {}
    label = ""
    for item in only(article, "dl.ir-paper__meta").find_all(["dt", "dd"], recursive=False):
        if item.name == "dt":
            label = item.get_text(strip=True)
            out[label] = []
        else:
            out[label].append(item)
    return out


def test_paper_page_shows_every_field_with_its_links(built_site: Path) -> None:
    site_url, interface = settings_of_site()
    soup = page(built_site, "2020-ir-001")
    article = only(soup, "article.ir-paper")
    assert article["lang"] == "en"
    assert only(soup, "html")["lang"] == interface
    assert only(article, "h1").get_text(strip=True) == "Country image as an element of soft power"
    translation = only(article, ".ir-paper__translation")
    assert (translation["lang"], translation.get_text(strip=True)) == ("ru", "Имидж страны как элемент мягкой силы")

    fields = list(meta(article).values())
    authors, supervisors, udc, language, volume, permanent = fields[:6]
    assert [links(a) for a in authors] == [
        {
            "Bodenova Alsina": "../people/bodenova-a/",
            "ORCID 0000-0002-1825-0097": "https://orcid.org/0000-0002-1825-0097",
        }
    ]
    assert "Master's student" in authors[0].get_text() and "Eurasian National University" in authors[0].get_text()
    assert [links(s) for s in supervisors] == [{"D.K Akhmedyanova": "../people/akhmedyanova-d-k/"}]
    found = caption_for("327.8")
    assert found is not None
    assert links(udc[0]) == {"327.8": "../udc/327.8/"}
    assert found[1].get(interface) in udc[0].get_text()
    assert list(links(language[0]).values()) == ["../languages/en/"]
    assert list(links(volume[0]).values()) == ["../volumes/2020-ir/"]
    assert "12–15" in volume[0].get_text()
    assert links(permanent[0]) == {site_url + "2020-ir-001/": site_url + "2020-ir-001/"}

    abstract = only(article, ".ir-paper__abstract")
    assert "soft power and the image of Kazakhstan" in abstract.get_text()
    assert "public diplomacy" in only(abstract, ".ir-paper__keywords").get_text()

    body = only(article, ".ir-paper__body")
    assert [h["id"] for h in body.select("h2")] == ["resources-of-soft-power", "conclusion"]
    assert [li.get_text(strip=True) for li in body.select("ul li")][:1] == ["public diplomacy;"]
    contents = only(article, ".ir-paper__contents")
    assert list(links(contents).values()) == ["#resources-of-soft-power", "#conclusion"]
    # Two navigation landmarks with one name confuse screen readers: the paper's sections list
    # is named apart from the theme's table of contents.
    theme_toc = only(soup, "nav.md-nav--secondary")["aria-label"]
    assert only(contents, "h2").get_text(strip=True) != theme_toc

    references = only(article, ".ir-paper__references").select("ol > li")
    assert [li["id"] for li in references] == ["ref-1", "ref-2", "ref-3"]
    assert references[0].select("a") == []
    assert [a["href"] for a in references[1].select("a")] == ["http://kremlin.ru/events/president/news/15902/"]
    assert [a["href"] for a in references[2].select("a")] == ["https://doi.org/10.1000/xyz123"]


def test_kazakh_page_keeps_cyrillic_anchors_and_its_language(built_site: Path) -> None:
    soup = page(built_site, "2020-ir-002")
    article = only(soup, "article.ir-paper")
    assert article["lang"] == "kk"
    assert [h["id"] for h in article.select(".ir-paper__body h2")] == ["ұлыбритания-және-одақ"]
    authors = next(iter(meta(article).values()))
    assert [list(links(a).values()) for a in authors] == [["../people/ergalieva-a-a/"], ["../people/abilqayyr-n/"]]
    # 327(574) files under its main number and shows the full code.
    udc = [links(dd) for dd in article.select(".ir-paper__udc")]
    assert udc == [{"327.7": "../udc/327.7/"}, {"327(574)": "../udc/327/"}]


def test_no_email_address_is_published(built_site: Path) -> None:
    for path in built_site.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".xml", ".json", ".js", ".bib", ".ris", ".txt"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            for email in EMAILS:
                assert email not in text, f"{email} in {path.relative_to(built_site)}"


def test_volume_page_lists_papers_in_printed_order(built_site: Path) -> None:
    soup = page(built_site, "volumes/2020-ir")
    rows = soup.select(".ir-toc table tbody tr")
    titles = [next(iter(links(row.select("td")[0]).values())) for row in rows]
    assert titles == ["../../2020-ir-001/", "../../2020-ir-002/", "../../2020-ir-003/"]
    assert [row.select("td")[2].get_text(strip=True) for row in rows] == ["12–15", "16–20", "21–24"]
    assert links(rows[1].select("td")[1]) == {
        "Ерғалиева Айша Айтжанқызы": "../../people/ergalieva-a-a/",
        "Әбілқайыр Нұрлан": "../../people/abilqayyr-n/",
    }
    assert "978-601-337-123-8" in soup.get_text()
    # The editor links to the registry person behind the printed name.
    assert links(only(soup, ".ir-volume__meta"))["Ахмедьянова Д.К."] == "../../people/akhmedyanova-d-k/"
    index = page(built_site, "volumes")
    assert list(links(only(index, ".ir-volumes ul")).values()) == ["2021-ir/", "2020-ir/"]
    # No paper of the 2021 volume has page numbers: its contents have no column for them.
    unpaged = page(built_site, "volumes/2021-ir")
    assert len(unpaged.select(".ir-toc th")) == 2 and len(soup.select(".ir-toc th")) == 3
    assert {len(row.select("td")) for row in unpaged.select(".ir-toc tbody tr")} == {2}


def test_details_the_volume_does_not_print_are_shown_and_cited_in_brackets(built_site: Path) -> None:
    """2021-ir's volume.yml lists its year and publisher as `inferred`: readers see them in square
    brackets, as GOST marks what is not taken from the source, and told why; data files keep
    the values alone. The 2020 volume infers nothing and shows no bracket."""
    volume = page(built_site, "volumes/2021-ir")
    details = [dd.get_text(strip=True) for dd in only(volume, ".ir-volume__meta").select("dd")]
    assert details[:3] == ["[2021]", "Нур-Султан", "[Евразийский национальный университет им. Л.Н. Гумилева]"]
    assert "квадратных скобках" in only(volume, ".ir-volume__inferred").get_text()
    assert only(volume, "h1").get_text() == "Материалы студенческой конференции по международным отношениям 2021"
    printed = page(built_site, "volumes/2020-ir")
    assert not printed.select(".ir-volume__inferred") and "[" not in only(printed, ".ir-volume__meta").get_text()
    paper = page(built_site, "2021-ir-001")
    assert "([2021])" in meta(only(paper, "article.ir-paper"))["Сборник"][0].get_text()
    gost = only(paper, "#cite-2021-ir-001-gost").get_text()
    assert gost.endswith("Нур-Султан : [Евразийский национальный университет им. Л.Н. Гумилева], [2021].")
    assert "([2021])" in only(paper, "#cite-2021-ir-001-apa").get_text()
    for bibtex in (
        only(paper, "#cite-2021-ir-001-bibtex").get_text(),
        (built_site / "2021-ir-001" / "2021-ir-001.bib").read_text(encoding="utf-8"),
    ):
        assert 'year = "2021"' in bibtex and "[" not in bibtex
    assert b"PY  - 2021\r\n" in (built_site / "2021-ir-001" / "2021-ir-001.ris").read_bytes()
    assert "(2020)" in page(built_site, "2020-ir-001").get_text()


def test_home_page_has_volumes_newest_papers_and_an_accessible_chart(built_site: Path) -> None:
    soup = BeautifulSoup((built_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert list(links(only(soup, ".ir-home__volumes")).values()) == ["volumes/2021-ir/", "volumes/2020-ir/"]
    newest = [a["href"] for a in soup.select(".ir-home__newest li > a:first-child")]
    assert newest[0] == "2021-ir-001/"
    assert set(newest) == {"2021-ir-001/", "2020-ir-001/", "2020-ir-002/", "2020-ir-003/"}
    svg = only(soup, ".ir-chart svg")
    assert soup.find("script", src=False, string=lambda s: bool(s) and "chart" in s) is None
    labelled = str(svg["aria-labelledby"]).split()
    assert [only(svg, f"#{i}").name for i in labelled] == ["title", "desc"]
    description = only(svg, "desc").get_text()
    # One paper per language in 2020, one Russian paper in 2021: drawn and told in words.
    assert description.count(": ") == 2 and "2021" in description and "2020" in description
    texts = [t.get_text() for t in svg.select("text")]
    assert "2020" in texts and "2021" in texts
    bars = [r for r in svg.select("rect") if r.find("title")]
    heights = sorted(int(str(r["height"])) for r in bars)
    assert [h for h in heights if h > 0] == [140, 140, 140, 140]


def test_every_internal_link_and_anchor_resolves(built_site: Path) -> None:
    broken = []
    ids: dict[Path, set[str]] = {}

    def anchors(path: Path) -> set[str]:
        if path not in ids:
            soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
            ids[path] = {str(t["id"]) for t in soup.select("[id]")} | {str(t["name"]) for t in soup.select("a[name]")}
        return ids[path]

    pages = sorted(built_site.rglob("*.html"))
    checked = 0
    for source in pages:
        soup = BeautifulSoup(source.read_text(encoding="utf-8"), "html.parser")
        for tag, attribute in (("a", "href"), ("link", "href"), ("img", "src"), ("script", "src")):
            for element in soup.find_all(tag):
                url = element.get(attribute)
                if not isinstance(url, str):
                    continue
                parts = urlsplit(url)
                assert parts.scheme not in {"javascript", "data", "vbscript"}, f"{source}: {url}"
                if parts.scheme or parts.netloc:
                    # The site loads nothing from elsewhere (no web fonts, no CDN): it works offline.
                    rel = set(element.get_attribute_list("rel") or [])
                    if tag in {"img", "script"} or rel & {"stylesheet", "icon", "preload", "modulepreload", "manifest"}:
                        broken.append(f"{source.relative_to(built_site)}: loads {url}")
                    continue
                base = built_site if parts.path.startswith("/") else source.parent
                target = (base / unquote(parts.path).lstrip("/")) if parts.path else source
                if target.is_dir():
                    target = target / "index.html"
                checked += 1
                if not target.is_file():
                    broken.append(f"{source.relative_to(built_site)}: {url}")
                elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in anchors(target):
                    broken.append(f"{source.relative_to(built_site)}: {url} (no such anchor)")
    assert len(pages) > 20 and checked > 500
    assert broken == []


def test_generated_pages_stay_out_of_the_navigation(built_site: Path) -> None:
    soup = page(built_site, "2020-ir-003")
    nav = only(soup, "nav.md-nav--primary")
    hrefs = [str(a["href"]) for a in nav.select("a[href]")]
    assert hrefs, "the nav has the hand-written and index pages"
    paper_pages = {"2020-ir-001", "2020-ir-002", "2020-ir-003", "2021-ir-001"}
    assert not [h for h in hrefs if any(p in h for p in paper_pages)]
    assert not [h for h in hrefs if h.count("/") > 2 and ("people/" in h or "udc/" in h)]


def test_paper_page_html_apart_from_the_papers_own_text_is_under_40_kb(built_site: Path) -> None:
    for paper in ("2020-ir-001", "2020-ir-002", "2020-ir-003", "2021-ir-001"):
        html = (built_site / paper / "index.html").read_bytes()
        soup = BeautifulSoup(html, "html.parser")
        own = sum(
            len(str(part).encode("utf-8"))
            for part in soup.select(".ir-paper__body, .ir-paper__abstract, .ir-paper__references")
        )
        overhead = len(html) - own
        print(f"{paper}: {len(html)} bytes, {overhead} bytes apart from the paper's own text")
        assert own > 0 or paper == "2021-ir-001"
        assert overhead < 40_000


def test_two_builds_are_byte_identical_and_report_their_stages(built_site: Path, tmp_path: Path) -> None:
    log = io.StringIO()
    again = tmp_path / "site"
    result = build(FIXTURE, again, stream=log)
    first = {p.relative_to(built_site): p.read_bytes() for p in built_site.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert sorted(first) == sorted(second)
    assert [p for p in first if first[p] != second[p]] == []
    assert Path("sitemap.xml.gz") in first
    # MkDocs' own warnings (about hand-written pages) may come between the stages.
    lines = [line for line in log.getvalue().splitlines() if not line.startswith("WARNING")]
    stages = ["load & validate", "render", "bibliography", "search", "write", "theme rendering"]
    assert [line.split(":")[0] for line in lines[:-1]] == [*stages[:-1], "theme rendering", "theme rendering"]
    assert lines[0].startswith("load & validate: 4 papers") and lines[0].endswith(" s)")
    assert lines[-1].startswith(f"built 4 papers, {result.pages} pages in ") and " MB in " in lines[-1]
    assert [s.name for s in result.stages] == stages


def test_properdocs_builds_the_same_pages(built_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    build(FIXTURE, site, engine="properdocs", quiet=True)
    ours = {p.relative_to(built_site) for p in built_site.rglob("*.html")}
    theirs = {p.relative_to(site) for p in site.rglob("*.html")}
    assert ours == theirs
    for url in ("2020-ir-002", "volumes/2020-ir"):
        a = page(built_site, url).select_one("article.md-content__inner")
        b = page(site, url).select_one("article.md-content__inner")
        assert a is not None and b is not None and str(a) == str(b)


def run_build(papers: Path, site: Path, *more: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "build_tools", "build", "--papers", str(papers), "--site", str(site), *more],
        capture_output=True,
        text=True,
        check=False,
        cwd=papers.parent,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent)},
    )


def test_a_broken_paper_stops_the_build_before_anything_is_written(tmp_path: Path) -> None:
    papers = tmp_path / "papers"
    shutil.copytree(FIXTURE, papers)
    yml = papers / "2020-ir" / "2020-ir-003" / "paper.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace("language: ru", "language: xx"), encoding="utf-8")
    (papers / "2021-ir" / "2021-ir-001" / "paper.md").unlink()
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the published site", encoding="utf-8")

    done = run_build(papers, site)

    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    line = next(x for x in done.stderr.splitlines() if "2020-ir-003/paper.yml" in x)
    assert line.startswith("papers/2020-ir/2020-ir-003/paper.yml:2:") and ": language: " in line
    assert "papers/2021-ir/2021-ir-001/paper.md" in done.stderr
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "the published site"
    # Beside the site, only the cache of the papers read (each entry named by what it was made
    # from), so that the build after the fix reads only the fixed papers again.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build", "papers", "site"]
    assert [p.relative_to(tmp_path).as_posix() for p in (tmp_path / "build").rglob("*") if p.is_dir()] == [
        "build/cache",
        "build/cache/loaded-papers",
    ]


def test_quiet_build_prints_nothing_and_hostile_text_stays_text(tmp_path: Path) -> None:
    papers = tmp_path / "papers"
    shutil.copytree(FIXTURE, papers)
    folder = papers / "2020-ir" / "2020-ir-003"
    yml = folder / "paper.yml"
    hostile_title = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
    text = yml.read_text(encoding="utf-8").replace(
        "  ru: Региональные конфликты в Центральной Азии", f"  ru: '{hostile_title}'"
    )
    yml.write_text(text + "incomplete: true\n", encoding="utf-8")
    (folder / "paper.md").write_text(
        "Текст <script>alert(3)</script> [x](javascript:alert(4)) <iframe src=https://e.org></iframe>\n\n"
        '<p style="color:red" onclick="alert(5)">p</p> ![t](https://tracker.example/p.png) ivan@example.org\n',
        encoding="utf-8",
    )
    (folder / "paper.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    site = tmp_path / "site"

    done = run_build(papers, site, "--quiet")

    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    html = (site / "2020-ir-003" / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    article = only(soup, "article.ir-paper")
    assert only(article, "h1").get_text() == hostile_title
    assert only(soup, "title").get_text().startswith(hostile_title)
    assert article.select("script, iframe, img[onerror], [onclick], [style]") == []
    assert [a for a in article.select("a[href]") if str(a["href"]).startswith("javascript")] == []
    assert article.select("img[src]") == []
    assert "<script>alert(3)</script>" in only(article, ".ir-paper__body").get_text()
    assert "ivan@example.org" not in html
    assert only(article, ".ir-paper__notice").get_text(strip=True)
    assert only(article, "a.ir-paper__pdf")["href"] == "2020-ir-003.pdf"
    assert (site / "2020-ir-003" / "2020-ir-003.pdf").read_bytes() == b"%PDF-1.4\n%%EOF\n"


@pytest.mark.parametrize("url", ["", "volumes", "volumes/2021-ir", "2021-ir-001"])
def test_each_page_has_one_title_heading(built_site: Path, url: str) -> None:
    soup = page(built_site, url) if url else BeautifulSoup((built_site / "index.html").read_bytes(), "html.parser")
    assert len(soup.select(".md-content h1")) == 1


def test_hand_written_pages_keep_cyrillic_in_heading_anchors(built_site: Path) -> None:
    # The site's own Markdown settings, as MkDocs loads them for the build.
    import markdown
    from mkdocs.config import load_config

    config = load_config(str(built_site.parent / "build" / "mkdocs.yml"))
    md = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    assert md.convert("## Қорытынды мен Әдебиет").startswith('<h2 id="қорытынды-мен-әдебиет">')
