"""The field reference for editors, generated from the record model.

:func:`render_field_reference` turns :data:`build_tools.schema.RECORD_TYPES` and the
problem codes (:class:`build_tools.problems.Code`) into one Dutch Markdown page: per
record type its folder, its file format and every field with its kind, whether it
is required, its allowed values, what it may refer to and what to write. The page
is never written by hand, so it cannot drift from what ``wijkengids check`` accepts. The
copy in the repository, ``VELDEN.md``, is written with ``python -m build_tools.fieldref > VELDEN.md``.
"""

from __future__ import annotations

from .problems import Code
from .schema import ID_PATTERN, KIND_WORDS, RECORD_TYPES, TYPES_BY_NAME, Field, Kind, RecordType

#: Anchor of a record type's section: its heading is the Dutch label, so MkDocs' and GitHub's
#: heading ids are the label in lowercase (``#les``); no attribute syntax needed.
_ANCHORS: dict[str, str] = {t.name: t.label.lower().replace(" ", "-") for t in RECORD_TYPES}


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _file_format(rtype: RecordType) -> str:
    if rtype.fmt == "md":
        body = f" Daaronder volgt de tekst in Markdown: {rtype.body.doc}" if rtype.body else ""
        return f"Markdown-bestand (`.md`): de velden staan bovenaan tussen twee regels `---`.{body}"
    return "YAML-bestand (`.yml`): alleen velden, één per regel."


def _rules(field: Field) -> str:
    """Required or not, and the limits a value must keep."""
    parts = ["**verplicht**" if field.required else "mag leeg blijven"]
    if field.min_items:
        parts.append(f"minstens {field.min_items}")
    if field.minimum is not None and field.maximum is not None:
        parts.append(f"van {field.minimum} tot en met {field.maximum}")
    elif field.minimum is not None:
        parts.append(f"minstens {field.minimum}")
    elif field.maximum is not None:
        parts.append(f"hoogstens {field.maximum}")
    if field.max_length:
        parts.append(f"hoogstens {field.max_length} tekens")
    return ", ".join(parts)


def _values(field: Field) -> str:
    """Allowed values: the choices, or the record types an id may name."""
    if field.choices:
        return ", ".join(f"`{c}`" for c in field.choices)
    if field.targets:
        return "ids van: " + ", ".join(
            f"[{TYPES_BY_NAME[t].label}](#{_ANCHORS[t]}) (`{TYPES_BY_NAME[t].folder}/`)" for t in field.targets
        )
    if field.name == "id":
        return "kleine letters, cijfers en streepjes"
    return ""


def _field_rows(fields: tuple[Field, ...], prefix: str = "") -> list[str]:
    rows: list[str] = []
    for field in fields:
        name = f"{prefix}{field.name}"
        rows.append(
            f"| `{name}` | {KIND_WORDS[field.kind].label} | {_rules(field)} | {_values(field)} | {_cell(field.doc)} |"
        )
        if field.fields:
            sub = f"{name}[]." if field.kind is Kind.OBJECT_LIST else f"{name}."
            rows.extend(_field_rows(field.fields, sub))
    return rows


def _type_section(rtype: RecordType) -> list[str]:
    lines = [
        f"## {rtype.label.capitalize()}",
        "",
        rtype.doc,
        "",
        f"- **Map:** `{rtype.folder}/`, één bestand per {rtype.label}: `{rtype.folder}/<id>{rtype.suffix}`",
        f"- **Bestand:** {_file_format(rtype)}",
        f'- **Nieuw maken:** `wijkengids new {rtype.label} "Titel"`',
        "",
        "| veld | soort | regels | toegestane waarden | wat schrijf je hier |",
        "| --- | --- | --- | --- | --- |",
        *_field_rows(rtype.all_fields),
    ]
    if rtype.body is not None:
        need = "**verplicht**" if rtype.body.required else "mag leeg blijven"
        lines.append(f"| *(tekst onder de velden)* | tekst (Markdown) | {need} |  | {_cell(rtype.body.doc)} |")
    return [*lines, ""]


def render_field_reference() -> str:
    """The whole field reference as one Dutch Markdown page."""
    lines = [
        "# Velden van de gids",
        "",
        "Deze pagina wordt gemaakt uit het recordmodel (`build_tools/schema.py`); pas haar niet met de hand aan.",
        "Elk record staat in een eigen bestand. De bestandsnaam is het id van het record.",
        "",
        "Algemene regels:",
        "",
        f"- Een **id** bestaat uit kleine letters, cijfers en streepjes (patroon `{ID_PATTERN}`).",
        "- Een **verwijzing** naar een ander record schrijf je als zijn id. In Markdown-tekst kan ook "
        "`[[id]]` of `[[id|eigen tekst]]`.",
        "- Een **lijst** schrijf je met een streepje per regel (`- eerste`), of leeg als `[]`.",
        "- Een **datum** schrijf je als `2026-11-23` (jaar-maand-dag).",
        "- Alleen records met `status: gepubliceerd` (of `verouderd`) verschijnen op de site en in de pdf's.",
        "",
        "Soorten records: "
        + ", ".join(f"[{t.label}](#{_ANCHORS[t.name]}) (`{t.folder}/`)" for t in RECORD_TYPES)
        + ".",
        "",
    ]
    for rtype in RECORD_TYPES:
        lines.extend(_type_section(rtype))
    lines += [
        "## Meldingen van de controle",
        "",
        "`wijkengids check` meldt elk probleem met bestand, regel, veld en een code tussen haken, "
        "bijvoorbeeld `[unknown-id]`. Fouten moeten opgelost worden voordat een wijziging gepubliceerd "
        "wordt; waarschuwingen niet.",
        "",
        "| code | betekenis |",
        "| --- | --- |",
        *(f"| `{code}` | {_cell(code.description)} |" for code in Code),
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":  # python -m build_tools.fieldref > VELDEN.md
    import sys

    sys.stdout.write(render_field_reference())
