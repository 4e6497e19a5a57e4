"""What every page renderer shares: the site settings, the Jinja2 templates, URLs and labels.

Renderers turn the catalog into Markdown pages (paths relative to the docs folder). Pages that
show untrusted or structured content are one raw HTML block inside their Markdown file, so
MkDocs passes it through untouched; links in them are written relative to the page, which keeps
the site working under any base path.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from ..markdown import EmailMode, mask_email
from ..model import Language
from ..text import yaml_string

TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class Site:
    """The settings of the published site that pages depend on (from mkdocs.yml)."""

    url: str
    """The site's address, ending in `/`; a paper's permanent URL is this plus its id."""
    name: str
    language: Language
    """The interface language (`theme.language`); labels are written in it."""
    show_emails: EmailMode
    """`extra.show_emails`: e-mail addresses are personal data, hidden unless obfuscated."""
    directory_urls: bool = True
    """False for the offline edition (build_tools/offline.py): links then name the `index.html`
    of a page's folder, since a browser reading files from disk does not look for it."""

    def permanent_url(self, path: str) -> str:
        return self.url + path


# URLs of the archive's pages, relative to the site root; the layout is decided once, here.
def paper_url(paper_id: str) -> str:
    return f"{paper_id}/"


def volume_url(volume_id: str) -> str:
    return f"volumes/{volume_id}/"


def person_url(person_id: str) -> str:
    return f"people/{person_id}/"


def udc_url(code: str) -> str:
    return f"udc/{code}/"


def language_url(language: str) -> str:
    return f"languages/{language}/"


def docs_path(url: str) -> str:
    """The Markdown file MkDocs serves at `url` (with directory URLs): `a/b/` -> `a/b/index.md`."""
    return f"{url}index.md"


def _relpath(target: str, base: str) -> str:
    """`posixpath.relpath("/" + target, "/" + base)` for the site's URLs, which hold no `.` or
    `..` parts: a page links to thousands of others, and relpath's normalising was a tenth of
    the rendering time."""
    to = [part for part in target.split("/") if part]
    start = [part for part in base.split("/") if part]
    common = 0
    for a, b in zip(to, start, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(start) - common) + to[common:]) or "."


def relative(target: str, base: str, directory_urls: bool = True) -> str:
    """The link from the page at `base` to `target` (both site-relative directory URLs); without
    `directory_urls`, a link to a page's folder names its `index.html`."""
    path = _relpath(target, base)
    if not (target.endswith("/") or target == ""):
        return path
    if not directory_urls:
        return "index.html" if path == "." else path + "/index.html"
    return "./" if path == "." else path + "/"


LABELS: dict[str, dict[Language, str]] = {
    "authors": {"kk": "Авторлар", "ru": "Авторы", "en": "Authors"},
    "supervisors": {"kk": "Ғылыми жетекші", "ru": "Научный руководитель", "en": "Scientific supervisor"},
    "udc": {"kk": "ӘОЖ", "ru": "УДК", "en": "UDC"},
    "irsti": {"kk": "ХҒТАР", "ru": "МРНТИ", "en": "IRSTI"},
    "language": {"kk": "Тілі", "ru": "Язык", "en": "Language"},
    "volume": {"kk": "Жинақ", "ru": "Сборник", "en": "Volume"},
    "volumes": {"kk": "Жинақтар", "ru": "Сборники", "en": "Volumes"},
    "pages": {"kk": "Беттер", "ru": "Страницы", "en": "Pages"},
    "pp": {"kk": "б.", "ru": "с.", "en": "pp."},
    "abstract": {"kk": "Аңдатпа", "ru": "Аннотация", "en": "Abstract"},
    "keywords": {"kk": "Түйін сөздер", "ru": "Ключевые слова", "en": "Keywords"},
    "contents": {"kk": "Мазмұны", "ru": "Содержание", "en": "Contents"},
    # Not "contents": the theme's table of contents is a landmark with that name already.
    "sections": {"kk": "Мақала бөлімдері", "ru": "Разделы статьи", "en": "Sections of the paper"},
    "references": {"kk": "Әдебиеттер тізімі", "ru": "Список литературы", "en": "References"},
    "text": {"kk": "Мәтін", "ru": "Текст", "en": "Text"},
    "pdf": {"kk": "Баспа нұсқасы (PDF)", "ru": "Печатная версия (PDF)", "en": "Printed version (PDF)"},
    "permanent_url": {"kk": "Тұрақты сілтеме", "ru": "Постоянная ссылка", "en": "Permanent URL"},
    "licence": {"kk": "Лицензия", "ru": "Лицензия", "en": "Licence"},
    "all-rights-reserved": {"kk": "Барлық құқықтар қорғалған", "ru": "Все права защищены", "en": "All rights reserved"},
    # A paper marked `incomplete` (docs/format.md): its source breaks off before the paper ends.
    "incomplete": {
        "kk": "Бұл мақаланың мәтіні толық емес: ол алынған дереккөз мақаланың соңына жетпей үзіледі.",
        "ru": "Текст этой статьи неполон: источник, из которого он взят, обрывается до конца статьи.",
        "en": "This paper's text is incomplete: the source it was taken from breaks off before the paper ends.",
    },
    "translations": {"kk": "Аудармалар", "ru": "Переводы", "en": "Translations"},
    "title": {"kk": "Атауы", "ru": "Название", "en": "Title"},
    "year": {"kk": "Жыл", "ru": "Год", "en": "Year"},
    "date": {"kk": "Өткізілген күні", "ru": "Дата проведения", "en": "Date"},
    "city": {"kk": "Қала", "ru": "Город", "en": "City"},
    "publisher": {"kk": "Баспа", "ru": "Издатель", "en": "Publisher"},
    "conference": {"kk": "Конференция", "ru": "Конференция", "en": "Conference"},
    "editors": {"kk": "Редакция", "ru": "Редакция", "en": "Editors"},
    "inferred": {
        "kk": "Төртбұрышты жақшадағы мәліметтер жинақта басылмаған: оларды мұрағат редакторлары анықтады.",
        "ru": "Сведения в квадратных скобках в сборнике не напечатаны: их установили редакторы архива.",
        "en": "Details in square brackets are not printed in the volume: the archive's editors supplied them.",
    },
    "papers": {"kk": "Мақалалар", "ru": "Статьи", "en": "Papers"},
    "newest": {"kk": "Жаңа мақалалар", "ru": "Новые статьи", "en": "Newest papers"},
    "per_year": {
        "kk": "Жылдар мен тілдер бойынша мақалалар",
        "ru": "Статьи по годам и языкам",
        "en": "Papers per year by language",
    },
    "all_volumes": {"kk": "Барлық жинақтар", "ru": "Все сборники", "en": "All volumes"},
}

