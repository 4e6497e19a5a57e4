"""papers/ -> model, with every check of a single file. Returns (things, problems); never raises
for bad input, so `validate` can report every problem at once.

Layout:  papers/people.yml
         papers/<volume>/volume.yml
         papers/<volume>/<paper>/paper.yml, paper.md, optional paper.pdf and images
"""

from __future__ import annotations

import datetime
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import parallel, schema
from .cache import Cache, key
from .model import Author, Editor, Localized, Pages, Paper, Person, Supervisor, Volume
from .names import Name
from .problems import Position, Problem, Severity
from .text import find_lookalikes, first_not_nfc, line_column, nfc
from .udc import Udc, UdcSyntaxError, strip_label
from .yamlsource import NOT_NFC, JsonPath, YamlDocument, format_path, load_yaml, read_text

PEOPLE_FILE = "people.yml"
# Images a converted paper may carry. SVG is not among them: it can hold scripts.
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp"}
PAPER_FILES = {"paper.yml", "paper.md", "paper.pdf"}

# The usual form of an address (RFC 5322 dot-atoms, an internet domain): no spaces, no
# commas, no dot at either end of the local part and no two dots in a row.
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
EMAIL = re.compile(rf"^{_ATOM}(?:\.{_ATOM})*@(?:{_LABEL}\.)+[A-Za-z]{{2,}}$")
ORCID = re.compile(r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")
DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


@dataclass(frozen=True)
class Archive:
    """Everything read from papers/, each file checked on its own.

    A paper or volume whose file has the right shape (it passes the JSON Schema) is here even
    when one of its values is wrong (an ORCID checksum, a UDC code), so the cross-file checks
    still run on it and `validate` reports everything at once; whoever renders stops on errors.
    """

    root: Path
    volumes: tuple[Volume, ...]
    papers: tuple[Paper, ...]
    people: tuple[Person, ...]
    sources: Sources
    """Every YAML document read, by its path, so cross-file checks can point at lines too."""


class Sources:
    """The archive's YAML documents by path, for the cross-file checks to point at lines. The
    people and volume files are held; a paper.yml named in `later` is read again when asked for.
    A problem across files is rare, and holding every paper's document (the position of each of
    its values) took 30 MB a thousand papers, in the process the workers fork from, and as much
    again to send each from its worker and to keep it in the cache of loaded papers."""

    def __init__(self, held: dict[Path, YamlDocument] | None = None, later: Iterable[Path] = ()) -> None:
        self.held = dict(held or {})
        self.later = set(later)

    def get(self, path: Path) -> YamlDocument | None:
        if path not in self.held and path in self.later:
            self.later.discard(path)
            doc, _ = load_yaml(path)
            if doc is not None:
                self.held[path] = doc
        return self.held.get(path)


def orcid_ok(orcid: str) -> bool:
    """ISO 7064 MOD 11-2 check digit, as ORCID specifies."""
    digits = orcid.replace("-", "")
    total = 0
    for char in digits[:-1]:
        total = (total + int(char)) * 2
    check = (12 - total % 11) % 11
    return digits[-1] == ("X" if check == 10 else str(check))


def isbn_ok(isbn: str) -> bool:
    """ISBN-13 (978/979, weights 1 and 3) or ISBN-10 (weights 10..1, mod 11) check digit."""
    digits = isbn.replace("-", "").replace(" ", "").upper()
    if re.fullmatch(r"97[89]\d{10}", digits):
        return sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(digits)) % 10 == 0
    if re.fullmatch(r"\d{9}[\dX]", digits):
        values = [10 if d == "X" else int(d) for d in digits]
        return sum(v * (10 - i) for i, v in enumerate(values)) % 11 == 0
    return False


