"""`python -m build_tools import`: the seed volume read into paper folders, field by field."""

from __future__ import annotations

import contextlib
import io
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from build_tools.__main__ import main, validate
from build_tools.importer import (
    DraftAuthor,
    DraftSupervisor,
    ImportRefused,
    detect_language,
    plan,
    sentence_case,
    write,
)
from build_tools.importer.text import read_source
from build_tools.problems import Severity

SEED = Path(__file__).parent / "fixtures" / "import" / "seed.txt"

VOLUME_YML = """\
id: 2019-ir
title: {en: Proceedings}
year: 2019
city: {en: Nur-Sultan}
publisher: {en: L.N. Gumilyov Eurasian National University}
"""

RUSSIAN = """\
МРНТИ 11.25.40

УДК 327 (574)

ВНЕШНЯЯ ПОЛИТИКА КАЗАХСТАНА В XXI ВЕКЕ

Иванов И.И.

e-mail: <u>ivanov@example.org</u>

Магистрант ЕНУ им. Л.Н. Гумилева, Научный руководитель – к.и.н., доцент Петров П.П., Астана

Многовекторная политика Казахстана включает:

1) сотрудничество с соседями;
2) участие в интеграции.

# Текст, не заголовок, и 2013. № 9 <b>не тег</b>.

Текст с <u>подчёркнутым</u> словом и адресом $http://example.org/math$.

Список литературы

1. Первая книга. – М., 2015.
2. Вторая статья // Журнал. 2016.
http://example.org/2
3. Третья // $http://example.org/3$
"""


def run(*argv: str) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, err.getvalue()


def new_archive(root: Path, people: str | None = None) -> Path:
    papers = root / "papers"
    (papers / "2019-ir").mkdir(parents=True)
    (papers / "2019-ir" / "volume.yml").write_text(VOLUME_YML, encoding="utf-8")
    if people is not None:
        (papers / "people.yml").write_text(people, encoding="utf-8")
    return papers


@dataclass(frozen=True)
class Imported:
    papers: Path
    code: int
    stderr: str

    def paper(self, paper_id: str) -> dict[str, Any]:
        data: dict[str, Any] = yaml.safe_load((self.papers / "2019-ir" / paper_id / "paper.yml").read_text("utf-8"))
        return data

    def body(self, paper_id: str) -> str:
        return (self.papers / "2019-ir" / paper_id / "paper.md").read_text("utf-8")


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> Imported:
    """The seed imported once through the command line into an archive with an empty registry."""
    papers = new_archive(tmp_path_factory.mktemp("seed"))
    code, stderr = run("import", str(SEED), "--volume", "2019-ir", "--papers", str(papers))
    return Imported(papers, code, stderr)


def test_the_seed_gives_two_papers(seed: Imported) -> None:
    assert seed.code == 0, seed.stderr
    assert sorted(p.name for p in (seed.papers / "2019-ir").iterdir()) == ["2019-ir-001", "2019-ir-002", "volume.yml"]
    assert sorted(p.name for p in (seed.papers / "2019-ir" / "2019-ir-001").iterdir()) == ["paper.md", "paper.yml"]


def test_orphan_fragment_is_reported_with_its_lines(seed: Imported) -> None:
    assert f"{SEED}: lines 1-21: text before the first UDC line belongs to no paper; not imported" in seed.stderr
    # ...and not imported anywhere.
    written = "".join(p.read_text("utf-8") for p in seed.papers.rglob("*") if p.is_file())
    assert "Zuckerman" not in written
    assert "twiplomacy" not in written


def test_english_paper_fields(seed: Imported) -> None:
    data = seed.paper("2019-ir-001")
    assert list(data) == ["id", "language", "udc", "title", "authors", "supervisors", "references", "licence"]
    assert data["id"] == "2019-ir-001"
    assert data["language"] == "en"
    assert data["udc"] == ["327.8"]
    assert data["title"] == {"en": "Country image as an element of soft power"}
    assert data["authors"] == [
        {
            "name": "Bodenova Alsina",
            "affiliation": "Faculty of International Relations L.N. Gumilyov Eurasian National University",
            "email": "alsina-birmanova@mail.ru",
            "status": "Master's student",
        }
    ]
    assert data["supervisors"] == [{"name": "D.K Akhmedyanova"}]
    assert data["licence"] == "CC-BY-4.0"
    references = data["references"]
    assert len(references) == 9
    assert references[0] == "Stoletov O.V. Smart power strategy in global leadership policy, 2014.- 227 s."
    assert references[6] == (
        "Hauer-Tyukarkina O.M. Aspects of formation of foreign policy image strategy of modern Germany. "
        "Vladimir: Transit-X, 2013. P. 3"
    )
    assert references[-1] == (
        "Full text of Hu Jintao's report at 17th Party Congress //Xinhua. 24.10.2007 [Electronic resource]. "
        "URL: http://en.people.cn/90001/90776/90785/6290120.html Checked: 11.06.2017."
    )


