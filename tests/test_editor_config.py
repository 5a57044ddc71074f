"""The web editor's configuration (Decap CMS) is generated from the record model, field by field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from build_tools.cli import main
from build_tools.editor.config import CONFIG_FILE, EditorSettings, editor_config, render_config, repo_from_url
from build_tools.editor.site import EditorError, settings_from_mkdocs
from build_tools.schema import FIELD_LABELS, ID_PATTERN, RECORD_TYPES, Field, Kind, RecordType

REPO = Path(__file__).resolve().parent.parent
SETTINGS = EditorSettings(repo="wijkengids/wijkengids", site_url="https://wijkengids.github.io/wijkengids/")

#: The widget each kind of field gets (single-target references; chapter items are the exception).
WIDGETS = {
    Kind.TEXT: "string",
    Kind.PROSE: "markdown",
    Kind.TEXT_LIST: "list",
    Kind.PROSE_LIST: "list",
    Kind.INT: "number",
    Kind.DATE: "datetime",
    Kind.PARTIAL_DATE: "string",
    Kind.CHOICE: "select",
    Kind.URL: "string",
    Kind.REF: "relation",
    Kind.REF_LIST: "relation",
    Kind.ID_LIST: "list",
    Kind.OBJECT: "object",
    Kind.OBJECT_LIST: "list",
}


def collections() -> dict[str, dict[str, Any]]:
    return {c["name"]: c for c in editor_config(SETTINGS)["collections"]}


def assert_field(field: Field, widget: dict[str, Any], *, top_level: bool) -> None:
    where = field.name
    assert widget["name"] == field.name
    assert widget["label"] == FIELD_LABELS[field.name], where
    assert field.doc in widget["hint"], where
    if not (top_level and field.name == "id"):  # the id is filled from the title when left empty
        assert widget["required"] is field.required, where
    multi_target = len(field.targets) > 1
    expected = "list" if multi_target else WIDGETS[field.kind]
    assert widget["widget"] == expected, where
    if field.kind in (Kind.REF, Kind.REF_LIST) and not multi_target:
        (target,) = field.targets
        assert widget["collection"] == target and widget["value_field"] == "id", where
        assert widget["multiple"] is (field.kind is Kind.REF_LIST), where
    if multi_target:
        assert widget["field"]["pattern"][0] == ID_PATTERN
        for target in field.targets:
            assert target in widget["field"]["pattern"][1], where
    if field.kind is Kind.CHOICE:
        assert widget["options"] == list(field.choices), where
    if field.kind is Kind.INT:
        assert widget.get("min") == field.minimum and widget.get("max") == field.maximum, where
    if field.min_items:
        assert widget["min"] == field.min_items, where
    if field.kind is Kind.TEXT and field.max_length and field.name != "id":
        assert widget["pattern"][0] == f"^.{{0,{field.max_length}}}$", where
    if field.kind in (Kind.OBJECT, Kind.OBJECT_LIST):
        subs = widget["fields"]
        assert [s["name"] for s in subs] == [f.name for f in field.fields], where
        for sub, sub_widget in zip(field.fields, subs, strict=True):
            assert_field(sub, sub_widget, top_level=False)


@pytest.mark.parametrize("rtype", RECORD_TYPES, ids=lambda t: t.name)
def test_every_record_type_is_a_collection_with_every_field(rtype: RecordType) -> None:
    collection = collections()[rtype.name]
    assert collection["folder"] == rtype.folder
    assert collection["extension"] == rtype.fmt
    assert collection["format"] == ("frontmatter" if rtype.fmt == "md" else "yml")
    assert collection["slug"] == "{{fields.id}}"
    names = [f["name"] for f in collection["fields"]]
    expected = [f.name for f in rtype.all_fields] + (["body"] if rtype.body else [])
    assert names == expected, "the form's order is the scaffold's order (id, status, reviewed, …, body)"
    for field, widget in zip(rtype.all_fields, collection["fields"], strict=False):
        assert_field(field, widget, top_level=True)
    if rtype.body is not None:
        body = collection["fields"][-1]
        assert body["widget"] == "markdown" and body["label"] == rtype.body.label
        assert body["required"] is rtype.body.required


def test_the_id_follows_the_checker_and_new_records_start_as_concept() -> None:
    for collection in collections().values():
        fields = {f["name"]: f for f in collection["fields"]}
        assert fields["id"]["pattern"][0] == ID_PATTERN
        assert fields["status"]["default"] == "concept"


def test_editorial_workflow_dutch_and_no_images() -> None:
    config = editor_config(SETTINGS)
    assert config["publish_mode"] == "editorial_workflow"
    assert config["locale"] == "nl"
    assert config["backend"] == config["backend"] | {"name": "github", "repo": "wijkengids/wijkengids"}
    for collection in config["collections"]:
        for field in collection["fields"]:
            if field["widget"] == "markdown":
                assert "image" not in field["buttons"] and field["editor_components"] == []


def test_the_committed_configuration_is_current() -> None:
    """Like `wijkengids schema --check`: a schema change without regenerating fails here."""
    result = CliRunner().invoke(main, ["beheer", "config", "--check", "-C", str(REPO)])
    assert result.exit_code == 0, result.output
    committed = yaml.safe_load((REPO / CONFIG_FILE).read_text(encoding="utf-8"))
    assert committed == editor_config(settings_from_mkdocs(REPO / "mkdocs.yml"))


def test_a_stale_configuration_fails_the_check(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text((REPO / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "schemas").mkdir()
    (tmp_path / CONFIG_FILE).write_text(render_config(SETTINGS).replace("Lessen", "Lesjes"), encoding="utf-8")
    result = CliRunner().invoke(main, ["beheer", "config", "--check", "-C", str(tmp_path)])
    assert result.exit_code == 1
    assert "past niet bij het recordmodel" in result.output
    result = CliRunner().invoke(main, ["beheer", "config", "-C", str(tmp_path)])
    assert result.exit_code == 0 and "Lesjes" not in (tmp_path / CONFIG_FILE).read_text(encoding="utf-8")


def test_repository_address() -> None:
    assert repo_from_url("https://github.com/wijkengids/wijkengids") == "wijkengids/wijkengids"
    assert repo_from_url("https://github.com/a/b.git") == "a/b"
    with pytest.raises(ValueError, match="geen GitHub-repository"):
        repo_from_url("https://gitlab.com/a/b")


def test_a_guide_without_github_repository_is_told_why(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nrepo_url: https://gitlab.com/a/b\n", encoding="utf-8")
    with pytest.raises(EditorError, match=r"mkdocs\.yml: repo_url"):
        settings_from_mkdocs(tmp_path / "mkdocs.yml")


def test_every_field_has_a_dutch_label() -> None:
    def names(fields: tuple[Field, ...]) -> set[str]:
        return {f.name for f in fields} | {n for f in fields for n in names(f.fields)}

    assert set().union(*(names(t.all_fields) for t in RECORD_TYPES)) <= set(FIELD_LABELS)
