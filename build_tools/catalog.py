"""The whole archive: cross-file checks, people resolved through the registry, facets.

A facet is data, not a class: "a key per paper, a page per key, an index of keys".
Volumes, languages, UDC classes, authors and supervisors are all facets.
"""

from __future__ import annotations

import contextlib
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from .load import ORCID, Archive, orcid_ok
from .model import Author, Paper, Person, Volume
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
        # The archive itself is not kept: its parsed YAML files (for the positions of problems)
        # are needed only by the checks, and hold hundreds of megabytes at 10,000 papers.
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
                    if person is None:
                        continue
                    people.append(person)
                    if isinstance(contributor, Author):
                        registry.check_orcid(paper.folder / "paper.yml", (*where, "orcid"), contributor.orcid, person)
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
    """A paper id names the paper's URL, so two folders in different volumes may not share one."""
    problems = []
    seen: dict[str, Path] = {}
    for paper in archive.papers:
        path = paper.folder / "paper.yml"
        if paper.id in seen:
            doc = archive.sources.get(path)
            first = seen[paper.id]
            with contextlib.suppress(ValueError):
                first = first.relative_to(archive.root)
            problems.append(
                Problem(
                    path,
                    doc.position(("id",)) if doc else None,
                    "id",
                    f"id {paper.id!r} is also used by {first}; ids are unique in the whole archive",
                )
            )
        else:
            seen[paper.id] = path
    return problems


def _abbreviated(name: Name) -> bool:
    """`Иванов С.П.` is; `Иванов Сергей Петрович` is not: only initials can belong to namesakes."""
    return all(len(part) <= 2 for part in name.given)


Sound = tuple[str, tuple[str, ...]]


def _alike(a: Sound, b: Sound) -> bool:
    """Same surname once transliterated, and initials that do not contradict each other."""
    return a[0] == b[0] and compatible_initials(a[1], b[1])


