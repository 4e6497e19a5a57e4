"""Import: a proceedings source -> new paper folders under papers/<volume>/.

Every importer (plain text in `text.py`; others read other formats) turns its source into
`Draft`s, one per paper found, and `Notice`s for what it could not place or did not find.
What is common to all of them lives here: the language and title rules, `plan` (the
volume must exist, ids are assigned, a re-import is refused, new people are added to the
registry) and `write`. `plan` checks everything before `write` creates anything, so a
refused import leaves papers/ as it was.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..load import PEOPLE_FILE, load_people, load_volume
from ..model import Language
from ..names import Name, slugify
from ..problems import ArchiveError, Position, Problem, Severity
from ..scaffold import next_free_id
from ..text import nfc, script_of
from ..yamlsource import load_yaml

DEFAULT_LICENCE = "CC-BY-4.0"
VOLUME_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")

VOLUME_TEMPLATE = """\
id: {id}
title:
  kk: ...
  ru: ...
  en: ...
year: {year}
city: {{kk: Нұр-Сұлтан, ru: Нур-Султан, en: Nur-Sultan}}
publisher:
  kk: Л.Н. Гумилев атындағы Еуразия ұлттық университеті
  ru: Евразийский национальный университет им. Л.Н. Гумилева
  en: L.N. Gumilyov Eurasian National University
licence: CC-BY-4.0
"""


@dataclass(frozen=True)
class DraftAuthor:
    name: str
    """The name as printed."""
    affiliation: str | None = None
    email: str | None = None
    status: str | None = None


@dataclass(frozen=True)
class DraftSupervisor:
    name: str
    degree: str | None = None


@dataclass(frozen=True)
class Draft:
    """One paper as read from a source, before it has an id."""

    first_line: int
    last_line: int
    """Where the paper is in the source (1-based, inclusive), for the report."""
    language: Language
    udc: tuple[str, ...]
    irsti: tuple[str, ...]
    title: str
    authors: tuple[DraftAuthor, ...]
    supervisors: tuple[DraftSupervisor, ...]
    references: tuple[str, ...]
    body: str
    """Markdown."""
    incomplete: bool


@dataclass(frozen=True)
class Notice:
    """Something the reader of the import should look at: lines not imported, a field not found."""

    first_line: int
    last_line: int
    message: str

    def format(self, source: Path) -> str:
        lines = (
            f"line {self.first_line}"
            if self.first_line == self.last_line
            else f"lines {self.first_line}-{self.last_line}"
        )
        return f"{source}: {lines}: {self.message}"


@dataclass(frozen=True)
class Source:
    """What an importer read from one file."""

    path: Path
    drafts: tuple[Draft, ...]
    notices: tuple[Notice, ...]


class ImportRefused(ArchiveError):
    """The import cannot be done; nothing was written."""


def refuse(path: Path, message: str) -> ImportRefused:
    return ImportRefused([Problem(path, None, "", message)])


# --- Rules every importer shares -------------------------------------------------------


def detect_language(text: str) -> Language:
    """kk when Kazakh-specific letters make up at least 1% of the Cyrillic letters (a Russian
    text naming `Қазақстан` once stays ru), ru for other Cyrillic, en otherwise."""
    cyrillic = latin = kazakh = 0
    for char in text:
        script = script_of(char)
        if script == "cyrl":
            cyrillic += 1
            kazakh += char in KAZAKH_LETTERS
        elif script == "latn":
            latin += 1
    if cyrillic and cyrillic >= latin:
        return "kk" if kazakh * 100 >= cyrillic else "ru"
    return "en"


def is_all_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


_ROMAN = re.compile(r"\b[IVXLC]{2,}\b")
_SENTENCE_START = re.compile(r"(^|[.!?]\s+)([\"'«“„(\[]*)(\w)")


def sentence_case(text: str) -> str:
    """A title printed in capitals, in sentence case: `ҰЛЫБРИТАНИЯ ЖӘНЕ ЕУРОПАЛЫҚ ОДАҚ. «BREXIT»
    САЛДАРЫ` -> `Ұлыбритания және еуропалық одақ. «Brexit» салдары`. Roman numerals stay
    capitals; other proper nouns cannot be told from capitals and are left to the editor."""
    lower = list(text.lower())
    for match in _ROMAN.finditer(text):
        lower[match.start() : match.end()] = match.group()
    out = "".join(lower)
    return _SENTENCE_START.sub(lambda m: m.group(1) + m.group(2) + m.group(3).upper(), out)


# --- Writing ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PlannedPaper:
    id: str
    folder: Path
    draft: Draft


@dataclass(frozen=True)
class NewPerson:
    id: str
    names: tuple[str, ...]


@dataclass(frozen=True)
class Plan:
    """Everything an import will write, checked."""

    volume_folder: Path
    papers: tuple[PlannedPaper, ...]
    licence: str
    licence_from_volume: bool
    people_path: Path
    people_text: str
    """The registry's new text (the old text with the new people appended)."""
    new_people: tuple[NewPerson, ...]


