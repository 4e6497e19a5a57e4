"""The safe YAML reader: values with their positions, refused constructs, readable errors."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from build_tools.problems import Position, Severity
from build_tools.text import find_lookalikes
from build_tools.yamlsource import YamlDocument, format_path, load_yaml


def read(tmp_path: Path, text: str | bytes) -> tuple[YamlDocument | None, list[str]]:
    path = tmp_path / "f.yml"
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    doc, problems = load_yaml(path)
    return doc, [p.format(tmp_path) for p in problems]


def test_values_keep_their_positions_and_types(tmp_path: Path) -> None:
    doc, problems = read(
        tmp_path, "id: x\nyear: 2020\ndate: 2020-04-10\nok: true\nauthors:\n  - name: A\n    orcid: B\n"
    )
    assert problems == [] and doc is not None
    assert doc.data == {
        "id": "x",
        "year": 2020,
        "date": "2020-04-10",  # timestamps stay text: the schema checks their form
        "ok": True,
        "authors": [{"name": "A", "orcid": "B"}],
    }
    assert doc.position(("authors", 0, "orcid")) == Position(7, 12)
    assert doc.position(("authors", 0, "orcid"), key=True) == Position(7, 5)
    # A missing field is placed at its parent.
    assert doc.position(("authors", 0, "email")) == Position(6, 5)
    assert format_path(("authors", 0, "orcid")) == "authors[0].orcid"


@pytest.mark.parametrize(
    ("source", "where"),
    [
        ("t: Ұлыбритания және Oдақ\n", Position(1, 21)),  # plain
        ("t: 'Ол''ар және Oдақ'\n", Position(1, 17)),  # single-quoted, '' is one quote
        ('t: "Ол\\"ар және Oдақ"\n', Position(1, 17)),  # double-quoted, \" is one quote
        ("t: Ұлыбритания\n  және\n  Oдақ\n", Position(3, 3)),  # plain over three lines
        ("t: |\n  бірінші жол\n  Oдақ\n", Position(3, 3)),  # literal block
        ("t: >\n  бірінші жол\n  екінші Oдақ\n", Position(3, 10)),  # folded block
        ("l: [Ахмедьянова Д.К., Ахмедьянoва Д.К.]\n", Position(1, 31)),  # flow list
    ],
)
def test_a_letter_inside_a_string_is_placed_exactly(tmp_path: Path, source: str, where: Position) -> None:
    doc, problems = read(tmp_path, source)
    assert problems == [] and doc is not None
    (path, value), *rest = [(p, v) for p, v in doc.strings() if find_lookalikes(v)]
    assert rest == []
    (found,) = find_lookalikes(value)
    assert doc.text_position(path, found.offset) == where


def test_an_escape_falls_back_to_the_value_start(tmp_path: Path) -> None:
    doc, _ = read(tmp_path, 't: "\\u0416\\u0435 Oдақ"\n')
    assert doc is not None
    (found,) = find_lookalikes(doc.data["t"])
    assert doc.text_position(("t",), found.offset) == Position(1, 4)


def test_aliases_and_anchors_are_refused_where_they_are_written(tmp_path: Path) -> None:
    doc, problems = read(tmp_path, "a: &x [1, 2]\nb: [*x, *x]\n")
    assert doc is not None
    assert problems == [
        "f.yml:1:4: a: anchors (&x) are not allowed; remove it",
        "f.yml:2:5: b[0]: aliases (*x) are not allowed; write the value out in full",
        "f.yml:2:9: b[1]: aliases (*x) are not allowed; write the value out in full",
    ]
    # The alias is never followed: its place holds nothing.
    assert doc.data == {"a": [1, 2], "b": [None, None]}


def test_merge_keys_are_refused(tmp_path: Path) -> None:
    _, problems = read(tmp_path, "base: &b {x: 1}\nc:\n  <<: *b\n  y: 2\n")
    assert "f.yml:3:3: c: keys must be plain words (no merge keys or complex keys)" in problems


@pytest.mark.parametrize(
    ("source", "tag"),
    [
        ('x: !!python/object/apply:os.system ["echo hi"]\n', "!!python/object/apply:os.system"),
        ("x: !!python/name:os.system\n", "!!python/name:os.system"),
        ("x: !!binary aGVsbG8=\n", "!!binary"),
        ("x: !!set {a, b}\n", "!!set"),
        ("x: !custom 1\n", "!custom"),
    ],
)
def test_tags_that_construct_things_are_refused(tmp_path: Path, source: str, tag: str) -> None:
    doc, problems = read(tmp_path, source)
    assert doc is not None and doc.data == {"x": None}
    assert problems == [f"f.yml:1:4: x: tag {tag} is not allowed (only text, numbers, lists and mappings)"]


def test_text_is_normalised_to_nfc_with_a_warning_at_the_letter(tmp_path: Path) -> None:
    path = tmp_path / "f.yml"
    path.write_text("t: Сөз " + unicodedata.normalize("NFD", "Ёмкость") + "\n", encoding="utf-8")
    doc, problems = load_yaml(path)
    assert doc is not None and doc.data == {"t": "Сөз Ёмкость"}
    (problem,) = problems
    assert (problem.position, problem.field, problem.severity) == (Position(1, 8), "t", Severity.WARNING)
    assert "not in Unicode NFC" in problem.message


def test_a_key_given_twice(tmp_path: Path) -> None:
    _, problems = read(tmp_path, "a: 1\na: 2\n")
    assert problems == ["f.yml:2:1: a: 'a' is given twice"]


def test_not_utf8_is_placed_at_the_bad_byte_in_characters(tmp_path: Path) -> None:
    _, problems = read(tmp_path, "a: b\nt: Сөз ".encode() + "сөз".encode("cp1251", errors="replace") + b"\n")
    assert problems == ["f.yml:2:8: (file): the file is not UTF-8 (byte 0xF1); save it with UTF-8 encoding"]


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    doc, problems = read(tmp_path, "\ufeffa: b\n")
    assert problems == [] and doc is not None and doc.data == {"a": "b"}


def test_parse_errors_name_the_place_and_where_the_open_bracket_was(tmp_path: Path) -> None:
    _, problems = read(tmp_path, "a: [1, 2\nb: 3\n")
    (problem,) = problems
    assert problem.startswith("f.yml:2:")
    assert "while parsing a flow sequence at line 1, column 4" in problem


def test_a_quote_left_open_is_named_where_it_opens(tmp_path: Path) -> None:
    _, problems = read(tmp_path, 'title: "A title\nyear: 2020\nnote: "a note"\n')
    (problem,) = problems
    assert problem.startswith("f.yml:3:")
    assert "the quoted value at line 1, column 8 runs over several lines" in problem
    # A quoted value may run over lines: a later, unrelated error says nothing of it.
    _, problems = read(tmp_path, 'title: "A title\n  on two lines"\nkeywords: [a, b\nyear: 2020\n')
    (problem,) = problems
    assert "while parsing a flow sequence at line 3" in problem and "quote" not in problem


def test_a_control_character_is_placed_by_character_not_byte(tmp_path: Path) -> None:
    _, problems = read(tmp_path, "a: Сөз\x07\n")
    assert problems == ["f.yml:1:7: (file): YAML does not parse: control character U+0007 is not allowed"]


def test_an_empty_file_is_an_empty_mapping(tmp_path: Path) -> None:
    doc, problems = read(tmp_path, "# only a comment\n")
    assert problems == [] and doc is not None and doc.data == {}


def test_raw_text_of_numbers_is_kept_for_messages(tmp_path: Path) -> None:
    doc, _ = read(tmp_path, "udc: [327.10]\n")
    assert doc is not None
    assert doc.data == {"udc": [327.1]}
    assert doc.raw[("udc", 0)] == "327.10"
