"""The JSON Schemas of paper.yml, volume.yml and people.yml, and their check.

The schemas are files in this folder so that an editor with a YAML language server can
validate a file while it is typed (see docs/format.md); the loader uses the same files,
so the two can never disagree. The schemas have no `$id`: their `$ref`s between each other
are relative file names, which an editor resolves beside the schema file.
"""

from __future__ import annotations

import difflib
import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
from referencing import Registry, Resource

from ..problems import Problem
from ..yamlsource import JsonPath, YamlDocument, format_path

FOLDER = Path(__file__).parent
NAMES = ("paper", "volume", "people")


@cache
def schema(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FOLDER / f"{name}.schema.json").read_text(encoding="utf-8"))
    return data


@cache
def _validator(name: str) -> jsonschema.Draft202012Validator:
    resources = [(f"{other}.schema.json", Resource.from_contents(schema(other))) for other in NAMES]
    registry: Registry[Any] = Registry().with_resources(resources)
    return jsonschema.Draft202012Validator(schema(name), registry=registry)


# Language codes people write for the archive's three languages.
_LANGUAGE_HINTS = {"kz": "kk", "kaz": "kk", "qq": "kk", "rus": "ru", "eng": "en", "us": "en", "gb": "en"}
_TYPES = {"string": "text", "integer": "a whole number", "object": "a mapping of fields", "array": "a list"}


def _describe(error: jsonschema.ValidationError, doc: YamlDocument, where: JsonPath) -> str:
    value = error.instance
    kind = error.validator
    got = doc.raw.get(where) if where in doc.raw and not isinstance(value, (dict, list)) else None
    shown = got if got is not None else json.dumps(value, ensure_ascii=False)
    if kind == "type":
        expected = str(error.validator_value)
        if value is None:
            return f"is empty; must be {_TYPES.get(expected, expected)}"
        hint = ""
        if expected == "string" and got and isinstance(value, (int, float, bool)):
            # YAML reads 327.10 as a number and `no` as false: quoting keeps the text as written.
            hint = f"; put it in quotes: '{got}'"
        return f"must be {_TYPES.get(expected, expected)} (got {shown}){hint}"
    if kind == "enum":
        allowed = [str(v) for v in list(error.validator_value)]  # type: ignore[arg-type]
        guess = _LANGUAGE_HINTS.get(str(value).lower()) if isinstance(value, str) else None
        close = difflib.get_close_matches(str(value), allowed, n=1, cutoff=0.6)
        suggested: str | None = guess if guess in allowed else (close[0] if close else None)
        suggestion = f"; did you mean {suggested!r}?" if suggested else ""
        return f"must be one of {', '.join(allowed)} (got {shown}){suggestion}"
    if kind == "pattern":
        examples = error.schema.get("examples") if isinstance(error.schema, dict) else None
        form = f"like {examples[0]}" if examples else f"matching {error.validator_value}"
        return f"{value!r} does not have the expected form: write it {form}"
    if kind in ("minItems", "minProperties"):
        return "must not be empty"
    if kind == "minLength":
        return "must not be empty"
    if kind in ("minimum", "maximum"):
        return f"{value} is out of range ({kind} {error.validator_value})"
    return error.message


def check(name: str, doc: YamlDocument) -> list[Problem]:
    """Check `doc` against schema `name`; one problem per mistake, at the mistake's line."""
    problems: list[Problem] = []
    for error in _validator(name).iter_errors(doc.data):
        where: JsonPath = tuple(error.absolute_path)
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            known = list(error.schema.get("properties", {}))
            for key in error.instance:
                if key in known:
                    continue
                hint = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
                guess = _LANGUAGE_HINTS.get(key.lower())
                if guess in known:
                    hint = [guess]
                suggestion = f"; did you mean {hint[0]!r}?" if hint else f"; known fields: {', '.join(known)}"
                problems.append(
                    Problem(
                        doc.path,
                        doc.position((*where, key), key=True),
                        format_path((*where, key)),
                        f"unknown field {key!r}{suggestion}",
                    )
                )
        elif error.validator == "required" and isinstance(error.instance, dict):
            for key in error.validator_value:
                if key not in error.instance:
                    problems.append(
                        Problem(doc.path, doc.position(where), format_path((*where, key)), "is required but missing")
                    )
        else:
            problems.append(Problem(doc.path, doc.position(where), format_path(where), _describe(error, doc, where)))
    # jsonschema reports a `required` error per missing key, each of which lists them all here.
    return list(dict.fromkeys(problems))
