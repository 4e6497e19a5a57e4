"""The permanent-URL guard: a URL the site has published keeps working.

`published-urls.txt` lists every permanent URL the site has ever published (paper pages and
their downloads, volumes, people, UDC classes, languages), one per line, sorted. After the
site is rendered, and before it replaces the previous one, `guard` compares the rendered
site with that list:

- a new URL is added to the list (the contributor commits the updated list with the change);
- a listed URL that is no longer rendered must have an entry in `redirects.yml`, else the
  build fails and names it.

GitHub Pages cannot send HTTP redirects, and an offline copy has no server at all, so a
redirect is a static page at the old URL: a meta refresh, a canonical link and a plain link,
all pointing to the new URL. A download (a `.bib`, a PDF) cannot be redirected by a page, so
its old URL gets a copy of the new file instead; the downloads beside a moved page follow it
without entries of their own.
"""

from __future__ import annotations

import html
import posixpath
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from .problems import Position, Problem, has_errors
from .yamlsource import load_yaml

PUBLISHED_FILE = "published-urls.txt"
REDIRECTS_FILE = "redirects.yml"

# The URLs the archive promises to keep (the layout is decided in render/base.py): a paper's
# folder and everything in it, the facet pages, and archive-wide bibliography downloads.
# Theme assets and the search index are not cited and may change with any release.
PERMANENT = re.compile(
    r"^/(?:[a-z0-9]+(?:-[a-z0-9]+)*-[0-9]{3}/|(?:volumes|people|udc|languages)/|[^/]+\.(?:bib|ris)$)"
)

HEADER = """\
# Every permanent URL this site has published, relative to the site's address, one per line.
# The build adds new URLs; a URL listed here that the site stops publishing needs an entry in
# redirects.yml, or the build fails. Commit this file with the change that publishes a URL.
"""


@dataclass(frozen=True)
class Redirect:
    """One entry of redirects.yml: the published URL `source` now lives at `target`."""

    source: str
    target: str
    position: Position

    @property
    def is_page(self) -> bool:
        return self.source.endswith("/")


def url_of(relative: str) -> str:
    """The URL of a built file: `a/index.html` -> `/a/`, `a/b.bib` -> `/a/b.bib`."""
    if relative == "index.html":
        return "/"
    if relative.endswith("/index.html"):
        return "/" + relative.removesuffix("index.html")
    return "/" + relative


def file_of(site: Path, url: str) -> Path:
    """The built file served at `url`."""
    path = site / url.lstrip("/")
    return path / "index.html" if url.endswith("/") else path


def site_urls(site: Path) -> set[str]:
    """The permanent URLs a built site publishes."""
    urls = (url_of(path.relative_to(site).as_posix()) for path in site.rglob("*") if path.is_file())
    return {url for url in urls if PERMANENT.match(url)}


def read_published(path: Path) -> list[str]:
    if not path.is_file():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def _line_of(path: Path, url: str) -> Position | None:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip() == url:
            return Position(number, 1)
    return None


def load_redirects(path: Path) -> tuple[list[Redirect], list[Problem]]:
    """The entries of redirects.yml, each checked on its own; a missing file has none."""
    if not path.is_file():
        return [], []
    doc, problems = load_yaml(path)
    if doc is None:
        return [], problems
    data = doc.data if doc.data is not None else {"redirects": []}
    if not isinstance(data, dict) or set(data) != {"redirects"} or not isinstance(data["redirects"], list):
        return [], [Problem(path, doc.position(()), "redirects", "write `redirects:` followed by a list of entries")]
    redirects: list[Redirect] = []
    for i, entry in enumerate(data["redirects"]):
        where = ("redirects", i)
        field = f"redirects[{i}]"
        if not isinstance(entry, dict) or set(entry) != {"from", "to"}:
            problems.append(
                Problem(path, doc.position(where), field, "an entry is `from: <old URL>` and `to: <new URL>`")
            )
            continue
        source, target = entry["from"], entry["to"]
        bad = [
            (key, value)
            for key, value in (("from", source), ("to", target))
            if not isinstance(value, str) or not value.startswith("/") or "//" in value or ".." in value.split("/")
        ]
        for key, value in bad:
            problems.append(
                Problem(
                    path,
                    doc.position((*where, key)),
                    f"{field}.{key}",
                    f"{value!r} is not a URL of this site (write it as in published-urls.txt, e.g. /2020-ir-001/)",
                )
            )
        if bad:
            continue
        redirect = Redirect(source, target, doc.position((*where, "from")))
        if source.endswith("/") != target.endswith("/"):
            problems.append(
                Problem(path, redirect.position, f"{field}.to", "a page must move to a page, a file to a file")
            )
        elif source == target:
            problems.append(Problem(path, redirect.position, f"{field}.to", "the URL redirects to itself"))
        elif source in {r.source for r in redirects}:
            problems.append(Problem(path, redirect.position, f"{field}.from", f"{source} is redirected twice"))
        else:
            redirects.append(redirect)
    return redirects, problems


