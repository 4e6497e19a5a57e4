"""Printed reference lists, read best effort into structured entries, and the same work found
across papers however each printed it.

The printed text is the record: a `Reference` keeps it unchanged and only adds what could be
read from it. A field that cannot be read is `None`, never a guess passed off as fact.
Entries look like the GOST and APA habits of the sources:
    Stoletov O.V. Smart power strategy in global leadership policy, 2014. 227 p.
    Иванов С.П. Безопасность в Центральной Азии // Вестник ЕНУ. 2019. № 2. С. 10–15.
    Speech of the President. URL: http://kremlin.ru/... (accessed: 27.11.2018).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache
from itertools import chain, combinations, product

from ..names import sound_key

_UPPER = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
_LOWER = "a-zа-яёәғқңөұүһі"
_INITIAL = rf"[{_UPPER}][{_LOWER}]?\.\s?"
_SURNAME = rf"[{_UPPER}][{_LOWER}'’]+(?:-[{_UPPER}]?[{_LOWER}'’]+)*"
# `Stoletov O.V.`, `Filimonov G.Yu.`, `Назарбаев Н.Ә.` and `O.V. Stoletov`.
_NAME = rf"(?:{_SURNAME},?\s+(?:{_INITIAL}){{1,3}}|(?:{_INITIAL}){{1,3}}\s?{_SURNAME})"
AUTHORS = re.compile(rf"^(?P<names>{_NAME}(?:\s*(?:,|and|и|және|&)\s*{_NAME})*)\s*")
NAME = re.compile(_NAME)

NUMBERING = re.compile(r"^\s*(?:\[\d+\]|\d+[.)]?)\s+")
URL = re.compile(r"(?:URL:?\s*|url:?\s*)?(https?://[^\s<>\"]+)", re.IGNORECASE)
DOI = re.compile(r"(?:doi:?\s*|https?://(?:dx\.)?doi\.org/)(10\.\d{4,9}/[^\s<>\"]+)", re.IGNORECASE)
ACCESSED = re.compile(
    r"\(\s*(?:accessed|date of access|дата обращения|қаралған күні|қаралды)\s*:?\s*([\d./-]+)\s*\)",
    re.IGNORECASE,
)
YEAR = re.compile(r"(?<![\d./:-])(1[5-9]\d\d|20\d\d)(?![\d])")
PAGES = re.compile(r"(?<![\w])(?:С|с|Б|б|P|p|pp|Pp|S|s|Р|р)\.\s*(\d+(?:\s*[-–—]\s*\d+)?)(?!\s*(?:p|с|б|s)\.)")
CONTAINER = re.compile(r"(?://|\bIn:|\bВ кн\.:|\bВ сб\.:)\s*([^.]+?)\s*(?:\.(?:\s|$)|$)")
# Where a title stops: the container, an electronic-resource note, a URL, `City: Publisher`, a year.
TITLE_END = re.compile(
    r"\s*(?://|\[|\b(?:URL|url|Url)\b|\bIn:|,\s*(?:1[5-9]|20)\d\d\b|\.\s*[–—-]\s|\.\s+(?:1[5-9]|20)\d\d\b"
    rf"|\.\s+[{_UPPER}][\w.-]*(?:\s[\w.-]+)?\s?:\s|\.\s+[{_UPPER}][\w-]+,\s*(?:1[5-9]|20)\d\d\b)"
)
_TRAILING = ".,;: –—-"
TITLE_SIMILARITY = 0.88
"""Titles this alike (difflib's ratio, after `_fold`) are one title printed two ways."""


@dataclass(frozen=True)
class Reference:
    """One printed reference and what could be read from it."""

    text: str
    """Exactly as printed."""
    authors: tuple[str, ...] = ()
    """Authors as printed (`Stoletov O.V.`)."""
    title: str | None = None
    year: int | None = None
    container: str | None = None
    """The journal, collection or site after `//` or `In:`."""
    pages: str | None = None
    """Pages within the container, `10–15`."""
    url: str | None = None
    doi: str | None = None
    accessed: str | None = None
    """Access date of an online source, as printed."""


# Both the downloads and the works-cited page read every reference: read each once.
@cache
def parse(text: str) -> Reference:
    """Read `text` best effort; the printed text is kept whole in `Reference.text`."""
    body = NUMBERING.sub("", text, count=1)
    doi_match = DOI.search(body)
    doi = doi_match.group(1).rstrip(_TRAILING + ")") if doi_match else None
    without_doi = DOI.sub(" ", body)
    url_match = URL.search(without_doi)
    url = url_match.group(1).rstrip(_TRAILING + ")") if url_match else None
    accessed_match = ACCESSED.search(body)
    accessed = accessed_match.group(1).rstrip(".") if accessed_match else None
    # Years and pages are read with links and access dates out of the way.
    plain = ACCESSED.sub(" ", URL.sub(" ", without_doi))
    year_match = YEAR.search(plain)
    pages_match = PAGES.search(plain)
    pages = re.sub(r"\s*[-–—]\s*", "–", pages_match.group(1)) if pages_match else None
    container_match = CONTAINER.search(plain)
    container = container_match.group(1).strip(_TRAILING) if container_match else None

    authors: tuple[str, ...] = ()
    rest = plain.strip()
    author_match = AUTHORS.match(rest)
    if author_match:
        authors = tuple(m.group().strip(" ,") for m in NAME.finditer(author_match.group("names")))
        rest = rest[author_match.end() :]
    end = TITLE_END.search(rest)
    title = (rest[: end.start()] if end else rest).strip(_TRAILING + " ") or None
    return Reference(
        text=text,
        authors=authors,
        title=title,
        year=int(year_match.group(1)) if year_match else None,
        container=container,
        pages=pages,
        url=url,
        doi=doi,
        accessed=accessed,
    )


def _fold(text: str) -> str:
    """Case, accents, `ё`, quotes and punctuation out of the way: `«Soft Power»` == `soft power`."""
    text = unicodedata.normalize("NFKD", text.casefold().replace("ё", "е"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def _surname_key(author: str) -> str:
    match = re.search(_SURNAME, author)
    return sound_key(match.group() if match else author)


def _url_key(url: str) -> str:
    return re.sub(r"^https?://(www\.)?", "", url.casefold()).rstrip("/")


@dataclass(frozen=True)
class WorkKey:
    """What identifies a work across papers, read from one printing of it."""

    author: str
    title: str
    year: int | None
    doi: str | None
    url: str | None

    @staticmethod
    @cache  # read again at each regeneration of `serve`, for every reference of the archive
    def of(reference: Reference) -> WorkKey:
        return WorkKey(
            author=_surname_key(reference.authors[0]) if reference.authors else "",
            title=_fold(reference.title or reference.text),
            year=reference.year,
            doi=reference.doi.casefold() if reference.doi else None,
            url=_url_key(reference.url) if reference.url else None,
        )

    def same_work(self, other: WorkKey) -> bool:
        """Two printings of one work: the same DOI, or the same first author (by sound, so
        `Stoletov`/`Stoletov'` meet), compatible years and nearly the same title. A title that
        is the other's start (a subtitle left out) counts as the same title."""
        if self.doi and other.doi:
            return self.doi == other.doi
        if self.author != other.author:
            return False
        if self.year and other.year and self.year != other.year:
            return False
        if not self.author and self.url and other.url:
            return self.url == other.url
        a, b = self.title, other.title
        if not a or not b:
            return False
        shorter, longer = sorted((a, b), key=len)
        if len(shorter.split()) >= 2 and longer.startswith(shorter + " "):
            return True
        # The ratio is at most 2·len(shorter)/(len(a)+len(b)): skip the costly comparison when
        # the lengths alone rule it out.
        if 2 * len(shorter) < TITLE_SIMILARITY * (len(a) + len(b)):
            return False
        matcher = SequenceMatcher(None, a, b, autojunk=False)
        return matcher.quick_ratio() >= TITLE_SIMILARITY and matcher.ratio() >= TITLE_SIMILARITY


def _candidates(block: list[int], keys: list[WorkKey]) -> Iterator[tuple[int, int]]:
    """The pairs of a block's printings that `same_work` may find to be one work, printings with
    DOIs aside (they are compared by DOI): not two of different years, nor two online sources
    without an author at different addresses. At 10,000 generated papers, blocks of online sources
    by a first title word such as `и` hold up to 943 printings, and comparing every pair of every
    block took 15 s of the build's main process."""
    groups: dict[tuple[int | None, str | None], list[int]] = {}
    for i in block:
        key = keys[i]
        groups.setdefault((key.year or None, None if key.author else key.url or None), []).append(i)
    listed = list(groups.items())
    for n, ((year, url), group) in enumerate(listed):
        yield from combinations(group, 2)
        for (other_year, other_url), other in listed[n + 1 :]:
            if (year and other_year and year != other_year) or (url and other_url and url != other_url):
                continue
            yield from product(group, other)


@dataclass(frozen=True)
class Citation:
    """One printing of a work in one paper's reference list."""

    paper: str
    number: int
    """1-based position in the paper's printed list."""
    reference: Reference


@dataclass(frozen=True)
class Work:
    """A work cited in the archive, with every printing of it."""

    citations: tuple[Citation, ...]

    @property
    def reference(self) -> Reference:
        """The first printing, shown for the work (the others may differ in small ways)."""
        return self.citations[0].reference

    @property
    def papers(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.paper for c in self.citations))


def works(citations: Iterable[Citation]) -> list[Work]:
    """Printings grouped into works, works in order of first citation. Comparisons are made only
    within a block of printings sharing a first-author sound and a first title word (a DOI
    links printings across blocks), so the archive's thousands of references are not compared
    pairwise."""
    items = list(citations)
    keys = [WorkKey.of(c.reference) for c in items]
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    blocks: dict[str, list[int]] = {}
    by_doi: dict[str, list[int]] = {}
    for i, key in enumerate(keys):
        blocks.setdefault(f"{key.author}|{(key.title.split() or [''])[0]}", []).append(i)
        if key.doi:
            by_doi.setdefault(key.doi, []).append(i)
    pairs = chain(
        chain.from_iterable(_candidates(block, keys) for block in blocks.values()),
        chain.from_iterable(combinations(group, 2) for group in by_doi.values()),
    )
    for a, b in pairs:
        i, j = min(a, b), max(a, b)  # the earlier printing first: difflib's ratio is not symmetric
        if find(i) != find(j) and keys[i].same_work(keys[j]):
            parent[find(j)] = find(i)
    grouped: dict[int, list[Citation]] = {}
    for i, citation in enumerate(items):
        grouped.setdefault(find(i), []).append(citation)
    return [Work(tuple(group)) for group in grouped.values()]
