"""People: a page per registry person at `/people/<id>/` with their papers as author, the papers
they supervised and the volumes they edited; and `/people/`, everyone in Kazakh alphabetical
order with a letter bar.

The index files each person under their first Cyrillic spelling (the script of the printed
volumes); every spelling with another surname gets a "see" line, so a reader who knows only
`Akhmedyanova` finds `Ахмедьянова` under A.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..catalog import Catalog
from ..collation import OTHER, letter, letters, sort_key
from ..model import Language, Person, Volume
from ..names import Name
from .base import Site, docs_path, person_url, render
from .facets import labels, paper_items

INDEX_URL = "people/"


@dataclass(frozen=True)
class Entry:
    """A line of the index: a person under their main spelling, or a spelling pointing to it."""

    name: Name
    person: Person
    see: bool
    others: tuple[str, ...] = ()
    """On a main line: the person's spellings in other scripts."""
    counts: tuple[tuple[str, int], ...] = ()
    """On a main line: (role label key, number of papers or volumes) for each role held."""

    @property
    def sort_key(self) -> tuple[bytes, bool, str]:
        # Surname first, then given names: `D.K Akhmedyanova` files as `Akhmedyanova D K`.
        return sort_key(" ".join((self.name.surname, *self.name.given))), self.see, self.person.id


@dataclass(frozen=True)
class Group:
    """The index lines under one letter of the letter bar."""

    letter: str
    anchor: str
    entries: tuple[Entry, ...]


def anchor(initial: str) -> str:
    """The id of a letter's heading: `letter-Ә` (ids may hold any letter; the link shows it readably)."""
    return "letter-other" if initial == OTHER else f"letter-{initial}"


def index_entries(catalog: Catalog) -> list[Entry]:
    """Every line of the people index, in Kazakh alphabetical order."""
    authored = catalog.works("authors")
    supervised = catalog.works("supervisors")
    edited = _edited(catalog)
    entries = []
    for person in catalog.people.values():
        main = person.display
        counts = tuple(
            (key, n)
            for key, n in (
                ("author_count", len(authored.get(person.id, []))),
                ("supervisor_count", len(supervised.get(person.id, []))),
                ("editor_count", len(edited.get(person.id, []))),
            )
            if n
        )
        others = list({n.key(): n for n in person.names if n.key() != main.key()}.values())
        entries.append(Entry(main, person, see=False, others=tuple(n.text for n in others), counts=counts))
        # A spelling with another surname (the Latin one, a Russian form) files elsewhere in the
        # index: it gets a line pointing to the person. One differing only in given names files
        # right beside the main line and needs none.
        entries += [Entry(n, person, see=True) for n in others if n.surname != main.surname]
    return sorted(entries, key=lambda e: e.sort_key)


def groups(entries: list[Entry]) -> list[Group]:
    """The entries under their letters, letters in the order of the Kazakh, then Latin, alphabet."""
    by_letter: dict[str, list[Entry]] = {}
    for entry in entries:
        by_letter.setdefault(letter(entry.name.surname), []).append(entry)
    order = [*letters(), OTHER]
    return [Group(x, anchor(x), tuple(by_letter[x])) for x in order if x in by_letter]


def _edited(catalog: Catalog) -> dict[str, list[Volume]]:
    out: dict[str, list[Volume]] = {}
    for volume in catalog.volumes.values():
        for person in dict.fromkeys(catalog.edited(volume)):
            out.setdefault(person.id, []).append(volume)
    return out


def _volume_title(volume: Volume, language: Language) -> tuple[str, str]:
    """The volume's title in the interface language if it has one, with the language it is in."""
    lang = next((lang for lang, _ in volume.title.items() if lang == language), volume.title.items()[0][0])
    return lang, volume.shown("title", lang)


def pages(catalog: Catalog, site: Site) -> dict[str, str]:
    t = labels(site.language)
    out = {
        docs_path(INDEX_URL): render("people_index.md.j2", site, INDEX_URL, t=t, groups=groups(index_entries(catalog)))
    }
    authored = catalog.works("authors")
    supervised = catalog.works("supervisors")
    edited = _edited(catalog)
    for person in catalog.people.values():
        url = person_url(person.id)
        out[docs_path(url)] = render(
            "people_person.md.j2",
            site,
            url,
            t=t,
            person=person,
            authored=paper_items(catalog, authored.get(person.id, [])),
            supervised=paper_items(catalog, supervised.get(person.id, [])),
            edited=[(v, *_volume_title(v, site.language)) for v in edited.get(person.id, [])],
        )
    return out
