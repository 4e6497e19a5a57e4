"""papers/ -> model, with every check of a single file. Returns (things, problems); never raises
for bad input, so `validate` can report every problem at once.

Layout:  papers/people.yml
         papers/<volume>/volume.yml
         papers/<volume>/<paper>/paper.yml, paper.md, optional paper.pdf and images
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import schema
from .model import Author, Editor, Localized, Pages, Paper, Person, Supervisor, Volume
from .names import Name
from .problems import Position, Problem, Severity
from .text import find_lookalikes, line_column, nfc
from .udc import Udc, UdcSyntaxError
from .yamlsource import JsonPath, YamlDocument, format_path, load_yaml, read_text

PEOPLE_FILE = "people.yml"
# Images a converted paper may carry. SVG is not among them: it can hold scripts.
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp"}
PAPER_FILES = {"paper.yml", "paper.md", "paper.pdf"}

EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
ORCID = re.compile(r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")


@dataclass(frozen=True)
class Archive:
    """Everything read from papers/, each file checked on its own."""

    root: Path
    volumes: tuple[Volume, ...]
    papers: tuple[Paper, ...]
    people: tuple[Person, ...]
    sources: dict[Path, YamlDocument]
    """Every YAML document read, by its path, so cross-file checks can point at lines too."""


def orcid_ok(orcid: str) -> bool:
    """ISO 7064 MOD 11-2 check digit, as ORCID specifies."""
    digits = orcid.replace("-", "")
    total = 0
    for char in digits[:-1]:
        total = (total + int(char)) * 2
    check = (12 - total % 11) % 11
    return digits[-1] == ("X" if check == 10 else str(check))


def isbn_ok(isbn: str) -> bool:
    digits = isbn.replace("-", "").replace(" ", "").upper()
    if re.fullmatch(r"\d{13}", digits):
        return sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(digits)) % 10 == 0
    if re.fullmatch(r"\d{9}[\dX]", digits):
        values = [10 if d == "X" else int(d) for d in digits]
        return sum(v * (10 - i) for i, v in enumerate(values)) % 11 == 0
    return False


class _FileChecks:
    """Checks on the values of one YAML document, each problem placed at its line."""

    def __init__(self, doc: YamlDocument) -> None:
        self.doc = doc
        self.problems: list[Problem] = []

    def error(self, where: JsonPath, message: str, *, severity: Severity = Severity.ERROR) -> None:
        self.problems.append(Problem(self.doc.path, self.doc.position(where), format_path(where), message, severity))

    def lookalikes(self) -> None:
        for where, value in self.doc.strings():
            if where and where[-1] in ("email", "orcid", "id", "person"):
                continue
            for found in find_lookalikes(value):
                self.problems.append(
                    Problem(
                        self.doc.path,
                        self.doc.text_position(where, found.offset),
                        format_path(where),
                        found.describe(),
                        Severity.WARNING,
                    )
                )

    def id_matches_folder(self, folder: Path) -> None:
        value = self.doc.data.get("id")
        if isinstance(value, str) and value != folder.name:
            self.error(("id",), f"id {value!r} must equal the folder name {folder.name!r}")

    def contact(self, where: JsonPath, item: dict[str, Any]) -> None:
        email = item.get("email")
        if isinstance(email, str) and not EMAIL.match(email):
            self.error((*where, "email"), f"{email!r} is not an e-mail address")
        orcid = item.get("orcid")
        if isinstance(orcid, str):
            if not ORCID.match(orcid):
                self.error((*where, "orcid"), f"{orcid!r} is not an ORCID iD (write 0000-0002-1825-0097)")
            elif not orcid_ok(orcid):
                self.error((*where, "orcid"), f"checksum fails (got {orcid})")

    def udc(self, codes: list[Any]) -> tuple[Udc, ...]:
        parsed = []
        for i, code in enumerate(codes):
            if not isinstance(code, str):
                continue
            try:
                parsed.append(Udc.parse(code))
            except UdcSyntaxError as error:
                self.error(("udc", i), str(error))
        return tuple(parsed)


def _name(value: Any) -> Name | None:
    return Name.parse(value) if isinstance(value, str) else None


def _localized(data: dict[str, Any], key: str) -> Localized | None:
    value = data.get(key)
    return Localized.from_mapping(value) if isinstance(value, dict) else None


def load_volume(folder: Path) -> tuple[Volume | None, YamlDocument | None, list[Problem]]:
    doc, problems = load_yaml(folder / "volume.yml")
    if doc is None:
        return None, None, problems
    problems += schema.check("volume", doc)
    checks = _FileChecks(doc)
    checks.id_matches_folder(folder)
    checks.lookalikes()
    data = doc.data
    isbn = data.get("isbn")
    if isinstance(isbn, str) and not isbn_ok(isbn):
        checks.error(("isbn",), f"{isbn!r} is not a valid ISBN (check digit)")
    for i, editor in enumerate(data.get("editors") or []):
        if isinstance(editor, dict):
            checks.contact(("editors", i), editor)
    problems += checks.problems
    if any(p.severity is Severity.ERROR for p in problems):
        return None, doc, problems
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
    )
    return volume, doc, problems


def _read_body(path: Path) -> tuple[str | None, list[Problem]]:
    text, problems = read_text(path)
    if text is None:
        return None, problems
    if nfc(text) != text:
        problems.append(
            Problem(
                path, None, "", "text is not in Unicode NFC; it was normalised (save the file as NFC)", Severity.WARNING
            )
        )
        text = nfc(text)
    for found in find_lookalikes(text):
        line, column = line_column(text, found.offset)
        problems.append(Problem(path, Position(line, column), "text", found.describe(), Severity.WARNING))
    return text, problems


def _folder_files(folder: Path) -> list[Problem]:
    problems = []
    for item in sorted(folder.iterdir()):
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
    problems += schema.check("paper", doc)
    checks = _FileChecks(doc)
    checks.id_matches_folder(folder)
    checks.lookalikes()
    data = doc.data
    if not isinstance(data, dict):
        return None, doc, problems + checks.problems
    language = data.get("language")
    title = data.get("title")
    if isinstance(title, dict) and language in ("kk", "ru", "en") and language not in title:
        checks.error(("title",), f"the printed title must be given under the paper's language {language!r}")
    udc = checks.udc(data.get("udc") or [])
    for role in ("authors", "supervisors"):
        for i, item in enumerate(data.get(role) or []):
            if isinstance(item, dict):
                checks.contact((role, i), item)
    pages = data.get("pages")
    first, last = (pages.get("first"), pages.get("last")) if isinstance(pages, dict) else (None, None)
    if isinstance(first, int) and isinstance(last, int) and first > last:
        checks.error(("pages", "last"), f"last page {last} comes before first page {first}")
    problems += checks.problems
    if body is None or any(p.severity is Severity.ERROR for p in problems):
        return None, doc, problems
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
    problems += schema.check("people", doc)
    checks = _FileChecks(doc)
    checks.lookalikes()
    people = []
    for i, item in enumerate(doc.data.get("people") or [] if isinstance(doc.data, dict) else []):
        if not isinstance(item, dict):
            continue
        checks.contact(("people", i), item)
        names = [n for n in item.get("names") or [] if isinstance(n, str)]
        if isinstance(item.get("id"), str) and names:
            people.append(
                Person(
                    item["id"],
                    tuple(Name.parse(n) for n in names),
                    item.get("orcid"),
                    tuple(item.get("not_same_as") or ()),
                )
            )
    problems += checks.problems
    return tuple(people), doc, problems


def load_archive(root: Path) -> tuple[Archive, list[Problem]]:
    """Read and check every file under `root` (the papers/ folder)."""
    problems: list[Problem] = []
    volumes: list[Volume] = []
    papers: list[Paper] = []
    sources: dict[Path, YamlDocument] = {}
    people, people_doc, people_problems = load_people(root)
    problems += people_problems
    if people_doc is not None:
        sources[people_doc.path] = people_doc
    if not root.is_dir():
        return Archive(root, (), (), people, sources), [Problem(root, None, "", "the papers folder does not exist")]
    for volume_folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        if not (volume_folder / "volume.yml").exists():
            problems.append(Problem(volume_folder / "volume.yml", None, "", "every volume folder needs a volume.yml"))
            continue
        volume, doc, found = load_volume(volume_folder)
        problems += found
        if volume is not None:
            volumes.append(volume)
        if doc is not None:
            sources[doc.path] = doc
        for paper_folder in sorted(p for p in volume_folder.iterdir() if p.is_dir() and not p.name.startswith(".")):
            if not (paper_folder / "paper.yml").exists():
                problems.append(Problem(paper_folder / "paper.yml", None, "", "every paper folder needs a paper.yml"))
                continue
            paper, doc, found = load_paper(paper_folder, volume_folder.name)
            problems += found
            if paper is not None:
                papers.append(paper)
            if doc is not None:
                sources[doc.path] = doc
    return Archive(root, tuple(volumes), tuple(papers), people, sources), problems