def paper_data(paper_id: str, draft: Draft, licence: str) -> dict[str, Any]:
    """paper.yml's fields, in the order the format documents them."""
    data: dict[str, Any] = {"id": paper_id, "language": draft.language, "udc": list(draft.udc)}
    if draft.irsti:
        data["irsti"] = list(draft.irsti)
    data["title"] = {draft.language: draft.title}
    data["authors"] = [_without_none(vars(a)) for a in draft.authors]
    if draft.supervisors:
        data["supervisors"] = [_without_none(vars(s)) for s in draft.supervisors]
    if draft.references:
        data["references"] = list(draft.references)
    data["licence"] = licence
    if draft.incomplete:
        data["incomplete"] = True
    return data


def _without_none(item: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in item.items() if value is not None}


def dump_yaml(data: Any, *, flow_leaves: bool = False) -> str:
    text: str = yaml.safe_dump(
        data,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=None if flow_leaves else False,
        width=10**6,
    )
    return text


def _existing_titles(volume_folder: Path) -> dict[str, tuple[Path, Position]]:
    """Every title (in any language) of the volume's papers, casefolded, with where it is written."""
    titles: dict[str, tuple[Path, Position]] = {}
    for path in sorted(volume_folder.glob("*/paper.yml")):
        doc, _ = load_yaml(path)
        title = doc.data.get("title") if doc is not None and isinstance(doc.data, dict) else None
        if doc is not None and isinstance(title, dict):
            for language, value in title.items():
                if isinstance(value, str):
                    titles[value.casefold()] = (path, doc.position(("title", language)))
    return titles


def _volume_licence(volume_folder: Path, volume_id: str) -> str | None:
    path = volume_folder / "volume.yml"
    if not volume_folder.is_dir() or not path.exists():
        raise refuse(
            path,
            f"the volume {volume_id!r} does not exist; create {path} first, for example:\n\n"
            + VOLUME_TEMPLATE.format(id=volume_id, year=volume_id[:4] if volume_id[:4].isdigit() else "..."),
        )
    volume, _, problems = load_volume(volume_folder)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if volume is None or errors:
        raise ImportRefused(errors or [Problem(path, None, "", "volume.yml is not valid")])
    return volume.licence


