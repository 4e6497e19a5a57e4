"""The whole archive: cross-file checks, people resolved through the registry, facets.

A facet is data, not a class: "a key per paper, a page per key, an index of keys".
Volumes, languages, UDC classes, authors and supervisors are all facets.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from .load import Archive
from .model import Paper, Person, Volume
from .names import Name, compatible_initials, slugify
from .problems import Problem, Severity
from .udc import ancestors
from .yamlsource import JsonPath, format_path

ROLES = ("authors", "supervisors")


@dataclass(frozen=True)
class Facet:
    """A way of grouping papers: `keys` gives the keys one paper files under."""

    name: str
    keys: Callable[[Paper], Iterable[str]]


class Catalog:
    """The archive with every cross-file relation resolved. Made by `Catalog.build`."""

    def __init__(
        self,
        archive: Archive,
        credits: dict[tuple[str, str], tuple[Person, ...]],
        editors: dict[str, tuple[Person, ...]] | None = None,
    ) -> None:
        self.archive = archive
        self.volumes: dict[str, Volume] = {v.id: v for v in sorted(archive.volumes, key=lambda v: (v.year, v.id))}
        self.papers: dict[str, Paper] = {
            p.id: p for p in sorted(archive.papers, key=lambda p: (p.volume, p.pages.first if p.pages else 0, p.id))
        }
        self.people: dict[str, Person] = {p.id: p for p in archive.people}
        self._credits = credits
        self._editors = editors or {}

    def credited(self, paper: Paper, role: str) -> tuple[Person, ...]:
        """The registry people behind a paper's `authors` or `supervisors`, in printed order."""
        return self._credits[(paper.id, role)]

    def edited(self, volume: Volume) -> tuple[Person, ...]:
        """The registry people behind a volume's `editors`, in printed order."""
        return self._editors.get(volume.id, ())

    def works(self, role: str) -> dict[str, list[Paper]]:
        """Papers of each registry person in `role` (`authors` or `supervisors`), by person id;
        people in registry order, papers in catalog order. A person credited twice on one paper
        (printed as author and co-author by mistake) lists it once."""
        out: dict[str, list[Paper]] = {person_id: [] for person_id in self.people}
        for paper in self.papers.values():
            for person in dict.fromkeys(self.credited(paper, role)):
                out[person.id].append(paper)
        return {person_id: papers for person_id, papers in out.items() if papers}

    def papers_in(self, volume: Volume) -> list[Paper]:
        """The volume's papers in printed order."""
        return [p for p in self.papers.values() if p.volume == volume.id]

    def index(self, facet: Facet) -> dict[str, list[Paper]]:
        """Papers under each key of `facet`, keys in first-seen order, papers in catalog order."""
        out: dict[str, list[Paper]] = defaultdict(list)
        for paper in self.papers.values():
            for key in dict.fromkeys(facet.keys(paper)):
                out[key].append(paper)
        return dict(out)

    @classmethod
    def build(cls, archive: Archive) -> tuple[Catalog, list[Problem]]:
        registry = _Registry(archive)
        credits: dict[tuple[str, str], tuple[Person, ...]] = {}
        for paper in archive.papers:
            for role in ROLES:
                people = []
                for i, contributor in enumerate(getattr(paper, role)):
                    where: JsonPath = (role, i)
                    person = registry.resolve(
                        paper.folder / "paper.yml", where, contributor.name, contributor.name_latin, contributor.person
                    )
                    if person is not None:
                        people.append(person)
                credits[(paper.id, role)] = tuple(people)
        editors: dict[str, tuple[Person, ...]] = {}
        for volume in archive.volumes:
            found = []
            for i, editor in enumerate(volume.editors):
                person = registry.resolve(
                    volume.folder / "volume.yml", ("editors", i), editor.name, editor.name_latin, editor.person
                )
                if person is not None:
                    found.append(person)
            editors[volume.id] = tuple(found)
        return cls(archive, credits, editors), _unique_ids(archive) + registry.problems


# The facets of the archive's indexes.
VOLUME = Facet("volume", lambda paper: [paper.volume])
LANGUAGE = Facet("language", lambda paper: [paper.language])
UDC = Facet("udc", lambda paper: [code for udc in paper.udc for code in ancestors(udc.main)])