class _Registry:
    """Finds the registry entry behind each printed spelling, and the entries that may be one person."""

    def __init__(self, archive: Archive) -> None:
        self.archive = archive
        self.path = archive.root / "people.yml"
        self.doc = archive.sources.get(self.path)
        self.problems: list[Problem] = []
        self.by_id: dict[str, Person] = {}
        self.by_spelling: dict[str, list[Person]] = defaultdict(list)
        self.sounds: dict[str, list[Sound]] = {}
        # Where each person is in people.yml: archive.people skips entries too broken to read.
        entries = self.doc.data.get("people") if self.doc and isinstance(self.doc.data, dict) else None
        self.entries: dict[str, list[int]] = defaultdict(list)
        for i, entry in enumerate(entries if isinstance(entries, list) else []):
            if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                self.entries[entry["id"]].append(i)
        seen: dict[str, int] = defaultdict(int)
        for person in archive.people:
            index = self._index(person.id, seen[person.id])
            seen[person.id] += 1
            if person.id in self.by_id:
                self._registry_problem(("people", index, "id"), f"id {person.id!r} is given to two people")
                continue
            self.by_id[person.id] = person
            self.sounds[person.id] = [name.sound() for name in person.names]
            for name in person.names:
                if person not in self.by_spelling[name.key()]:
                    self.by_spelling[name.key()].append(person)
        orcids: dict[str, str] = {}
        for person in self.by_id.values():
            if person.orcid is not None and person.orcid in orcids:
                self._registry_problem(
                    ("people", self._index(person.id), "orcid"),
                    f"{person.id!r} has the ORCID iD of {orcids[person.orcid]!r}; one iD is one person, "
                    "so merge the two entries",
                )
            elif person.orcid is not None:
                orcids[person.orcid] = person.id
            for j, other in enumerate(person.not_same_as):
                if other not in self.by_id:
                    where = ("people", self._index(person.id), "not_same_as", j)
                    self._registry_problem(where, f"no person {other!r} in papers/people.yml")
        # Alike names share their surname key (`_alike`): people are compared only with those that
        # share one, not with the whole registry (thousands of people make millions of pairs).
        self.by_surname: dict[str, list[Person]] = defaultdict(list)
        for person in self.by_id.values():
            for surname in dict.fromkeys(sound[0] for sound in self.sounds[person.id]):
                self.by_surname[surname].append(person)
        self._suggest_duplicates()

    def _index(self, person_id: str, occurrence: int = 0) -> int:
        found = self.entries.get(person_id, [])
        return found[occurrence] if occurrence < len(found) else 0

    def _registry_problem(self, where: JsonPath, message: str, severity: Severity = Severity.ERROR) -> None:
        position = self.doc.position(where) if self.doc else None
        self.problems.append(Problem(self.path, position, format_path(where), message, severity))

    def _suggest_duplicates(self) -> None:
        people = list(self.by_id.values())
        order = {person.id: i for i, person in enumerate(people)}
        for i, a in enumerate(people):
            # The people after `a` in registry order that share a surname key with it, in that order.
            later = {order[p.id] for surname, _ in self.sounds[a.id] for p in self.by_surname[surname]}
            for b in (people[j] for j in sorted(later) if j > i):
                if b.id in a.not_same_as or a.id in b.not_same_as:
                    continue
                pair = next(
                    (
                        (x, y)
                        for x, x_sound in zip(a.names, self.sounds[a.id], strict=True)
                        for y, y_sound in zip(b.names, self.sounds[b.id], strict=True)
                        if _alike(x_sound, y_sound)
                    ),
                    None,
                )
                if pair is not None:
                    self._registry_problem(
                        ("people", self._index(b.id), "id"),
                        f"{b.id!r} ({pair[1].text}) may be the same person as {a.id!r} ({pair[0].text}): "
                        f"merge their names into one entry, or add `not_same_as: [{a.id}]`",
                        Severity.WARNING,
                    )

    def _alike_people(self, spelling: Name) -> list[Person]:
        sound = spelling.sound()
        return [p for p in self.by_surname.get(sound[0], []) if any(_alike(sound, s) for s in self.sounds[p.id])]

    def check_orcid(self, path: Path, where: JsonPath, orcid: str | None, person: Person) -> None:
        """An ORCID iD given in a paper must be the one the registry holds for that person
        (a malformed iD is reported by the file's own checks, not twice)."""
        if orcid is None or person.orcid is None or orcid == person.orcid:
            return
        if not ORCID.match(orcid) or not orcid_ok(orcid):
            return
        doc = self.archive.sources.get(path)
        self.problems.append(
            Problem(
                path,
                doc.position(where) if doc else None,
                format_path(where),
                f"{orcid} differs from the ORCID iD of {person.id!r} in papers/people.yml ({person.orcid})",
            )
        )

    def resolve(
        self, path: Path, where: JsonPath, name: Name, name_latin: Name | None, ref: str | None
    ) -> Person | None:
        """The one registry person behind a printed name: every spelling given must be among that
        person's names, and a name that namesakes share (initials only) needs `person:`."""
        doc = self.archive.sources.get(path)

        def problem(field: JsonPath, message: str) -> None:
            self.problems.append(Problem(path, doc.position(field) if doc else None, format_path(field), message))

        spellings = [(field, n) for field, n in (("name", name), ("name_latin", name_latin)) if n is not None]
        if ref is not None:
            person = self.by_id.get(ref)
            if person is None:
                problem((*where, "person"), f"no person {ref!r} in papers/people.yml")
                return None
            keys = {n.key() for n in person.names}
            for field, spelling in spellings:
                if spelling.key() not in keys:
                    problem(
                        (*where, field),
                        f"{spelling.text!r} is not among the names of {ref!r}; add it to that entry's `names` "
                        "in papers/people.yml",
                    )
            return person
        found: dict[str, Person] = {}
        unknown: list[tuple[str, Name]] = []
        for field, spelling in spellings:
            matches = self.by_spelling.get(spelling.key(), [])
            if len(matches) > 1:
                ids = ", ".join(p.id for p in matches)
                problem(
                    (*where, field),
                    f"{spelling.text!r} is the name of several people ({ids}); add `person:` with the right id",
                )
                return None
            if not matches:
                unknown.append((field, spelling))
            for person in matches:
                found[person.id] = person
        if not found:
            alike = self._alike_people(name)
            if alike:
                ids = " or ".join(repr(p.id) for p in alike)
                hint = f"if this is {ids}, add the spelling to its `names`; if not, add a new entry"
            else:
                slug = slugify(name.short if name.script == "cyrl" or name_latin is None else name_latin.short)
                names = ", ".join(n.text for _, n in spellings)
                hint = f"add `- id: {slug}` with `names: [{names}]`"
            problem((*where, "name"), f"{name.text!r} is not in papers/people.yml; {hint}")
            return None
        if len(found) > 1:
            problem(
                (*where, "name_latin"),
                f"the name and its Latin spelling belong to different people ({', '.join(found)})",
            )
            return None
        person = next(iter(found.values()))
        for field, spelling in unknown:
            problem(
                (*where, field),
                f"{spelling.text!r} is not among the names of {person.id!r}; add it to that entry's `names` "
                "in papers/people.yml",
            )
        if all(_abbreviated(n) for _, n in spellings):
            namesakes = [p.id for p in self._alike_people(name) if p.id != person.id]
            if namesakes:
                problem(
                    (*where, "person"),
                    f"{name.text!r} may be {person.id!r} or its namesake {', '.join(map(repr, namesakes))}; "
                    f"add `person: {person.id}` (or the right id)",
                )
                return None
        return person