def _people(papers: Path, drafts: tuple[Draft, ...]) -> tuple[str, tuple[NewPerson, ...]]:
    """The registry's new text and the people added: every printed name the registry does not
    know yet gets an entry whose id is the slug of its short form (`Ерғалиева А.А.` ->
    `ergalieva-a-a`). Merging spellings of one person stays an editor's decision."""
    path = papers / PEOPLE_FILE
    known: set[str] = set()
    ids: set[str] = set()
    old_text = ""
    entries: list[Any] = []
    indent = 2
    if path.exists():
        people, doc, problems = load_people(papers)
        errors = [p for p in problems if p.severity is Severity.ERROR]
        if doc is None or errors:
            raise ImportRefused(errors or [Problem(path, None, "", "the people registry does not parse")])
        known = {name.key() for person in people for name in person.names}
        ids = {person.id for person in people}
        old_text = path.read_text(encoding="utf-8")
        listed = doc.data.get("people") if isinstance(doc.data, dict) else None
        if isinstance(listed, list) and listed:
            entries = listed
            indent = max(doc.position(("people", 0)).column - 3, 0)
    added: list[NewPerson] = []
    for draft in drafts:
        for name in [a.name for a in draft.authors] + [s.name for s in draft.supervisors]:
            parsed = Name.parse(name)
            if parsed.key() in known:
                continue
            base = slugify(parsed.short) or "person"
            slug, n = base, 1
            while slug in ids:
                n += 1
                slug = f"{base}-{n}"
            known.add(parsed.key())
            ids.add(slug)
            added.append(NewPerson(slug, (name,)))
    if not added:
        return old_text, ()
    new_items = [{"id": p.id, "names": list(p.names)} for p in added]
    block = "".join(" " * indent + line + "\n" for line in dump_yaml(new_items, flow_leaves=True).splitlines())
    # An empty or missing registry is written afresh; a filled one keeps its text and comments.
    text = old_text.rstrip("\n") + "\n" + block if entries else "people:\n" + block
    reread = yaml.safe_load(text)
    if not isinstance(reread, dict) or reread.get("people") != [*entries, *new_items]:
        raise refuse(path, "new people cannot be appended to this file; add them by hand:\n" + block)
    return text, tuple(added)


def plan(papers: Path, volume_id: str, drafts: tuple[Draft, ...]) -> Plan:
    """Check the target and assign ids; raises ImportRefused, writes nothing."""
    if not VOLUME_ID.match(volume_id):
        raise refuse(papers / volume_id, f"{volume_id!r} is not a volume id (lower-case letters, digits, hyphens)")
    volume_folder = papers / volume_id
    licence = _volume_licence(volume_folder, volume_id)
    titles = _existing_titles(volume_folder)
    problems = []
    for draft in drafts:
        if draft.title.casefold() in titles:
            path, position = titles[draft.title.casefold()]
            problems.append(
                Problem(
                    path,
                    position,
                    "title",
                    f"lines {draft.first_line}-{draft.last_line} of the source were already imported as "
                    f"{path.parent.name}; an existing paper folder is never overwritten",
                )
            )
    if problems:
        raise ImportRefused(problems)
    first = int(next_free_id(volume_folder).rsplit("-", 1)[1])
    planned = []
    for i, draft in enumerate(drafts):
        paper_id = f"{volume_id}-{first + i:03d}"
        folder = volume_folder / paper_id
        if folder.exists():
            raise refuse(folder, "the paper folder already exists; an existing paper folder is never overwritten")
        planned.append(PlannedPaper(paper_id, folder, draft))
    people_text, new_people = _people(papers, drafts)
    return Plan(
        volume_folder,
        tuple(planned),
        licence or DEFAULT_LICENCE,
        licence is not None,
        papers / PEOPLE_FILE,
        people_text,
        new_people,
    )


def write(plan: Plan) -> None:
    """Create the planned paper folders and update the registry."""
    taken = [
        Problem(p.folder, None, "", "the paper folder already exists; an existing paper folder is never overwritten")
        for p in plan.papers
        if p.folder.exists()
    ]
    if taken:
        raise ImportRefused(taken)
    for paper in plan.papers:
        # mkdir without exist_ok is the last guard: it fails rather than write into a folder made meanwhile.
        paper.folder.mkdir()
        data = paper_data(paper.id, paper.draft, plan.licence)
        (paper.folder / "paper.yml").write_text(nfc(dump_yaml(data)), encoding="utf-8")
        (paper.folder / "paper.md").write_text(nfc(paper.draft.body.rstrip("\n") + "\n"), encoding="utf-8")
    if plan.new_people:
        _replace(plan.people_path, nfc(plan.people_text))


def _replace(path: Path, text: str) -> None:
    """Write `text` to `path` through a temporary file, so a failure never leaves half a file."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(temporary, path)
