"""JSON Schemas generated from the record model, for editors' YAML tooling."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .schema import ID_PATTERN, RECORD_TYPES, Field, Kind, RecordType

SCHEMA_DIR = "schemas"
_DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_PARTIAL_DATE_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"


def field_schema(field: Field) -> dict[str, Any]:
    kind = field.kind
    out: dict[str, Any]
    if kind in (Kind.TEXT, Kind.PROSE):
        out = {"type": "string"}
        if field.max_length:
            out["maxLength"] = field.max_length
    elif kind is Kind.INT:
        out = {"type": "integer"}
        if field.minimum is not None:
            out["minimum"] = field.minimum
        if field.maximum is not None:
            out["maximum"] = field.maximum
    elif kind is Kind.DATE:
        out = {"type": "string", "pattern": _DATE_PATTERN, "format": "date"}
    elif kind is Kind.PARTIAL_DATE:
        out = {"type": ["string", "integer"], "pattern": _PARTIAL_DATE_PATTERN}
    elif kind is Kind.CHOICE:
        out = {"type": "string", "enum": list(field.choices)}
    elif kind is Kind.URL:
        out = {"type": "string", "pattern": "^https?://", "format": "uri"}
    elif kind is Kind.REF:
        out = {"type": "string", "pattern": ID_PATTERN}
    elif kind in (Kind.REF_LIST, Kind.ID_LIST):
        out = {"type": "array", "items": {"type": "string", "pattern": ID_PATTERN}, "uniqueItems": True}
    elif kind in (Kind.TEXT_LIST, Kind.PROSE_LIST):
        out = {"type": "array", "items": {"type": "string"}}
    elif kind is Kind.OBJECT:
        out = object_schema(field.fields)
    else:
        out = {"type": "array", "items": object_schema(field.fields)}
    if field.min_items:
        out["minItems"] = field.min_items
    out["description"] = field.doc
    if field.targets:
        out["description"] += " Verwijst naar: " + ", ".join(field.targets) + "."
    return out


def object_schema(fields: tuple[Field, ...]) -> dict[str, Any]:
    return {
        "type": "object",
        "additionalProperties": False,
        "properties": {f.name: field_schema(f) for f in fields},
        "required": [f.name for f in fields if f.required],
    }


def record_schema(rtype: RecordType) -> dict[str, Any]:
    schema = object_schema(rtype.all_fields)
    schema["properties"]["id"]["pattern"] = ID_PATTERN
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://wijkengids.nl/schemas/{rtype.name}.schema.json",
        "title": f"Wijkengids: {rtype.label}",
        "description": rtype.doc,
        **schema,
    }


def render_schemas() -> dict[str, str]:
    """File name → JSON text, for every record type."""
    return {
        f"{t.name}.schema.json": json.dumps(record_schema(t), ensure_ascii=False, indent=2) + "\n" for t in RECORD_TYPES
    }


def write_schemas(root: Path) -> list[Path]:
    """Write the schemas under ``root/schemas``; returns the files that changed."""
    folder = root / SCHEMA_DIR
    folder.mkdir(exist_ok=True)
    changed = []
    for name, text in render_schemas().items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed
