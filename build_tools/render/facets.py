"""What the facet pages (people, UDC classes, languages) share: a paper as one line of a list,
and the labels of those pages in the three interface languages.

A facet is "a key per paper, a page per key, an index of keys"; every facet page lists its
papers the same way, through the `facet_papers.html.j2` macro.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..catalog import Catalog
from ..model import Language, Paper, Person, Volume


@dataclass(frozen=True)
class Credit:
    """A name as printed on the paper, and the registry person behind it."""

    name: str
    person: Person


@dataclass(frozen=True)
class PaperItem:
    """One paper as a line of a list: title in its language, authors, volume, pages."""

    paper: Paper
    volume: Volume
    authors: tuple[Credit, ...]
    supervisors: tuple[Credit, ...]


def paper_items(catalog: Catalog, papers: list[Paper]) -> list[PaperItem]:
    return [
        PaperItem(
            paper,
            catalog.volumes[paper.volume],
            tuple(
                Credit(a.name.text, p) for a, p in zip(paper.authors, catalog.credited(paper, "authors"), strict=True)
            ),
            tuple(
                Credit(s.name.text, p)
                for s, p in zip(paper.supervisors, catalog.credited(paper, "supervisors"), strict=True)
            ),
        )
        for paper in papers
    ]


FACET_LABELS: dict[str, dict[Language, str]] = {
    "people": {"kk": "Авторлар мен ғылыми жетекшілер", "ru": "Авторы и научные руководители", "en": "People"},
    "as_author": {"kk": "Автор ретінде", "ru": "Автор", "en": "As author"},
    "as_supervisor": {"kk": "Ғылыми жетекші ретінде", "ru": "Научный руководитель", "en": "As supervisor"},
    "as_editor": {"kk": "Жинақ редакторы ретінде", "ru": "Редактор сборника", "en": "As volume editor"},
    "author_count": {"kk": "автор", "ru": "автор", "en": "author"},
    "supervisor_count": {"kk": "жетекші", "ru": "руководитель", "en": "supervisor"},
    "editor_count": {"kk": "редактор", "ru": "редактор", "en": "editor"},
    "spellings": {"kk": "Есімінің жазылуы", "ru": "Написание имени", "en": "Spellings of the name"},
    "see": {"kk": "қараңыз:", "ru": "см.", "en": "see"},
    "letters": {"kk": "Әліпби бойынша", "ru": "По алфавиту", "en": "By letter"},
    "no_papers": {
        "kk": "Мұрағатта бұл адамның мақалалары әзірге жоқ.",
        "ru": "В архиве пока нет статей этого человека.",
        "en": "The archive has no papers of this person yet.",
    },
    "supervised": {"kk": "Ғылыми жетекшісі", "ru": "Научный руководитель", "en": "Supervisor"},
    "udc_classes": {"kk": "ӘОЖ сыныптары", "ru": "Классы УДК", "en": "UDC classes"},
    "broader": {"kk": "Жоғары сыныптар", "ru": "Вышестоящие классы", "en": "Broader classes"},
    "subclasses": {"kk": "Ішкі сыныптар", "ru": "Подклассы", "en": "Subclasses"},
    "in_class": {"kk": "Осы сыныптағы мақалалар", "ru": "Статьи этого класса", "en": "Papers in this class"},
    "in_class_note": {
        "kk": "Ішкі сыныптардағы мақалалар сол сыныптардың беттерінде.",
        "ru": "Статьи подклассов — на страницах подклассов.",
        "en": "Papers of the subclasses are on the subclasses' pages.",
    },
    "no_caption": {
        "kk": "ӘОЖ қысқаша кестесінде бұл кодтың өз атауы жоқ; ол мына сыныпқа кіреді:",
        "ru": "В кратких таблицах УДК у этого индекса нет собственного названия; он входит в класс",
        "en": "The UDC Summary has no caption of this code's own; it falls under",
    },
    "paper_count": {"kk": "мақала саны", "ru": "число статей", "en": "papers"},
    "about_udc": {"kk": "ӘОЖ атаулары туралы", "ru": "О названиях классов УДК", "en": "About the UDC captions"},
    "languages": {"kk": "Тілдер", "ru": "Языки", "en": "Languages"},
    "papers_in_kk": {"kk": "Қазақ тіліндегі мақалалар", "ru": "Статьи на казахском языке", "en": "Papers in Kazakh"},
    "papers_in_ru": {"kk": "Орыс тіліндегі мақалалар", "ru": "Статьи на русском языке", "en": "Papers in Russian"},
    "papers_in_en": {
        "kk": "Ағылшын тіліндегі мақалалар",
        "ru": "Статьи на английском языке",
        "en": "Papers in English",
    },
    "total": {"kk": "Барлығы", "ru": "Всего", "en": "Total"},
    "by_volume": {"kk": "Жинақтар бойынша", "ru": "По сборникам", "en": "By volume"},
    "no_language_papers": {
        "kk": "Бұл тілде мақалалар әзірге жоқ.",
        "ru": "Статей на этом языке пока нет.",
        "en": "No papers in this language yet.",
    },
}


def labels(language: Language) -> dict[str, str]:
    """The facet pages' labels in the interface language."""
    return {key: texts[language] for key, texts in FACET_LABELS.items()}