class _FileChecks:
    """Checks on the values of one YAML document, each problem placed at its line."""

    def __init__(self, doc: YamlDocument) -> None:
        self.doc = doc
        self.data: dict[str, Any] = doc.data if isinstance(doc.data, dict) else {}
        self.problems: list[Problem] = []

    def error(
        self, where: JsonPath, message: str, *, severity: Severity = Severity.ERROR, position: Position | None = None
    ) -> None:
        self.problems.append(
            Problem(self.doc.path, position or self.doc.position(where), format_path(where), message, severity)
        )

    def lookalikes(self) -> None:
        for where, value in self.doc.strings():
            if where and where[-1] in ("email", "orcid", "id", "person", "not_same_as"):
                continue
            if len(where) > 1 and where[-2] == "not_same_as":
                continue
            for found in find_lookalikes(value):
                position = self.doc.text_position(where, found.offset)
                self.error(where, found.describe(), severity=Severity.WARNING, position=position)

    def id_matches_folder(self, folder: Path) -> None:
        value = self.data.get("id")
        if isinstance(value, str) and value != folder.name:
            self.error(("id",), f"id {value!r} must equal the folder name {folder.name!r}")

    def id_in_volume(self, volume_id: str) -> None:
        value = self.data.get("id")
        if isinstance(value, str) and not value.startswith(f"{volume_id}-"):
            self.error(("id",), f"id {value!r} must start with the id of its volume, {volume_id!r}")

    def contact(self, where: JsonPath, item: Any) -> None:
        if not isinstance(item, dict):
            return
        email = item.get("email")
        if isinstance(email, str) and not EMAIL.match(email):
            self.error((*where, "email"), f"{email!r} is not an e-mail address")
        orcid = item.get("orcid")
        if isinstance(orcid, str):
            if not ORCID.match(orcid):
                bare = orcid.rsplit("/", 1)[-1]
                hint = f"write only the iD: {bare}" if ORCID.match(bare) else "write it as 0000-0002-1825-0097"
                self.error((*where, "orcid"), f"{orcid!r} is not an ORCID iD ({hint})")
            elif not orcid_ok(orcid):
                self.error((*where, "orcid"), f"checksum fails (got {orcid}); check the last character")

    def udc(self) -> tuple[Udc, ...]:
        codes = self.data.get("udc")
        parsed = []
        for i, code in enumerate(codes if isinstance(codes, list) else []):
            if not isinstance(code, str):
                continue
            where: JsonPath = ("udc", i)
            rest, label = strip_label(code)
            if label is not None:
                label_at = self.doc.text_position(where, len(code) - len(code.lstrip()))
                self.error(where, f"write the code without its label {label!r}: {rest.strip()!r}", position=label_at)
            try:
                parsed.append(Udc.parse(rest))
            except UdcSyntaxError as error:
                # Udc.parse works on the code without its label and surrounding spaces.
                offset = len(code) - len(rest.lstrip()) + error.offset
                self.error(where, str(error), position=self.doc.text_position(where, offset))
        return tuple(parsed)

    def isbn(self) -> None:
        isbn = self.data.get("isbn")
        if not isinstance(isbn, str):
            return
        if re.match(r"^\s*ISBN", isbn, re.IGNORECASE):
            self.error(("isbn",), f"write the ISBN without its label: {isbn!r}")
        elif not isbn_ok(isbn):
            self.error(("isbn",), f"{isbn!r} is not a valid ISBN (the check digit or the length is wrong)")

    def inferred(self) -> None:
        """An inferred detail is one the volume's record gives (the schema makes the others required)."""
        for i, detail in enumerate(_list(self.data.get("inferred"))):
            if detail == "conference" and detail not in self.data:
                self.error(("inferred", i), "conference is inferred, but the volume gives none")

    def printed_title(self) -> None:
        language = self.data.get("language")
        title = self.data.get("title")
        if isinstance(title, dict) and language in ("kk", "ru", "en") and language not in title:
            self.error(("title",), f"the printed title must be given under the paper's language {language!r}")

    def date(self) -> None:
        """A date of the calendar (the schema checks its form only: 2019-02-30 has it)."""
        value = self.data.get("date")
        if isinstance(value, str) and DATE.match(value):
            try:
                datetime.date.fromisoformat(value)
            except ValueError:
                self.error(("date",), f"{value} is not a date of the calendar")

    def pages(self) -> None:
        pages = self.data.get("pages")
        first, last = (pages.get("first"), pages.get("last")) if isinstance(pages, dict) else (None, None)
        if isinstance(first, int) and isinstance(last, int) and first > last:
            self.error(("pages", "last"), f"last page {last} comes before first page {first}")


def _check_shape(name: str, doc: YamlDocument, read: list[Problem]) -> tuple[list[Problem], bool]:
    """The schema's problems, and whether the document has the shape the model needs.

    A value the reader refused (a tag, an alias) was replaced by null; the schema's complaint
    about that null would only repeat the reader's problem, so it is left out.
    """
    found = schema.check(name, doc)
    refused = {p.field for p in read if p.field}
    return [p for p in found if p.field not in refused], not found


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _name(value: Any) -> Name | None:
    return Name.parse(value) if isinstance(value, str) else None


def _localized(data: dict[str, Any], key: str) -> Localized | None:
    value = data.get(key)
    return Localized.from_mapping(value) if isinstance(value, dict) else None


