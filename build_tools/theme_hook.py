"""MkDocs hook of every build (loaded by path, like serve_hook.py): the pages build_tools/render/
wrote as finished HTML go to the theme without a Markdown pass.

A generated page is front matter and one block of HTML that is already escaped and sanitised.
Python-Markdown would only parse that block to pass it through unchanged, and that parse was
most of the theme stage: at 1,000 papers, 57 of its 74 CPU seconds. A page whose front matter
says `html: true` is given an empty Markdown text; its HTML is read back from its file just
before the theme renders the page, and let go right after, so MkDocs never holds the text of
every page at once (it renders all pages' Markdown before it writes any). Its table of contents
is empty, as it was when Markdown passed the block through. The hook uses documented MkDocs
events, which ProperDocs keeps.

When the theme stage runs as two builds (engine.py), it leaves out of each build the files that
the other one makes.

Material renders the sidebars (the site's nav, the page's contents) into every page: a fifth of
the theme stage. A generated page out of the nav has the same sidebars as every other such page
of its parent folder: no nav item is active, its contents list is empty, and its links to the
nav's pages, relative, are the same from each. They are rendered for the first such page of a
folder and reused for the others (main.html, `sidebars` and `keep_sidebars`).

It also gives the search page its manifest (a generated JSON file, named by the page's front
matter) to hold inline, so that the search starts before the page asks for any other file.
"""

from __future__ import annotations

import os
import posixpath
from pathlib import Path
from typing import Any

from jinja2 import FileSystemBytecodeCache
from mkdocs.exceptions import PluginError

FLAG = "html"
"""The front-matter key that marks a page whose text is HTML (build_tools/render/templates/_macros.j2)."""
INLINE = "inline_json"
"""The front-matter key of a page whose template holds a JSON file of the docs folder inline, in
a data element (the search page and its manifest, build_tools/search/): the file's text is the
template's `inline_json`."""


TEMPLATE_CACHE = "template_cache"
"""The key of the config's `extra` naming a folder where the theme's templates are kept compiled
(pipeline.mkdocs_config). MkDocs compiles every template again at each build: in `serve`, each
edit's dirty build of a 1,000-paper archive took a median of 1.18 s, and 0.86 s with the
compiled templates read back (12 builds each, alternating)."""

PART = "build_part"
"""The key of the config's `extra` that makes a build one of two at once (engine.py):
`{"pages": [docs paths], "only": true}` builds those pages and nothing else, `"only": false`
every file but those."""


def is_finished(text: str) -> bool:
    """Whether a generated page's text is marked as finished HTML."""
    return text.startswith(f"---\n{FLAG}: true\n")


def _finished(page: Any) -> bool:
    return page.meta.get(FLAG) is True


def page_html(source: str) -> str:
    """The HTML of a generated page's file: what follows its front matter."""
    if source.startswith("---\n"):
        end = source.find("\n---\n", 3)
        if end != -1:
            source = source[end + 5 :]
    return source.strip()


def on_files(files: Any, config: Any) -> Any:
    part = config["extra"].get(PART)
    if part:
        pages, only = set(part["pages"]), part["only"]
        for file in list(files):
            if (file.src_uri in pages) != only:
                files.remove(file)
    return files


_sidebars: dict[str, str] = {}
"""The sidebars made so far in this build, by `_sidebars_key`."""
_nav_urls: list[str] = []


def on_nav(nav: Any, config: Any, files: Any) -> Any:
    _sidebars.clear()
    _nav_urls[:] = [page.url for page in nav.pages]
    return nav


def _sidebars_key(page: Any) -> str | None:
    """The parent folder of the page's folder, where its sidebars are those of every page of the
    same parent folder; None where they are its own: a hand-written page, a page with sidebars
    hidden, or a page in the nav or above one (whose links to it would be shorter)."""
    if not _finished(page) or page.meta.get("hide"):
        return None
    url: str = page.url
    folder = url[: url.rfind("/") + 1]  # "a/b/" of "a/b/" and "a/b/index.html"
    if any(nav_url.startswith(folder) for nav_url in _nav_urls):
        return None
    return posixpath.dirname(folder.rstrip("/"))


def on_env(env: Any, config: Any, files: Any) -> Any:
    """The templates are kept compiled where the config says (`TEMPLATE_CACHE`).

    Each file of the docs folder that is not a page goes into the site as a hard link, made
    here. MkDocs, which would copy it (two files opened, about a millisecond a file here: 9.6 of
    the 18.9 profiled seconds of the main build at 1,000 papers), then leaves it, as it leaves
    any file "that plugins wrote directly into site_dir". On another file system than the docs
    folder, MkDocs copies them. The theme's own files, outside the docs folder, it copies.
    No file of the docs folder is ever rewritten in place (write.py), so a site's file never
    changes under it."""
    cache = config["extra"].get(TEMPLATE_CACHE)
    if cache:
        os.makedirs(cache, exist_ok=True)
        env.bytecode_cache = FileSystemBytecodeCache(cache)
    docs = os.path.join(config["docs_dir"], "")
    made: set[str] = set()
    for file in files:
        source = file.abs_src_path
        if (
            file.is_documentation_page()
            or not file.inclusion.is_included()
            or not source
            or not source.startswith(docs)
        ):
            continue
        target = file.abs_dest_path
        if os.path.lexists(target):  # from an earlier build of `serve`: MkDocs copies it if it changed
            continue
        folder = os.path.dirname(target)
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        try:
            os.link(source, target)
        except OSError:
            return env  # another file system: MkDocs copies them all
    return env


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    if _finished(page):
        return ""
    # MkDocs leaves a front matter it cannot read in the text, and the page would lose its
    # `html: true`: its HTML would go through Markdown, which a title could then turn into markup.
    if is_finished(markdown):
        raise PluginError(f"{page.file.src_uri}: its front matter cannot be read, so it is not built")
    return markdown


def inline_json(path: Path) -> str:
    """A generated JSON file's text, to go inside a <script type="application/json"> element. The
    search manifest never holds `<` (it writes it `\\u003c`); a file that does could end the
    element, and is refused."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:  # the page then says that its index did not load
        return ""
    if "<" in text:
        raise PluginError(f"{path}: holds '<', so it cannot go inline in a page")
    return text


def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    if _finished(page):
        page.content = page_html(Path(page.file.abs_src_path).read_text(encoding="utf-8-sig"))
    name = page.meta.get(INLINE)
    if isinstance(name, str):
        context[INLINE] = inline_json(Path(config["docs_dir"]) / name)
    key = _sidebars_key(page)
    if key in _sidebars:
        context["sidebars"] = _sidebars[key]
    elif key is not None:
        context["keep_sidebars"] = lambda html: _sidebars.setdefault(key, html)
    return context


def on_post_page(output: str, page: Any, config: Any) -> str:
    if _finished(page):
        page.content = None
    return output