LICENCES: dict[str, tuple[str, str]] = {
    "CC-BY-4.0": ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"),
    "CC-BY-SA-4.0": ("CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/"),
    "CC-BY-NC-4.0": ("CC BY-NC 4.0", "https://creativecommons.org/licenses/by-nc/4.0/"),
    "CC-BY-NC-SA-4.0": ("CC BY-NC-SA 4.0", "https://creativecommons.org/licenses/by-nc-sa/4.0/"),
    "CC-BY-ND-4.0": ("CC BY-ND 4.0", "https://creativecommons.org/licenses/by-nd/4.0/"),
    "CC-BY-NC-ND-4.0": ("CC BY-NC-ND 4.0", "https://creativecommons.org/licenses/by-nc-nd/4.0/"),
    "CC0-1.0": ("CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/"),
}
"""The licences of the schema's list (paper.schema.json) as their owner names them, with the
deed a reader follows; `all-rights-reserved` is a label instead."""

LANGUAGE_NAMES: dict[str, dict[Language, str]] = {
    "kk": {"kk": "қазақ тілі", "ru": "казахский", "en": "Kazakh"},
    "ru": {"kk": "орыс тілі", "ru": "русский", "en": "Russian"},
    "en": {"kk": "ағылшын тілі", "ru": "английский", "en": "English"},
}


def front_matter_value(text: str) -> Markup:
    """A value for a page's front matter, which MkDocs must read back whole: a front matter it
    cannot read is left in the page's text, without the `html: true` that keeps the page out of
    Markdown (theme_hook.py stops the build on such a page). Material prints `page.meta.title`
    and `description` into the page without escaping, so the value given to it is already
    HTML-escaped text."""
    return Markup(yaml_string(html.escape(text, quote=True)))


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["email"] = mask_email
    env.filters["front_matter"] = front_matter_value
    return env


# Templates only ever read it: made once, like the table of UDC captions.
ENVIRONMENT = _environment()


def render(template: str, site: Site, page_url: str, **context: Any) -> str:
    """Render `template` for the page at `page_url`; templates get `url()` relative to that page,
    `label()` in the interface language, `language_name()` and the site."""

    def url(target: str) -> str:
        return relative(target, page_url, site.directory_urls)

    def label(key: str) -> str:
        return LABELS[key][site.language]

    def language_name(code: str) -> str:
        return LANGUAGE_NAMES[code][site.language]

    def licence(spdx: str) -> Markup:
        """The licence named as its owner names it, linked to its deed (`rel="license"`)."""
        if spdx in LICENCES:
            name, deed = LICENCES[spdx]
            return Markup('<a href="{}" rel="license">{}</a>').format(deed, name)
        return Markup.escape(LABELS[spdx][site.language] if spdx in LABELS else spdx)

    helpers: dict[str, Callable[..., str]] = {
        "url": url,
        "label": label,
        "language_name": language_name,
        "licence": licence,
        "paper_url": paper_url,
        "volume_url": volume_url,
        "person_url": person_url,
        "udc_url": udc_url,
        "language_url": language_url,
    }
    return ENVIRONMENT.get_template(template).render(site=site, page_url=page_url, **helpers, **context)