def load_volume(folder: Path) -> tuple[Volume | None, YamlDocument | None, list[Problem]]:
    doc, problems = load_yaml(folder / "volume.yml")
    if doc is None:
        return None, None, problems
    shape, shaped = _check_shape("volume", doc, problems)
    problems += shape
    checks = _FileChecks(doc)
    checks.id_matches_folder(folder)
    checks.lookalikes()
    checks.isbn()
    checks.date()
    checks.inferred()
    data = checks.data
    problems += checks.problems
    if not shaped or not data:
        return None, doc, problems
    isbn = data.get("isbn")
    volume = Volume(
        id=data["id"],
        title=Localized(**data["title"]),
        conference=_localized(data, "conference"),
        year=data["year"],
        date=data.get("date"),
        city=Localized(**data["city"]),
        publisher=Localized(**data["publisher"]),
        editors=tuple(
            Editor(Name.parse(e["name"]), _name(e.get("name_latin")), e.get("person"), e.get("role"))
            for e in data.get("editors") or []
        ),
        isbn=isbn,
        licence=data.get("licence"),
        folder=folder,
        inferred=frozenset(data.get("inferred") or ()),
    )
    return volume, doc, problems


def _read_body(path: Path) -> tuple[str | None, list[Problem]]:
    text, problems = read_text(path)
    if text is None:
        return None, problems
    # Positions are taken in the text as saved, before it is normalised.
    offset = first_not_nfc(text)
    if offset is not None:
        problems.append(Problem(path, Position(*line_column(text, offset)), "text", NOT_NFC, Severity.WARNING))
    for found in find_lookalikes(text):
        line, column = line_column(text, found.offset)
        problems.append(Problem(path, Position(line, column), "text", found.describe(), Severity.WARNING))
    return nfc(text), problems


LINKED = "is a symbolic link; put the file or folder itself here (a link may lead out of the archive)"
"""A link is never followed: it could publish any file of the machine that builds the site."""


def _folder_files(folder: Path) -> list[Problem]:
    problems = []
    for item in sorted(folder.iterdir()):
        if item.is_symlink():
            problems.append(Problem(item, None, "", LINKED))
            continue
        if item.name in PAPER_FILES or (item.is_file() and item.suffix.lower() in IMAGE_SUFFIXES):
            continue
        if item.name.startswith("."):
            continue
        hint = " (SVG may carry scripts; convert it to PNG)" if item.suffix.lower() == ".svg" else ""
        problems.append(Problem(item, None, "", f"unexpected file in a paper folder{hint}"))
    return problems


def load_paper(folder: Path, volume_id: str) -> tuple[Paper | None, YamlDocument | None, list[Problem]]:
    doc, problems = load_yaml(folder / "paper.yml")
    body_path = folder / "paper.md"
    body: str | None = None
    if body_path.exists():
        body, body_problems = _read_body(body_path)
        problems += body_problems
    else:
        problems.append(Problem(body_path, None, "", "paper.md is missing (the paper's text as Markdown)"))
    problems += _folder_files(folder)
    if doc is None:
        return None, None, problems
    shape, shaped = _check_shape("paper", doc, problems)
    problems += shape
    checks = _FileChecks(doc)
    checks.id_matches_folder(folder)
    checks.id_in_volume(volume_id)
    checks.lookalikes()
    checks.printed_title()
    udc = checks.udc()
    for role in ("authors", "supervisors"):
        items = checks.data.get(role)
        for i, item in enumerate(items if isinstance(items, list) else []):
            checks.contact((role, i), item)
    checks.pages()
    problems += checks.problems
    data = checks.data
    if body is None or not shaped or not data:
        return None, doc, problems
    pages = data.get("pages")
    pdf = folder / "paper.pdf"
    paper = Paper(
        id=data["id"],
        volume=volume_id,
        language=data["language"],
        udc=udc,
        irsti=tuple(data.get("irsti") or ()),
        title=Localized(**data["title"]),
        abstract=_localized(data, "abstract"),
        keywords={lang: tuple(words) for lang, words in (data.get("keywords") or {}).items()},
        authors=tuple(
            Author(
                Name.parse(a["name"]),
                _name(a.get("name_latin")),
                a.get("person"),
                a.get("affiliation"),
                a.get("email"),
                a.get("orcid"),
                a.get("status"),
            )
            for a in data["authors"]
        ),
        supervisors=tuple(
            Supervisor(
                Name.parse(s["name"]),
                _name(s.get("name_latin")),
                s.get("person"),
                s.get("affiliation"),
                s.get("degree"),
            )
            for s in data.get("supervisors") or []
        ),
        pages=Pages(pages["first"], pages["last"]) if isinstance(pages, dict) else None,
        references=tuple(data.get("references") or ()),
        licence=data["licence"],
        incomplete=bool(data.get("incomplete", False)),
        body=body,
        folder=folder,
        pdf=pdf if pdf.exists() else None,
    )
    return paper, doc, problems