def test_english_paper_body(seed: Imported) -> None:
    body = seed.body("2019-ir-001")
    assert body.startswith("Nowadays the role of the image of country is becoming increasingly important")
    assert body.endswith("the question of a positive image of modern statesb is of paramount importance.\n")
    # Lists stay lists; the item printed without its dash stays a paragraph between them.
    assert (
        "include:\n\n- Public diplomacy;\n- foreign cultural policy;\n"
        "- information policy (including social networks and other innovative media resources);\n\n"
        "international educational policy;\n\n"
        "- humanitarian interaction at the level of NGOs"
    ) in body
    assert "\n- creating an image that was previously missing;\n- modification of the image;\n" in body
    assert "COUNTRY IMAGE" not in body
    assert "References" not in body
    assert "Stoletov" not in body
    assert "alsina-birmanova" not in body


def test_kazakh_paper_fields(seed: Imported) -> None:
    data = seed.paper("2019-ir-002")
    assert list(data) == ["id", "language", "udc", "title", "authors", "supervisors", "licence", "incomplete"]
    assert data["id"] == "2019-ir-002"
    assert data["language"] == "kk"
    assert data["udc"] == ["327.7"]
    # Sentence case from capitals; the printed capitals are kept nowhere.
    assert data["title"] == {"kk": "Ұлыбритания және еуропалық одақ қарым-қатынастары. «Brexit» салдары"}
    assert data["authors"] == [
        {
            "name": "Ерғалиева Айша Айтжанқызы",
            "affiliation": "Л.Н. Гумилев атындағы Еуразия Ұлттық университеті Халықаралық қатынастар "
            "факультетінің 2-курс студенті, Нұр-Сұлтан, Қазақстан",
            "email": "yergaliyeva_a@mail.ru",
            "status": "2-курс студенті",
        }
    ]
    assert data["supervisors"] == [{"name": "Дауылбаев А.Б."}]
    assert "references" not in data
    assert data["incomplete"] is True


def test_kazakh_paper_body_and_incomplete_notice(seed: Imported) -> None:
    body = seed.body("2019-ir-002")
    assert body.startswith("Еуропалық интеграция мәселесі көпвекторлы процесс ретінде")
    assert body.endswith("Бастапқыда Еуропа елдерін біріктіру тек экономикалық мақсаттарды көздеді – бірыңғай\n")
    assert "ҰЛЫБРИТАНИЯ" not in body
    assert body.count("\n\n") == 1
    assert "lines 116-126: the text ends mid-sentence with no reference list; imported with `incomplete: true`" in (
        seed.stderr
    )


def test_new_people_are_added_to_the_registry(seed: Imported) -> None:
    registry = yaml.safe_load((seed.papers / "people.yml").read_text("utf-8"))
    assert registry == {
        "people": [
            {"id": "bodenova-a", "names": ["Bodenova Alsina"]},
            {"id": "akhmedyanova-d-k", "names": ["D.K Akhmedyanova"]},
            {"id": "ergalieva-a-a", "names": ["Ерғалиева Айша Айтжанқызы"]},
            {"id": "dauylbaev-a-b", "names": ["Дауылбаев А.Б."]},
        ]
    }


def test_imported_archive_validates(seed: Imported) -> None:
    catalog, problems = validate(seed.papers)
    assert [p.format() for p in problems if p.severity is Severity.ERROR] == []
    assert sorted(catalog.papers) == ["2019-ir-001", "2019-ir-002"]
    assert catalog.credited(catalog.papers["2019-ir-002"], "supervisors")[0].id == "dauylbaev-a-b"


