"""What one citation of one paper says: built once, here, and only rendered elsewhere.

BibTeX, RIS, CSL-JSON, the GOST and APA strings, the Highwire Press, Dublin Core, Open Graph
and schema.org tags are all renderings of one `Record`, so they can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..catalog import Catalog
from ..model import Detail, Language, Pages, Paper, Person
from ..names import Name


@dataclass(frozen=True)
class Contributor:
    """A person as the citation names them."""

    name: Name
    """The spelling the citation uses: as printed, or the Latin spelling in an English paper."""
    affiliation: str | None = None
    orcid: str | None = None

    @property
    def given(self) -> tuple[str, ...]:
        """Given names, initials with their dot: `("D.", "K.")`, `("Alsina",)`."""
        return tuple(part if len(part) > 2 else f"{part}." for part in self.name.given)

    @property
    def initials(self) -> str:
        """`D. K.`: initials with a space between them, as GOST R 7.0.100 and APA both print them."""
        return " ".join(f"{initial}." for initial in self.name.initials)

    @property
    def inverted(self) -> str:
        """`Surname, Given`: the order reference managers and indexers read without guessing."""
        return f"{self.name.surname}, {' '.join(self.given)}" if self.given else self.name.surname

    @property
    def natural(self) -> str:
        """`Given Surname`, for schema.org and Open Graph."""
        return " ".join((*self.given, self.name.surname))


@dataclass(frozen=True)
class Record:
    """A paper as a citation sees it, every text in the paper's language."""

    key: str
    """Citation key: the paper's permanent id, never made from names or titles, so it never changes."""
    language: Language
    title: str
    authors: tuple[Contributor, ...]
    editors: tuple[Contributor, ...]
    year: int
    date: str | None
    """ISO date of the conference, when the volume gives one."""
    container: str
    """Title of the volume (the proceedings)."""
    conference: str | None
    city: str
    publisher: str
    isbn: str | None
    pages: Pages | None
    keywords: tuple[str, ...]
    abstract: str | None
    licence: str
    volume: str
    page_path: str
    """The paper page, relative to the site root: `2020-ir-001/`."""
    pdf_path: str | None
    """The PDF beside the page, relative to the site root, when the paper has one."""
    inferred: frozenset[Detail] = frozenset()
    """The volume's details it does not print (its `title` is `container` here): its editors
    supplied them."""

    def url(self, site_url: str | None) -> str | None:
        return _join(site_url, self.page_path)

    def pdf_url(self, site_url: str | None) -> str | None:
        return _join(site_url, self.pdf_path) if self.pdf_path else None

    def download(self, suffix: str) -> str:
        """Site-relative path of a download beside the page: `2020-ir-001/2020-ir-001.bib`."""
        return f"{self.page_path}{self.key}{suffix}"


def _join(site_url: str | None, path: str | None) -> str | None:
    if site_url is None or path is None:
        return None
    return site_url.rstrip("/") + "/" + path


def build_record(catalog: Catalog, paper: Paper) -> Record:
    volume = catalog.volumes[paper.volume]
    language = paper.language
    people = catalog.credited(paper, "authors")
    authors = []
    for i, author in enumerate(paper.authors):
        person = people[i] if len(people) == len(paper.authors) else None
        name = _spelling(language, author.name, author.name_latin, person)
        authors.append(Contributor(name, author.affiliation, author.orcid or (person.orcid if person else None)))
    edited = catalog.edited(volume)
    editors = tuple(
        Contributor(
            _spelling(language, e.name, e.name_latin, edited[i] if len(edited) == len(volume.editors) else None)
        )
        for i, e in enumerate(volume.editors)
    )
    keywords = paper.keywords.get(language) or next(iter(paper.keywords.values()), ())
    return Record(
        key=paper.id,
        language=language,
        title=paper.printed_title,
        authors=tuple(authors),
        editors=editors,
        year=volume.year,
        date=volume.date,
        container=volume.title.best(language),
        conference=volume.conference.best(language) if volume.conference else None,
        city=volume.city.best(language),
        publisher=volume.publisher.best(language),
        isbn=volume.isbn,
        pages=paper.pages,
        keywords=tuple(keywords),
        abstract=paper.abstract.get(language) if paper.abstract else None,
        licence=paper.licence,
        volume=volume.id,
        page_path=f"{paper.id}/",
        pdf_path=f"{paper.id}/{paper.id}.pdf" if paper.pdf else None,
        inferred=volume.inferred,
    )


def _spelling(language: Language, printed: Name, latin: Name | None, person: Person | None) -> Name:
    """English citations name people in Latin letters; the others as the volume printed them."""
    if language != "en" or printed.script == "latn":
        return printed
    return latin or (person.name_in("latn") if person else None) or printed