def load_people(root: Path) -> tuple[tuple[Person, ...], YamlDocument | None, list[Problem]]:
    path = root / PEOPLE_FILE
    if not path.exists():
        return (), None, [Problem(path, None, "", "the people registry is missing")]
    doc, problems = load_yaml(path)
    if doc is None:
        return (), None, problems
    problems += _check_shape("people", doc, problems)[0]
    checks = _FileChecks(doc)
    checks.lookalikes()
    people = []
    entries = checks.data.get("people")
    for i, item in enumerate(entries if isinstance(entries, list) else []):
        if not isinstance(item, dict):
            continue
        checks.contact(("people", i), item)
        # An entry is read when its id and names are usable, so one bad entry does not hide
        # every paper that credits the others; the schema has reported what is wrong with it.
        names = [n for n in _list(item.get("names")) if isinstance(n, str)]
        orcid = item.get("orcid")
        if isinstance(item.get("id"), str) and names:
            people.append(
                Person(
                    item["id"],
                    tuple(Name.parse(n) for n in names),
                    orcid if isinstance(orcid, str) else None,
                    tuple(n for n in _list(item.get("not_same_as")) if isinstance(n, str)),
                )
            )
    problems += checks.problems
    return tuple(people), doc, problems


def _paper_key(folder: Path, volume_id: str) -> str:
    """What `load_paper` reads: the folder's listing and the bytes of its YAML and Markdown."""
    listing = [(item.name, item.is_file()) for item in sorted(folder.iterdir())]
    contents: list[str | None] = []
    for name in ("paper.yml", "paper.md"):
        try:
            contents.append(hashlib.sha256((folder / name).read_bytes()).hexdigest())
        except OSError:
            contents.append(None)
    return key("loaded paper", str(folder), volume_id, listing, contents)


Loaded = tuple[Paper | None, list[Problem]]
"""A paper as read, with the problems of its files; its YAML document is read again if a check
across files needs it (`Sources`)."""


def _load_job(jobs: list[tuple[Path, str]], i: int) -> Loaded:
    paper, _, problems = load_paper(*jobs[i])
    return paper, problems


def _load_papers(jobs: list[tuple[Path, str]], kept: Cache | None) -> list[Loaded]:
    """`load_paper` of each (folder, volume id), in order, in one process per core; with `kept`
    (a cache that stores at once), papers whose files are as they were come from the cache
    (reading and checking a paper costs milliseconds, and `serve` reads the whole archive after
    each edit), and each worker stores what it read."""
    if kept is None:
        return parallel.map_papers(_load_job, jobs, range(len(jobs)))
    keys = {i: _paper_key(*job) for i, job in enumerate(jobs)}
    return list(kept.made_by_workers(keys, _load_job, jobs, tuple).values())


def load_archive(root: Path, *, kept: Cache | None = None) -> tuple[Archive, list[Problem]]:
    """Read and check every file under `root` (the papers/ folder). With `kept`, papers whose
    files are unchanged since the last build are taken from the cache."""
    problems: list[Problem] = []
    volumes: list[Volume] = []
    papers: list[Paper] = []
    sources: dict[Path, YamlDocument] = {}
    jobs: list[tuple[Path, str]] = []
    if not root.is_dir():
        message = "is not a folder; give the papers folder" if root.exists() else "the papers folder does not exist"
        return Archive(root, (), (), (), Sources()), [Problem(root, None, "", message)]
    if (root / PEOPLE_FILE).is_symlink():
        problems.append(Problem(root / PEOPLE_FILE, None, "", LINKED))
    people, people_doc, people_problems = load_people(root)
    problems += people_problems
    if people_doc is not None:
        sources[people_doc.path] = people_doc
    for volume_folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        if volume_folder.is_symlink():
            problems.append(Problem(volume_folder, None, "", LINKED))
            continue
        if not (volume_folder / "volume.yml").exists():
            problems.append(Problem(volume_folder / "volume.yml", None, "", "every volume folder needs a volume.yml"))
            continue
        if (volume_folder / "volume.yml").is_symlink():
            problems.append(Problem(volume_folder / "volume.yml", None, "", LINKED))
        volume, doc, found = load_volume(volume_folder)
        problems += found
        if volume is not None:
            volumes.append(volume)
        if doc is not None:
            sources[doc.path] = doc
        for paper_folder in sorted(p for p in volume_folder.iterdir() if p.is_dir() and not p.name.startswith(".")):
            if paper_folder.is_symlink():
                problems.append(Problem(paper_folder, None, "", LINKED))
                continue
            if not (paper_folder / "paper.yml").exists():
                problems.append(Problem(paper_folder / "paper.yml", None, "", "every paper folder needs a paper.yml"))
                continue
            jobs.append((paper_folder, volume_folder.name))
    for paper, found in _load_papers(jobs, kept):
        problems += found
        if paper is not None:
            papers.append(paper)
    later = (folder / "paper.yml" for folder, _ in jobs)
    return Archive(root, tuple(volumes), tuple(papers), people, Sources(sources, later)), problems