def _unique_ids(archive: Archive) -> list[Problem]:
    problems = []
    seen: dict[str, Path] = {}
    for paper in archive.papers:
        path = paper.folder / "paper.yml"
        if paper.id in seen:
            doc = archive.sources.get(path)
            problems.append(
                Problem(
                    path,
                    doc.position(("id",)) if doc else None,
                    "id",
                    f"id {paper.id!r} is also used by {seen[paper.id]}",
                )
            )
        else:
            seen[paper.id] = path
    return problems


class _Registry:
    """Finds the registry entry behind each printed spelling, and the entries that may be one person."""

    def __init__(self, archive: Archive) -> None:
        self.archive = archive
        self.path = archive.root / "people.yml"
        self.doc = archive.sources.get(self.path)
        self.problems: list[Problem] = []
        self.by_id: dict[str, Person] = {}
        self.by_spelling: dict[str, list[Person]] = defaultdict(list)
        for i, person in enumerate(archive.people):
            if person.id in self.by_id:
                self._registry_problem(("people", i, "id"), f"id {person.id!r} is given to two people")
                continue
            self.by_id[person.id] = person
            for name in person.names:
                if person not in self.by_spelling[name.key()]:
                    self.by_spelling[name.key()].append(person)
        self._suggest_duplicates()

    def _registry_problem(self, where: JsonPath, message: str, severity: Severity = Severity.ERROR) -> None:
        position = self.doc.position(where) if self.doc else None
        self.problems.append(Problem(self.path, position, format_path(where), message, severity))

    def _suggest_duplicates(self) -> None:
        people = list(self.by_id.values())
        for i, a in enumerate(people):
            for b in people[i + 1 :]:
                if b.id in a.not_same_as or a.id in b.not_same_as:
                    continue
                if any(
                    x.sound()[0] == y.sound()[0] and compatible_initials(x.sound()[1], y.sound()[1])
                    for x in a.names
                    for y in b.names
                ):
                    index = self.archive.people.index(b)
                    self._registry_problem(
                        ("people", index, "id"),
                        f"{b.id!r} may be the same person as {a.id!r}: merge their names into one entry, "
                        f"or add `not_same_as: [{a.id}]`",
                        Severity.WARNING,
                    )

    def resolve(
        self, path: Path, where: JsonPath, name: Name, name_latin: Name | None, ref: str | None
    ) -> Person | None:
        doc = self.archive.sources.get(path)

        def problem(field: JsonPath, message: str) -> None:
            self.problems.append(Problem(path, doc.position(field) if doc else None, format_path(field), message))

        spellings = [n for n in (name, name_latin) if n is not None]
        if ref is not None:
            person = self.by_id.get(ref)
            if person is None:
                problem((*where, "person"), f"no person {ref!r} in papers/people.yml")
                return None
            keys = {n.key() for n in person.names}
            for field, spelling in zip(("name", "name_latin"), spellings, strict=False):
                if spelling.key() not in keys:
                    problem(
                        (*where, field), f"{spelling.text!r} is not among the names of {ref!r} in papers/people.yml"
                    )
            return person
        found: dict[str, Person] = {}
        for field, spelling in zip(("name", "name_latin"), spellings, strict=False):
            matches = self.by_spelling.get(spelling.key(), [])
            if len(matches) > 1:
                ids = ", ".join(p.id for p in matches)
                problem(
                    (*where, field),
                    f"{spelling.text!r} is the name of several people ({ids}); add `person:` with the right id",
                )
                return None
            for person in matches:
                found[person.id] = person
        if not found:
            slug = slugify(name.short if name.script == "cyrl" or name_latin is None else name_latin.short)
            names = ", ".join(n.text for n in spellings)
            problem(
                (*where, "name"),
                f"{name.text!r} is not in papers/people.yml; add `- id: {slug}` with `names: [{names}]`, "
                "or add this spelling to the person's entry",
            )
            return None
        if len(found) > 1:
            problem(
                (*where, "name_latin"),
                f"the name and its Latin spelling belong to different people ({', '.join(found)})",
            )
            return None
        return next(iter(found.values()))