def test_reimport_is_refused_and_writes_nothing(seed: Imported, tmp_path: Path) -> None:
    papers = tmp_path / "papers"
    shutil.copytree(seed.papers, papers)
    before = {p: p.read_bytes() for p in papers.rglob("*") if p.is_file()}
    code, stderr = run("import", str(SEED), "--volume", "2019-ir", "--papers", str(papers))
    assert code == 1
    assert f"{papers / '2019-ir' / '2019-ir-001' / 'paper.yml'}:6:7: title: lines 23-114" in stderr
    assert "already imported as 2019-ir-001; an existing paper folder is never overwritten" in stderr
    assert "Traceback" not in stderr
    assert {p: p.read_bytes() for p in papers.rglob("*") if p.is_file()} == before


def test_an_existing_folder_is_never_overwritten(tmp_path: Path) -> None:
    papers = new_archive(tmp_path)
    source = read_source(SEED, SEED.read_text("utf-8"))
    planned = plan(papers, "2019-ir", source.drafts)
    assert [p.id for p in planned.papers] == ["2019-ir-001", "2019-ir-002"]
    # Another import took the second id after the plan was made.
    taken = papers / "2019-ir" / "2019-ir-002"
    taken.mkdir()
    (taken / "paper.yml").write_text("id: 2019-ir-002\n", encoding="utf-8")
    with pytest.raises(ImportRefused) as refused:
        write(planned)
    assert [p.path for p in refused.value.problems] == [taken]
    assert "an existing paper folder is never overwritten" in refused.value.problems[0].message
    assert (taken / "paper.yml").read_text("utf-8") == "id: 2019-ir-002\n"
    # Nothing else was written either.
    assert not (papers / "2019-ir" / "2019-ir-001").exists()


def test_ids_continue_after_the_highest_number(tmp_path: Path) -> None:
    papers = new_archive(tmp_path)
    (papers / "2019-ir" / "2019-ir-007").mkdir()
    source = read_source(SEED, SEED.read_text("utf-8"))
    assert [p.id for p in plan(papers, "2019-ir", source.drafts).papers] == ["2019-ir-008", "2019-ir-009"]


def test_a_missing_volume_is_refused_with_a_template(tmp_path: Path) -> None:
    papers = new_archive(tmp_path)
    code, stderr = run("import", str(SEED), "--volume", "2021-ir", "--papers", str(papers))
    assert code == 1
    assert f"{papers / '2021-ir' / 'volume.yml'}:1:1: (file): the volume '2021-ir' does not exist; create" in stderr
    assert "\nid: 2021-ir\ntitle:\n" in stderr
    assert "\nyear: 2021\n" in stderr
    assert not (papers / "2021-ir").exists()
    assert not (papers / "people.yml").exists()


def test_text_without_udc_line_is_refused(tmp_path: Path) -> None:
    papers = new_archive(tmp_path)
    text = tmp_path / "notes.txt"
    text.write_text("Just a paragraph.\n", encoding="utf-8")
    code, stderr = run("import", str(text), "--volume", "2019-ir", "--papers", str(papers))
    assert code == 1
    assert "no UDC/УДК/ӘОЖ line found: nothing to import" in stderr
    assert sorted(p.name for p in (papers / "2019-ir").iterdir()) == ["volume.yml"]


def test_registry_keeps_its_comments_and_known_people(tmp_path: Path) -> None:
    old = (
        "# The people registry.\npeople:\n  - id: akhmedyanova-d-k\n    names: [Ахмедьянова Д.К., Akhmedyanova D.K.]\n"
    )
    papers = new_archive(tmp_path, people=old)
    code, stderr = run("import", str(SEED), "--volume", "2019-ir", "--papers", str(papers))
    assert code == 0, stderr
    text = (papers / "people.yml").read_text("utf-8")
    assert text.startswith(old)
    ids = [p["id"] for p in yaml.safe_load(text)["people"]]
    assert ids == ["akhmedyanova-d-k", "bodenova-a", "ergalieva-a-a", "dauylbaev-a-b"]


