"""Plain-text proceedings -> Drafts.

The text is read as blocks (runs of non-blank lines). A paper starts at its UDC/УДК/ӘОЖ
line (with a ГРНТИ/МРНТИ line just before or after it) and runs to the next paper's
start. Its parts come in the printed order: codes, the title in capitals (sometimes on
the UDC line itself), a header of names, e-mails and an affiliation paragraph (which
holds the status and often the supervisor), the body, and the reference list after its
heading. Reading lines into blocks (`read_blocks`) is separate from reading blocks into
papers (`from_blocks`), so another source that yields paragraphs can reuse the second.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..text import nfc
from ..udc import IRSTI, Udc, UdcSyntaxError
from ..yamlsource import read_text
from . import (
    Draft,
    DraftAuthor,
    DraftSupervisor,
    ImportRefused,
    Notice,
    Source,
    detect_language,
    is_all_caps,
    refuse,
    sentence_case,
)

UDC_LINE = re.compile(r"^\s*(?:UDC|UDK|УДК|ӘОЖ|ОӘЖ)\s*:?\s*(?=\d)(?P<rest>.*)$", re.IGNORECASE)
IRSTI_LINE = re.compile(r"^\s*(?:ГРНТИ|МРНТИ|IRSTI|ХҒТАР)\s*:?\s*(?=\d{2}\.\d{2})(?P<rest>.*)$", re.IGNORECASE)
LABEL_WORD = re.compile(r"^(?:(?P<udc>UDC|UDK|УДК|ӘОЖ|ОӘЖ)|(?P<irsti>ГРНТИ|МРНТИ|IRSTI|ХҒТАР)):?$", re.IGNORECASE)
CODE_WORD = re.compile(r"^[0-9(=:+/\"'\-][0-9.()=:+/\"'\-]*[,;]?$")

REFERENCES_HEADINGS = {
    "references",
    "literature",
    "bibliography",
    "әдебиеттер",
    "әдебиеттер тізімі",
    "пайдаланылған әдебиеттер",
    "пайдаланылған әдебиеттер тізімі",
    "список литературы",
    "список использованной литературы",
    "литература",
}
SUPERVISOR = re.compile(r"\b(?:scientific\s+)?supervisor|ғылыми\s+жетекші(?:сі)?|научный\s+руководитель", re.IGNORECASE)
_SUPERVISOR_MARK = re.compile(rf"(?:{SUPERVISOR.pattern})\s*[:–—-]?\s*", re.IGNORECASE)
INSTITUTION = (
    "universit", "faculty", "institute", "academy", "college", "department", "school",
    "университет", "факультет", "институт", "академи", "колледж", "кафедр", "мектеп",
)  # fmt: skip
# Statuses as printed, most specific first.
STATUSES = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"\d+(?:st|nd|rd|th)[- ]year\s+(?:master['’]?s?\s+|bachelor['’]?s?\s+|phd\s+|doctoral\s+)?student",
        r"(?:master['’]?s?|bachelor['’]?s?|phd|doctoral|undergraduate|postgraduate|graduate)\s+student",
        r"(?:phd|doctoral)\s+candidate",
        r"\d+\s*[-‑]?\s*курс\s+(?:студенті|магистранты|докторанты)",
        r"phd\s+докторанты|\bмагистранты\b|\bдокторанты\b|\bстуденті\b",
        r"\b(?:студент|магистрант|докторант)(?:ка)?\s+\d+\s*[-‑]?\s*(?:го\s+)?курса",
        r"\b(?:студент|магистрант|докторант)(?:ка)?\b",
        r"\b(?:student|undergraduate)\b",
    )
]
# A degree or title printed with a supervisor's name: an abbreviation (`к.и.н.`), a word in
# lower case, or one of these. A capitalised word without a dot is a place (`Астана`).
DEGREE = re.compile(
    r"\.|(?:^|\s)[a-zа-яёәғқңөұүһі]|(?i:\b(?:phd|dsc|professor|prof|доцент|профессор|associate|senior|lecturer)\b)"
)
_UPPER = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
_LOWER = "a-zа-яёәғқңөұүһі"
_WORD = rf"[{_UPPER}][{_LOWER}'’]+(?:-[{_UPPER}]?[{_LOWER}'’]+)?"
_INITIALS = rf"[{_UPPER}]\.(?:\s?[{_UPPER}]\.?)?"
PERSON = re.compile(rf"{_INITIALS}\s*{_WORD}|{_WORD}\s+{_INITIALS}|{_WORD}(?:\s+{_WORD}){{1,2}}")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
LIST_ITEM = re.compile(r"^(?:[-•–]\s+|(?P<number>\d{1,2})\)\s*)")
NUMBERED = re.compile(r"^\s*\[?(?P<number>\d+)(?:[.)\]]\s*|\s+)")
# `$http://…$`: TeX math delimiters a PDF-to-text conversion left around a URL or word.
MATH = re.compile(r"\$([^\s$](?:[^$\n]*[^\s$])?)\$")
SENTENCE_END = ".!?…»\"”)]'"


@dataclass(frozen=True)
class Block:
    """A run of non-blank lines, 1-based line numbers inclusive."""

    first_line: int
    last_line: int
    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join(self.lines)


def read_blocks(text: str) -> list[Block]:
    """Blocks of `text`; a UDC or ГРНТИ line is always a block of its own."""
    blocks: list[Block] = []
    current: list[tuple[int, str]] = []

    def close() -> None:
        if current:
            blocks.append(Block(current[0][0], current[-1][0], tuple(line for _, line in current)))
            current.clear()

    for number, raw in enumerate(text.splitlines(), start=1):
        line = _clean(raw)
        if not line:
            close()
        elif UDC_LINE.match(line) or IRSTI_LINE.match(line):
            close()
            current.append((number, line))
            close()
        else:
            current.append((number, line))
    close()
    return blocks


def _clean(line: str) -> str:
    line = MATH.sub(r"\1", line)
    line = re.sub(r"</?u>", "", line)
    return " ".join(line.split())


def read_text_file(path: Path) -> Source:
    text, problems = read_text(path)
    if text is None:
        raise ImportRefused(problems)
    source = read_source(path, nfc(text))
    if not source.drafts:
        raise refuse(path, "no UDC/УДК/ӘОЖ line found: nothing to import")
    return source


def read_source(path: Path, text: str) -> Source:
    return from_blocks(path, read_blocks(text))


def from_blocks(path: Path, blocks: list[Block]) -> Source:
    """Papers and notices from the blocks of a source, whatever format the blocks came from."""
    starts = [i for i, b in enumerate(blocks) if UDC_LINE.match(b.lines[0])]
    starts = [i - 1 if i > 0 and IRSTI_LINE.match(blocks[i - 1].lines[0]) else i for i in starts]
    notices: list[Notice] = []
    if starts and starts[0] > 0:
        notices.append(
            Notice(
                blocks[0].first_line,
                blocks[starts[0] - 1].last_line,
                "text before the first UDC line belongs to no paper; not imported",
            )
        )
    drafts = []
    for start, end in zip(starts, [*starts[1:], len(blocks)], strict=False):
        draft, found = _paper(blocks[start:end])
        drafts.append(draft)
        notices += found
    return Source(path, tuple(drafts), tuple(notices))


def _paper(blocks: list[Block]) -> tuple[Draft, list[Notice]]:
    first, last = blocks[0].first_line, blocks[-1].last_line
    notices: list[Notice] = []

    def notice(message: str) -> None:
        notices.append(Notice(first, last, message))

    udc: list[str] = []
    irsti: list[str] = []
    title_parts: list[str] = []
    rest = iter(blocks)
    block = next(rest, None)
    while block is not None and (UDC_LINE.match(block.lines[0]) or IRSTI_LINE.match(block.lines[0])):
        title_parts += _codes(block.lines[0], udc, irsti)
        block = next(rest, None)
    remaining = [block, *rest] if block is not None else []
    while remaining and is_all_caps(remaining[0].text) and "@" not in remaining[0].text:
        title_parts.append(remaining.pop(0).text)
    printed_title = " ".join(title_parts)
    if not printed_title and remaining:
        notice("no title in capitals after the UDC line; the first line was taken as the title")
        printed_title = remaining.pop(0).text
    title = sentence_case(printed_title) if is_all_caps(printed_title) else printed_title
    for code in udc:
        try:
            Udc.parse(code)
        except UdcSyntaxError as error:
            notice(f"UDC {code!r} kept as printed, but: {error}")

    names, emails, affiliation_blocks, remaining = _header(remaining)
    references_at = next((i for i, b in enumerate(remaining) if _is_references_heading(b)), None)
    body_blocks = remaining if references_at is None else remaining[:references_at]
    references = _references(remaining[references_at + 1 :]) if references_at is not None else []
    body = markdown(body_blocks)
    affiliation, status, supervisors = _affiliation(" ".join(b.text for b in affiliation_blocks))

    authors = []
    for i, name in enumerate(names):
        email = emails[i] if len(emails) == len(names) else None
        authors.append(DraftAuthor(name, affiliation, email, status))
    if not names:
        notice("no author names found after the title; add `authors` by hand")
    elif emails and len(emails) != len(names):
        notice(f"{len(emails)} e-mail(s) for {len(names)} author(s), not attached: {', '.join(emails)}")
    if not affiliation_blocks:
        notice("no affiliation paragraph found")
    incomplete = False
    if references_at is None:
        ending = body_blocks[-1].lines[-1] if body_blocks else ""
        if not ending or ending[-1] not in SENTENCE_END:
            incomplete = True
            notice("the text ends mid-sentence with no reference list; imported with `incomplete: true`")
        else:
            notice("no reference list found")
    elif not references:
        incomplete = True
        notice("the reference list is empty; imported with `incomplete: true`")

    draft = Draft(
        first_line=first,
        last_line=last,
        language=detect_language(printed_title + " " + body),
        udc=tuple(udc),
        irsti=tuple(irsti),
        title=title,
        authors=tuple(authors),
        supervisors=tuple(supervisors),
        references=tuple(references),
        body=body,
        incomplete=incomplete,
    )
    return draft, notices


def _codes(line: str, udc: list[str], irsti: list[str]) -> list[str]:
    """Adds the codes of a UDC/ГРНТИ line to `udc`/`irsti`; returns the title printed after them.
    A code printed in ГРНТИ form goes to `irsti` even under a UDC label."""
    target = udc
    words = line.split()
    joins = False  # the next word continues the last code (`327 (574)`, `327 :339`)
    for i, word in enumerate(words):
        label = LABEL_WORD.match(word)
        if label:
            target = irsti if label.group("irsti") else udc
            joins = False
            continue
        if not CODE_WORD.match(word):
            return [" ".join(words[i:])]
        code = word.rstrip(",;")
        if IRSTI.match(code):
            irsti.append(code)
        elif target is udc and udc and (joins or not code[0].isdigit()):
            udc[-1] = f"{udc[-1]} {code}"
        else:
            target.append(code)
        joins = not word.endswith((",", ";")) and code[-1] in ":+/"
    return []


def _looks_like_names(block: Block) -> bool:
    if "@" in block.text or any(c.isdigit() for c in block.text):
        return False
    pieces = [p.strip() for line in block.lines for p in re.split(r"[,;]", line) if p.strip()]
    return bool(pieces) and all(1 <= len(p.split()) <= 4 and PERSON.fullmatch(p) for p in pieces)


def _looks_like_affiliation(block: Block) -> bool:
    text = block.text
    if len(text.split()) > 60:
        return False
    return bool(SUPERVISOR.search(text)) or _names_institution(text) or _status(text) is not None


def _header(blocks: list[Block]) -> tuple[list[str], list[str], list[Block], list[Block]]:
    """Names, e-mails and affiliation blocks at the start of `blocks`, in any order; the rest is the body."""
    names: list[str] = []
    emails: list[str] = []
    affiliation: list[Block] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if "@" in block.text and len(block.text.split()) <= 8:
            emails += EMAIL.findall(block.text)
        elif not affiliation and _looks_like_names(block):
            names += [p.strip() for line in block.lines for p in re.split(r"[,;]", line) if p.strip()]
        elif _looks_like_affiliation(block):
            affiliation.append(block)
        else:
            break
        i += 1
    return names, emails, affiliation, blocks[i:]


def _status(text: str) -> re.Match[str] | None:
    for pattern in STATUSES:
        match = pattern.search(text)
        if match:
            return match
    return None


def _affiliation(text: str) -> tuple[str | None, str | None, list[DraftSupervisor]]:
    """The affiliation paragraph -> (affiliation, status, supervisors). The supervisor part
    is cut out wherever it stands; a status printed first (`Master's student of the …`) is
    cut off, one printed inside the paragraph is kept there (cutting it would break the
    Kazakh genitive it hangs on) and also given as the status."""
    supervisors: list[DraftSupervisor] = []
    mark = _SUPERVISOR_MARK.search(text)
    if mark:
        before, after = text[: mark.start()], text[mark.end() :]
        supervisors, residue = _supervisors(after)
        text = ", ".join(part for part in (before.strip(" ,;"), residue.strip(" ,;")) if part)
    text = text.strip(" ,;")
    status_match = _status(text)
    status = status_match.group() if status_match else None
    if status_match and status_match.start() == 0:
        text = re.sub(r"^[\s,;]*(?:(?:of|at)\s+(?:the\s+)?)?", "", text[status_match.end() :])
        text = text[:1].upper() + text[1:]
    return text or None, status, supervisors


def _supervisors(text: str) -> tuple[list[DraftSupervisor], str]:
    """Supervisors named at the start of `text` (after the marker); returns them and the rest.
    Text before a name is its degree (`к.и.н., доцент Иванов И.И.`); a short tail that names
    no institution is the last one's degree (`Иванов И.И., к.и.н.`); anything else is
    returned to the affiliation."""
    found: list[DraftSupervisor] = []
    position = 0
    while True:
        match = PERSON.search(text, position)
        if match is None:
            break
        between = text[position : match.start()].strip(" ,;")
        follows = text[match.end() :]
        if found and (re.sub(r"^(?:and|и|және)\b", "", between).strip(" ,;") or re.match(r"\s+[^\W\d_]", follows)):
            break
        degree = between or None
        found.append(DraftSupervisor(match.group(), degree))
        position = match.end()
    tail = text[position:].strip(" ,;") if found else text
    if found and tail and len(tail.split()) <= 6 and DEGREE.search(tail) and not _names_institution(tail):
        last = found[-1]
        found[-1] = DraftSupervisor(last.name, ", ".join(p for p in (last.degree, tail) if p))
        tail = ""
    return found, tail


def _names_institution(text: str) -> bool:
    folded = text.casefold()
    return any(word in folded for word in INSTITUTION)


def _is_references_heading(block: Block) -> bool:
    return len(block.lines) == 1 and block.text.strip(" :.").casefold() in REFERENCES_HEADINGS


def _references(blocks: list[Block]) -> list[str]:
    """One entry per printed number; a line without the next number continues the entry
    before it (a URL printed on a line of its own). The number is dropped, the rest kept."""
    entries: list[str] = []
    expected = 1
    for line in (line for block in blocks for line in block.lines):
        numbered = NUMBERED.match(line)
        if numbered and int(numbered.group("number")) == expected:
            entries.append(line[numbered.end() :].strip())
            expected += 1
        elif entries:
            entries[-1] = f"{entries[-1]} {line}"
        else:
            entries.append(line)
            expected = 2
    return [e for e in entries if e]


def markdown(blocks: list[Block]) -> str:
    """Blocks -> Markdown: a block is a paragraph (its lines joined), or list items when it
    starts with `- `, `• ` or `1)`; list blocks that follow each other make one list."""
    parts: list[tuple[str, str]] = []
    for block in blocks:
        items = list(_list_items(block.lines))
        if items:
            kind = "ol" if items[0][0] == "ol" else "ul"
            text = "\n".join(item for _, item in items)
            if parts and parts[-1][0] == kind:
                parts[-1] = (kind, parts[-1][1] + "\n" + text)
            else:
                parts.append((kind, text))
        else:
            parts.append(("p", _escape(_join(block.lines))))
    return "\n\n".join(text for _, text in parts) + "\n" if parts else ""


def _list_items(lines: tuple[str, ...]) -> Iterator[tuple[str, str]]:
    if not LIST_ITEM.match(lines[0]):
        return
    items: list[tuple[str, list[str]]] = []
    for line in lines:
        marker = LIST_ITEM.match(line)
        if marker:
            number = marker.group("number")
            items.append(("ol" if number else "ul", [f"{number}. " if number else "- ", line[marker.end() :]]))
        else:
            items[-1][1].append(line)
    for kind, (prefix, *content) in items:
        yield kind, prefix + _escape(_join(tuple(content)))


def _join(lines: tuple[str, ...]) -> str:
    """A printed paragraph's lines as one line; a word broken at a hyphen stays joined."""
    out = ""
    for line in lines:
        out += line if not out or re.search(r"\w-$", out) else " " + line
    return out


def _escape(text: str) -> str:
    """Plain text that Markdown would otherwise read as markup: a tag-like `<`, and a line
    start that makes a heading, quote or numbered list (`2013. № 9`)."""
    text = re.sub(r"<(?=[A-Za-z/!?])", "&lt;", text)
    text = re.sub(r"^(\d+)\.(?=\s)", r"\1\\.", text)
    return re.sub(r"^(#|>|[*+](?=\s))", r"\\\1", text)
