"""The committed JSON Schemas match the record model and accept what ``check`` accepts."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from click.testing import CliRunner
from conftest import CASES, MINIMAL, TODAY

from build_tools import jsonschema as schemas
from build_tools.cli import main
from build_tools.load import split_front_matter
from build_tools.problems import Code
from build_tools.scaffold import create_record
from build_tools.schema import RECORD_TYPES, RecordType

REPO = Path(__file__).parent.parent
SCHEMA_DIR = REPO / schemas.SCHEMA_DIR
RENDERED = schemas.render_schemas()


class Yaml12Loader(yaml.SafeLoader):
    """Reads scalars as YAML 1.2 (core schema) does, like editors' YAML tooling.

    ``2026-11-01``, ``no`` and ``on`` stay strings; only ``true``/``false`` are booleans.
    """


_YAML11_ONLY = (
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
)
Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in _YAML11_ONLY]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), None
)
Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$"),
    list("-+.0123456789"),
)

Yaml12Loader.add_constructor(
    "tag:yaml.org,2002:int",
    lambda loader, node: int(loader.construct_scalar(node)),  # type: ignore[arg-type]  # 0123 is 123, not octal
)


def load_yaml12(text: str) -> Any:
    return yaml.load(text, Loader=Yaml12Loader)


def record_fields(path: Path, rtype: RecordType) -> Any:
    text = path.read_text(encoding="utf-8")
    if rtype.fmt == "md":
        split = split_front_matter(text.replace("\r\n", "\n"))
        assert split is not None
        text = split[0]
    return load_yaml12(text)


def test_yaml12_loader_reads_like_editor_tooling() -> None:
    assert load_yaml12("a: 2026-11-01\nb: no\nc: on\nd: 7\ne: 0123\nf: true\n") == {
        "a": "2026-11-01",
        "b": "no",
        "c": "on",
        "d": 7,
        "e": 123,
        "f": True,
    }
    assert load_yaml12("a: 1.10\nb: 1e3\nc: yes\n") == {"a": 1.1, "b": 1000.0, "c": "yes"}


def test_committed_schemas_are_current() -> None:
    committed = {p.name: p.read_text(encoding="utf-8") for p in SCHEMA_DIR.glob("*.schema.json")}
    assert committed.keys() == RENDERED.keys(), "run 'wijkengids schema' and commit schemas/"
    stale = [name for name, text in RENDERED.items() if committed[name] != text]
    assert not stale, f"schemas/{', '.join(stale)} differ from the record model: run 'wijkengids schema' and commit"


def test_schema_check_command_agrees(tmp_path: Path) -> None:
    assert CliRunner().invoke(main, ["schema", "--check", "-C", str(REPO)]).exit_code == 0
    result = CliRunner().invoke(main, ["schema", "--check", "-C", str(tmp_path)])
    assert result.exit_code == 1
    assert "Draai 'wijkengids schema'" in result.stderr
    written = CliRunner().invoke(main, ["schema", "-C", str(tmp_path)])
    assert written.exit_code == 0
    assert written.stdout.count("geschreven: schemas/") == len(RECORD_TYPES)
    assert CliRunner().invoke(main, ["schema", "-C", str(tmp_path)]).stdout == "Schema's waren al actueel.\n"
    (tmp_path / "schemas/lesson.schema.json").write_text("{}", encoding="utf-8")
    result = CliRunner().invoke(main, ["schema", "--check", "-C", str(tmp_path)])
    assert result.exit_code == 1 and "lesson.schema.json" in result.stderr


@pytest.mark.parametrize("rtype", RECORD_TYPES, ids=lambda t: t.name)
def test_schema_is_valid_json_schema_covering_every_field(rtype: RecordType) -> None:
    schema = json.loads(RENDERED[f"{rtype.name}.schema.json"])
    jsonschema.Draft202012Validator.check_schema(schema)
    assert list(schema["properties"]) == [f.name for f in rtype.all_fields]
    assert schema["required"] == [f.name for f in rtype.all_fields if f.required]
    assert schema["additionalProperties"] is False
    for field in rtype.all_fields:
        assert schema["properties"][field.name]["description"].startswith(field.doc)


def validator(rtype: RecordType) -> jsonschema.Draft202012Validator:
    schema = json.loads(RENDERED[f"{rtype.name}.schema.json"])
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def shipped_records() -> list[tuple[Path, RecordType]]:
    """Every record of the shipped guide, of the base guide and of the valid cases' overlays."""
    found = []
    # yaml11-strings holds plain 0123 and 1.10 in text fields: check keeps what the editor typed,
    # YAML 1.2 tooling reads numbers there and rightly suggests quotes.
    cases = [p for p in (CASES / "valid").iterdir() if p.is_dir() and p.name != "yaml11-strings"]
    for root in [REPO, MINIMAL, *cases]:
        for rtype in RECORD_TYPES:
            found += [(path, rtype) for path in sorted((root / rtype.folder).glob(f"*{rtype.suffix}"))]
    return found


def test_schemas_accept_every_shipped_record() -> None:
    """What ``check`` accepts, the editors' tooling does not flag."""
    records = shipped_records()
    assert len(records) > 50
    errors = []
    for path, rtype in records:
        for error in validator(rtype).iter_errors(record_fields(path, rtype)):
            errors.append(f"{path.relative_to(REPO)}: {error.json_path}: {error.message}")
    assert errors == []


@pytest.mark.parametrize(
    ("case", "rel"),
    [
        (Code.UNKNOWN_FIELD, "guide/organisaties/de-beuk.yml"),
        (Code.BAD_URL, "guide/organisaties/de-beuk.yml"),
        ("bad-choice-yaml11-words", "guide/organisaties/de-beuk.yml"),
        (Code.BAD_ID, "guide/organisaties/De_Beuk.yml"),
        (Code.WRONG_TYPE, "guide/organisaties/de-beuk.yml"),
        (Code.BAD_CHOICE, "lessons/lange-adem.md"),
        (Code.BAD_DATE, "lessons/lange-adem.md"),
        (Code.DUPLICATE_ITEM, "lessons/lange-adem.md"),
        (Code.TOO_FEW, "lessons/lange-adem.md"),
        ("bad-number-leading-zero", "guide/hoofdstukken/vooraf.md"),
    ],
)
def test_schemas_flag_what_check_refuses(case: str, rel: str) -> None:
    rtype = next(t for t in RECORD_TYPES if rel.startswith(t.folder + "/") and "/" not in rel[len(t.folder) + 1 :])
    data = record_fields(CASES / "invalid" / case / rel, rtype)
    if case == "bad-number-leading-zero":
        data["number"] = "0123"  # YAML 1.2 reads 0123 as 123; the editor typed text the checker refuses
    assert list(validator(rtype).iter_errors(data)), f"{case}: the schema accepts what check refuses"


@pytest.mark.parametrize("rtype", RECORD_TYPES, ids=lambda t: t.name)
def test_yml_scaffolds_point_at_an_existing_schema(rtype: RecordType, tmp_path: Path) -> None:
    path = create_record(tmp_path, rtype, "Nieuw record", TODAY)
    first = path.read_text(encoding="utf-8").splitlines()[0]
    if rtype.fmt != "yml":
        assert first == "---"
        return
    match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert match, first
    target = (REPO / rtype.folder / match.group(1)).resolve()
    assert target == (SCHEMA_DIR / f"{rtype.name}.schema.json").resolve()
    assert target.is_file()


def test_minimal_guide_is_among_the_checked_records() -> None:
    assert any(path.is_relative_to(MINIMAL) for path, _ in shipped_records())