@pytest.fixture
def russian(tmp_path: Path) -> tuple[Path, dict[str, Any], str]:
    papers = new_archive(tmp_path)
    source = tmp_path / "ru.txt"
    source.write_text(RUSSIAN, encoding="utf-8")
    code, stderr = run("import", str(source), "--volume", "2019-ir", "--papers", str(papers))
    assert code == 0, stderr
    folder = papers / "2019-ir" / "2019-ir-001"
    return papers, yaml.safe_load((folder / "paper.yml").read_text("utf-8")), (folder / "paper.md").read_text("utf-8")


def test_irsti_code_goes_to_irsti(russian: tuple[Path, dict[str, Any], str]) -> None:
    papers, data, _ = russian
    assert data["irsti"] == ["11.25.40"]
    assert data["udc"] == ["327 (574)"]
    _, problems = validate(papers)
    assert [p.format() for p in problems if p.severity is Severity.ERROR] == []


def test_irsti_code_on_the_udc_line() -> None:
    source = read_source(Path("x.txt"), "УДК 327.8, 11.25.40\n\nTITLE\n\nBody.\n")
    assert source.drafts[0].udc == ("327.8",)
    assert source.drafts[0].irsti == ("11.25.40",)


def test_russian_header(russian: tuple[Path, dict[str, Any], str]) -> None:
    _, data, _ = russian
    assert data["language"] == "ru"
    assert data["title"] == {"ru": "Внешняя политика казахстана в XXI веке"}
    assert data["authors"] == [
        {
            "name": "Иванов И.И.",
            "affiliation": "ЕНУ им. Л.Н. Гумилева, Астана",
            "email": "ivanov@example.org",
            "status": "Магистрант",
        }
    ]
    assert data["supervisors"] == [{"name": "Петров П.П.", "degree": "к.и.н., доцент"}]
    assert data["references"] == [
        "Первая книга. – М., 2015.",
        "Вторая статья // Журнал. 2016. http://example.org/2",
        "Третья // http://example.org/3",
    ]


def test_russian_body_markdown(russian: tuple[Path, dict[str, Any], str]) -> None:
    _, _, body = russian
    assert body == (
        "Многовекторная политика Казахстана включает:\n\n"
        "1. сотрудничество с соседями;\n2. участие в интеграции.\n\n"
        "\\# Текст, не заголовок, и 2013. № 9 &lt;b>не тег&lt;/b>.\n\n"
        "Текст с подчёркнутым словом и адресом http://example.org/math.\n"
    )


def test_supervisor_in_the_middle_of_the_affiliation() -> None:
    source = read_source(
        Path("en.txt"),
        "UDC 327\n\nTITLE ONE\n\nSmith John, Brown Anna\n\njohn@example.org, anna@example.org\n\n"
        "2nd year student, Supervisor – Prof. Ivanov I.I., Faculty of International Relations, "
        "L.N. Gumilyov Eurasian National University\n\nBody.\n",
    )
    (draft,) = source.drafts
    affiliation = "Faculty of International Relations, L.N. Gumilyov Eurasian National University"
    assert draft.authors == (
        DraftAuthor("Smith John", affiliation, "john@example.org", "2nd year student"),
        DraftAuthor("Brown Anna", affiliation, "anna@example.org", "2nd year student"),
    )
    assert draft.supervisors == (DraftSupervisor("Ivanov I.I.", "Prof."),)
    assert draft.title == "Title one"
    assert draft.body == "Body.\n"
    assert not draft.incomplete
    assert [n.message for n in source.notices] == ["no reference list found"]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Қазақстан Республикасының сыртқы саясаты", "kk"),
        ("Ұлыбритания мен Еуропалық Одақ", "kk"),
        ("Внешняя политика Республики Казахстан", "ru"),
        ("Внешняя политика и международные отношения. " * 8 + "Қазақстан", "ru"),
        ("Foreign policy of Kazakhstan", "en"),
        ("Soft power (мягкая сила) in foreign policy of Kazakhstan and other states", "en"),
    ],
)
def test_language_detection(text: str, language: str) -> None:
    assert detect_language(text) == language


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("COUNTRY IMAGE AS AN ELEMENT OF SOFT POWER", "Country image as an element of soft power"),
        ("ҚАЗАҚСТАН XXI ҒАСЫРДА. «ЖАҢА» КЕЗЕҢ", "Қазақстан XXI ғасырда. «Жаңа» кезең"),
    ],
)
def test_sentence_case(printed: str, expected: str) -> None:
    assert sentence_case(printed) == expected
