"""``wijkengids new``: a new record file with every field and a Dutch comment per field.

The scaffold is generated from the schema. It is deliberately not valid yet: the
required fields are empty, so ``wijkengids check`` says exactly what still needs
filling in; once filled, the record passes.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from pathlib import Path

from .schema import ID_MAX_LENGTH, RECORD_TYPES, TITLE_FIELDS, Field, Kind, RecordType


def slugify(title: str) -> str:
    """An id from a title: diacritics folded (coöperatie → cooperatie), a-z0-9 and hyphens."""
    folded = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    if len(slug) > ID_MAX_LENGTH:
        slug = slug[:ID_MAX_LENGTH].rsplit("-", 1)[0] if "-" in slug[:ID_MAX_LENGTH] else slug[:ID_MAX_LENGTH]
    return slug.strip("-")


def _comment(text: str, indent: str = "") -> list[str]:
    return [f"{indent}# {line}" for line in _wrap(text, 86 - len(indent))]


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    if current:
        lines.append(current)
    return lines


def _placeholder(field: Field, indent: str) -> list[str]:
    """The lines for one field: comment, then the field with an empty value."""
    need = "verplicht" if field.required else "mag leeg blijven"
    if field.min_items:
        need += f", minstens {field.min_items}"
    extra = ""
    if field.kind is Kind.CHOICE:
        extra = f" Kies uit: {', '.join(field.choices)}."
    lines = _comment(f"{field.doc} ({need}){extra}", indent)
    if field.kind in (Kind.TEXT_LIST, Kind.PROSE_LIST, Kind.REF_LIST, Kind.ID_LIST):
        lines.append(f"{indent}{field.name}: []")
        lines.append(f"{indent}#   - …")
    elif field.kind is Kind.OBJECT_LIST:
        lines.append(f"{indent}{field.name}: []")
        for i, sub in enumerate(field.fields):
            lines.append(f"{indent}#   {'- ' if i == 0 else '  '}{sub.name}: …  # {sub.doc}")
    elif field.kind is Kind.OBJECT:
        lines.append(f"{indent}{field.name}:")
        for sub in field.fields:
            lines.extend(_placeholder(sub, indent + "  "))
    elif field.kind is Kind.PROSE:
        lines.append(f'{indent}{field.name}: ""')
    else:
        value = f'"{field.example}"' if field.example and not field.required else '""'
        lines.append(f"{indent}{field.name}: {value}")
    return lines


def render_scaffold(rtype: RecordType, title: str, record_id: str, today: dt.date, schema_url: str = "") -> str:
    """The text of a new record file of ``rtype``."""
    lines: list[str] = []
    if rtype.fmt == "md":
        lines.append("---")
    elif schema_url:
        lines.append(f"# yaml-language-server: $schema={schema_url}")
    lines.extend(_comment(f"Nieuw record: {rtype.label}. {rtype.doc}"))
    lines.extend(_comment("Vul de lege velden in; 'wijkengids check' zegt wat er nog ontbreekt."))
    for field in rtype.all_fields:
        if field.name == "id":
            lines.extend(_comment(field.doc))
            lines.append(f"id: {record_id}")
        elif field.name == "status":
            lines.extend(_comment(field.doc))
            lines.append("status: concept")
        elif field.name == "reviewed":
            lines.extend(_comment(field.doc))
            lines.append(f"reviewed: {today.isoformat()}")
        elif field.name in TITLE_FIELDS:
            lines.extend(_comment(field.doc))
            lines.append(f"{field.name}: {json.dumps(title, ensure_ascii=False)}")
        else:
            lines.extend(_placeholder(field, ""))
    if rtype.fmt == "md" and rtype.body is not None:
        lines.append("---")
        lines.append("")
    return "\n".join(lines) + "\n"


def taken_by(root: Path, rtype: RecordType, record_id: str) -> str | None:
    """The file of another type that already uses ``record_id`` (ids are unique across types), if any."""
    for other in RECORD_TYPES:
        if other is not rtype and (root / other.folder / f"{record_id}{other.suffix}").exists():
            return f"{other.folder}/{record_id}{other.suffix}"
    return None


def create_record(root: Path, rtype: RecordType, title: str, today: dt.date) -> Path:
    """Write a new record file and return its path; never overwrites (``FileExistsError``)."""
    record_id = slugify(title)
    if not record_id:
        raise ValueError(f"uit de titel '{title}' valt geen id te maken; gebruik letters of cijfers.")
    folder = root / rtype.folder
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{record_id}{rtype.suffix}"
    depth = rtype.folder.count("/") + 1
    schema_url = "../" * depth + f"schemas/{rtype.name}.schema.json"
    text = render_scaffold(rtype, title, record_id, today, schema_url)
    with path.open("x", encoding="utf-8") as handle:  # "x": fails if the file exists
        handle.write(text)
    return path