def redirect_page(source: str, target: str, site_url: str | None) -> str:
    """The static page left at `source`: it works on GitHub Pages and from `file://`.

    The refresh and the plain link are relative and end in index.html, so they resolve without
    a server; the canonical link gives search engines the target's real address.
    """
    relative = posixpath.relpath(target + "index.html", source)
    canonical = (site_url.rstrip("/") + target) if site_url else relative
    href, canonical = html.escape(relative, quote=True), html.escape(canonical, quote=True)
    return (
        "<!doctype html>\n"
        '<html lang="en">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        f"<title>Moved to {html.escape(target)}</title>\n"
        f'<link rel="canonical" href="{canonical}">\n'
        f'<meta http-equiv="refresh" content="0; url={href}">\n'
        '<meta name="robots" content="noindex">\n'
        "</head>\n"
        f'<body><p>This page has moved to <a href="{href}">{html.escape(target)}</a>.</p></body>\n'
        "</html>\n"
    )


@dataclass(frozen=True)
class Guard:
    """The outcome of comparing a built site with the published list."""

    published: tuple[str, ...]
    """The list as it will be written: every URL ever published, sorted."""
    added: tuple[str, ...]
    problems: tuple[Problem, ...]


def implied(redirects: list[Redirect], published: list[str], rendered: set[str]) -> list[Redirect]:
    """The downloads beside a moved page move with it: when `/2020-ir-009/` goes to
    `/2020-ir-001/`, `/2020-ir-009/2020-ir-009.bib` goes to `/2020-ir-001/2020-ir-001.bib`, if the
    site has that file. One entry in redirects.yml then covers a paper and all its files."""
    explicit = {r.source for r in redirects}
    out = []
    for redirect in redirects:
        if not redirect.is_page:
            continue
        old, new = redirect.source.strip("/").split("/")[-1], redirect.target.strip("/").split("/")[-1]
        for url in published:
            if url in rendered or url in explicit or url == redirect.source or not url.startswith(redirect.source):
                continue
            target = redirect.target + url.removeprefix(redirect.source).replace(old, new)
            if target in rendered:
                out.append(Redirect(url, target, redirect.position))
    return out


def check(site: Path, root: Path, site_url: str | None = None) -> Guard:
    """Write the redirect pages into the built `site`, then check every published URL.

    `root` holds published-urls.txt and redirects.yml (the repository's root).
    """
    published_file = root / PUBLISHED_FILE
    redirects_file = root / REDIRECTS_FILE
    redirects, problems = load_redirects(redirects_file)
    rendered = site_urls(site)
    sources = {r.source for r in redirects}
    for redirect in redirects:
        field = "redirect"
        if redirect.source in rendered:
            problems.append(
                Problem(
                    redirects_file,
                    redirect.position,
                    field,
                    f"{redirect.source} is still published by the site; remove the redirect or the page",
                )
            )
        elif redirect.target in sources:
            problems.append(
                Problem(
                    redirects_file,
                    redirect.position,
                    field,
                    f"{redirect.target} is itself redirected; point {redirect.source} at the final URL",
                )
            )
        elif redirect.target not in rendered and not file_of(site, redirect.target).is_file():
            problems.append(
                Problem(redirects_file, redirect.position, field, f"the target {redirect.target} is not in the site")
            )
    published = read_published(published_file)
    redirects += implied(redirects, published, rendered)
    sources = {r.source for r in redirects}
    if not has_errors(problems):
        for redirect in redirects:
            out = file_of(site, redirect.source)
            out.parent.mkdir(parents=True, exist_ok=True)
            if redirect.is_page:
                out.write_text(redirect_page(redirect.source, redirect.target, site_url), encoding="utf-8")
            else:
                shutil.copyfile(file_of(site, redirect.target), out)
    for url in published:
        if url not in rendered and url not in sources:
            problems.append(
                Problem(
                    published_file,
                    _line_of(published_file, url),
                    "url",
                    f"{url} was published and is gone; restore it, or add to {REDIRECTS_FILE}: "
                    f"`- {{from: {url}, to: <its new URL>}}`",
                )
            )
    added = sorted(rendered - set(published))
    return Guard(tuple(sorted(set(published) | rendered)), tuple(added), tuple(problems))


def guard(site: Path, root: Path, site_url: str | None = None) -> list[Problem]:
    """The build's step: redirects written into `site`, every published URL checked, new URLs
    recorded. The list is written only when the site passes, so a failed build changes nothing.

    Does nothing when `root` has no published-urls.txt: a throw-away archive (a test's, a
    benchmark's) has published nothing.
    """
    if not (root / PUBLISHED_FILE).is_file():
        return []
    result = check(site, root, site_url)
    if not has_errors(list(result.problems)) and result.added:
        text = HEADER + "".join(f"{url}\n" for url in result.published)
        (root / PUBLISHED_FILE).write_text(text, encoding="utf-8")
    return list(result.problems)
