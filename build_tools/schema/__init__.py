"""The JSON Schemas of paper.yml, volume.yml and people.yml, and their check.

The schemas are files in this folder so that an editor with a YAML language server can
validate a file while it is typed (see docs/contributing/format.md); the loader uses the
same files, so the two can never disagree.
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
    resources = [(f"{other}.schema.json", Resource.from_contents(schema(other))) for other in NAMES] + [
        (schema(other)["$id"], Resource.from_contents(schema(other))) for other in NAMES
    ]
    registry: Registry[Any] = Registry().with_resources(resources)
    return jsonschema.Draft202012Validator(schema(name), registry=registry)


def _describe(error: jsonschema.ValidationError) -> str:
    value = error.instance
    kind = error.validator
    if kind == "type":
        return f"must be {error.validator_value} (got {json.dumps(value, ensure_ascii=False)})"
    if kind == "enum":
        allowed = ", ".join(str(v) for v in list(error.validator_value))  # type: ignore[arg-type]
        return f"must be one of {allowed} (got {json.dumps(value, ensure_ascii=False)})"
    if kind == "pattern":
        return f"{json.dumps(value, ensure_ascii=False)} does not have the expected form ({error.validator_value})"
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
            problems.append(Problem(doc.path, doc.position(where), format_path(where), _describe(error)))
    # jsonschema reports a `required` error per missing key, each of which lists them all here.
    return list(dict.fromkeys(problems))
