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

It also gives the search page its manifest (a generated JSON file, named by the page's front
matter) to hold inline, so that the search starts before the page asks for any other file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

FLAG = "html"
"""The front-matter key that marks a page whose text is HTML (build_tools/render/templates/_macros.j2)."""
INLINE = "inline_json"
"""The front-matter key of a page whose template holds a JSON file of the docs folder inline, in
a data element (the search page and its manifest, build_tools/search/): the file's text is the
template's `inline_json`."""


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


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    return "" if _finished(page) else markdown


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
    return context


def on_post_page(output: str, page: Any, config: Any) -> str:
    if _finished(page):
        page.content = None
    return output
