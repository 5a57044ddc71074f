"""Decap CMS's configuration, generated from the record model.

One collection per record type (its folder, extension and file format), one widget per
field kind, Dutch labels and hints from the field documentation, the checker's rules where a
form can hold them (required fields, the id pattern, lengths, choices, numbers' bounds,
references to records of the allowed types). What only ``wijkengids check`` can see
(duplicate ids across types, HTML in bodies, freshness) is caught on the pull request.

Decap's own options are documented at https://decapcms.org/docs/configuration-options/.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..schema import ID_PATTERN, QUOTE, RECORD_TYPES, STATUSES, TITLE_FIELDS, Field, Kind, RecordType, field_label

#: The committed copy of the configuration, so that a pull request shows what the editor will ask.
CONFIG_FILE = Path("schemas") / "beheer.config.yml"
#: Decap writes these files; the header says where they come from.
HEADER = (
    "# Gegenereerd uit build_tools/schema.py door `wijkengids beheer config`; niet met de hand bewerken.\n"
    "# De webeditor (Decap CMS) op /beheer/ leest dit bestand.\n"
)

#: Markdown toolbar: no images (records may not contain them) and no raw HTML blocks.
MARKDOWN_BUTTONS = (
    "bold",
    "italic",
    "link",
    "heading-two",
    "heading-three",
    "quote",  # a toolbar button, not a record type
    "bulleted-list",
    "numbered-list",
)

#: Where the list of the shipped guide shows a record's name, by type.
_IDENTIFIER = {QUOTE.name: "speaker"}

#: A partial date as the checker accepts it: JJJJ, JJJJ-MM or JJJJ-MM-DD.
PARTIAL_DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
URL_PATTERN = r"^https?://\S+$"


@dataclass(frozen=True)
class EditorSettings:
    """What the configuration needs to know about where the guide lives."""

    repo: str  # "owner/name" on GitHub
    branch: str = "main"
    site_url: str = ""
    #: decap-server, the proxy of the local mode (only used when /beheer/ is opened on localhost).
    proxy_url: str = "http://localhost:8081/api/v1"


def repo_from_url(repo_url: str) -> str:
    """``owner/name`` from ``https://github.com/owner/name`` (``ValueError`` for other hosts)."""
    match = re.fullmatch(r"https://github\.com/([\w.-]+/[\w.-]+?)(?:\.git)?/?", repo_url.strip())
    if not match:
        raise ValueError(f"repo_url '{repo_url}' is geen GitHub-repository (https://github.com/eigenaar/naam)")
    return match.group(1)


def type_labels(rtype: RecordType) -> tuple[str, str]:
    """The Dutch singular and plural a collection shows."""

    return rtype.title, rtype.heading


def editor_config(settings: EditorSettings) -> dict[str, Any]:
    """The whole Decap configuration, as plain data."""
    backend: dict[str, Any] = {
        "name": "github",
        "repo": settings.repo,
        "branch": settings.branch,
        "open_authoring": True,
        # The pull request's check sets a commit status with this name, pointing at the built preview.
        "preview_context": "wijkengids/voorbeeld",
        "commit_messages": {
            "create": "Nieuw {{collection}}: {{slug}}",
            "update": "Bijgewerkt {{collection}}: {{slug}}",
            "delete": "Verwijderd {{collection}}: {{slug}}",
            "uploadMedia": "Bestand {{path}}",
            "deleteMedia": "Bestand verwijderd {{path}}",
            "openAuthoring": "{{message}}",
        },
    }
    config: dict[str, Any] = {
        "backend": backend,
        # Every new or changed record becomes a branch and a pull request, checked like any other.
        "publish_mode": "editorial_workflow",
        # Opened on localhost (`make beheer`), Decap talks to decap-server instead, which writes
        # straight into the working copy (it switches the workflow off itself).
        "local_backend": {"url": settings.proxy_url},
    }
    config.update(
        {
            "locale": "nl",
            # Records may not hold images; Decap still requires a media folder.
            "media_folder": "guide/assets/beheer",
            "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
            "collections": [_collection(t) for t in RECORD_TYPES],
        }
    )
    if settings.site_url:
        config["site_url"] = settings.site_url
        config["display_url"] = settings.site_url
    return config


def render_config(settings: EditorSettings) -> str:
    """The configuration as the YAML file Decap reads."""
    text = yaml.safe_dump(editor_config(settings), allow_unicode=True, sort_keys=False, width=100)
    return HEADER + text


def _collection(rtype: RecordType) -> dict[str, Any]:
    singular, plural = type_labels(rtype)
    identifier = _IDENTIFIER.get(rtype.name) or next(
        f.name for f in rtype.all_fields if f.name in (*TITLE_FIELDS, "speaker")
    )
    fields = [_field(f, rtype) for f in rtype.all_fields]
    if rtype.body is not None:
        fields.append(
            {
                "label": rtype.body.label,
                "name": "body",
                "widget": "markdown",
                "hint": rtype.body.doc,
                "required": rtype.body.required,
                **_markdown_options(),
            }
        )
    collection: dict[str, Any] = {
        "name": rtype.name,
        "label": plural,
        "label_singular": singular,
        "description": rtype.doc,
        "folder": rtype.folder,
        "extension": rtype.fmt,
        "format": "frontmatter" if rtype.fmt == "md" else "yml",
        "create": True,
        "delete": False,  # removing a record breaks links: that goes through a pull request by hand
        "identifier_field": identifier,
        # The file name is the id (filled from the title before saving, as `wijkengids new` does).
        "slug": "{{fields.id}}",
        "summary": "{{" + identifier + "}}",
        "sortable_fields": [identifier],
        # Decap's preview pane cannot show a record as the site does; the pull request's preview can.
        "editor": {"preview": False},
        "fields": fields,
    }
    return collection


def _markdown_options() -> dict[str, Any]:
    return {"buttons": list(MARKDOWN_BUTTONS), "editor_components": [], "modes": ["rich_text", "raw"]}


def _need(field: Field) -> str:
    if field.required:
        return "verplicht" + (f", minstens {field.min_items}" if field.min_items > 1 else "")
    return "mag leeg blijven"


def _field(field: Field, rtype: RecordType | None) -> dict[str, Any]:
    """One field as a Decap widget."""
    out: dict[str, Any] = {
        "label": field_label(field.name),
        "name": field.name,
        "hint": f"{field.doc} ({_need(field)})",
        "required": field.required,
    }
    out.update(_widget(field))
    if rtype is not None and field.name == "id":
        out["required"] = False  # filled from the title when left empty (beheer.js, before saving)
        out["hint"] = (
            f"{field.doc} Laat leeg bij een nieuw record: de id wordt dan uit de titel gemaakt, "
            "zoals `wijkengids new` doet."
        )
        out["pattern"] = [ID_PATTERN, "Alleen kleine letters, cijfers en streepjes, hoogstens 64 tekens."]
    if rtype is not None and field.name == "status":
        out["default"] = "concept"
    return out


def _widget(field: Field) -> dict[str, Any]:
    kind = field.kind
    if kind is Kind.TEXT:
        out: dict[str, Any] = {"widget": "string"}
        if field.max_length and field.name != "id":
            out["pattern"] = [f"^.{{0,{field.max_length}}}$", f"Hoogstens {field.max_length} tekens."]
        return out
    if kind is Kind.PROSE:
        return {"widget": "markdown", **_markdown_options()}
    if kind in (Kind.TEXT_LIST, Kind.PROSE_LIST):
        item: dict[str, Any] = {"label": "Regel", "name": "item"}
        item.update({"widget": "string"} if kind is Kind.TEXT_LIST else {"widget": "text"})
        return {"widget": "list", "label_singular": "regel", "field": item, **_min_items(field)}
    if kind is Kind.INT:
        out = {"widget": "number", "value_type": "int"}
        if field.minimum is not None:
            out["min"] = field.minimum
        if field.maximum is not None:
            out["max"] = field.maximum
        return out
    if kind is Kind.DATE:
        return {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "DD-MM-YYYY", "time_format": False}
    if kind is Kind.PARTIAL_DATE:
        return {"widget": "string", "pattern": [PARTIAL_DATE_PATTERN, "Schrijf JJJJ, JJJJ-MM of JJJJ-MM-DD."]}
    if kind is Kind.CHOICE:
        return {"widget": "select", "options": list(field.choices or STATUSES)}
    if kind is Kind.URL:
        return {"widget": "string", "pattern": [URL_PATTERN, "Een adres dat begint met https:// of http://."]}
    if kind in (Kind.REF, Kind.REF_LIST):
        return _relation(field)
    if kind is Kind.ID_LIST:  # old ids: they name no record, so there is nothing to pick from
        pattern = [ID_PATTERN, "Alleen kleine letters, cijfers en streepjes, hoogstens 64 tekens."]
        old: dict[str, Any] = {"label": "Oud id", "name": "id", "widget": "string", "pattern": pattern}
        return {"widget": "list", "label_singular": "oud id", "field": old, **_min_items(field)}
    if kind is Kind.OBJECT:
        return {"widget": "object", "collapsed": False, "fields": [_field(f, None) for f in field.fields]}
    if kind is Kind.OBJECT_LIST:
        return {
            "widget": "list",
            "label_singular": "onderdeel",
            "fields": [_field(f, None) for f in field.fields],
            **_min_items(field),
        }
    raise AssertionError(f"no widget for {kind}")  # pragma: no cover - every kind is handled above


def _relation(field: Field) -> dict[str, Any]:
    """A search-by-title picker for references; a list of ids where Decap cannot pick across types."""
    multiple = field.kind is Kind.REF_LIST
    if len(field.targets) != 1:
        # Decap's relation widget searches one collection; chapter items name four types.
        allowed = ", ".join(field.targets)
        return {
            "widget": "list",
            "field": {
                "label": "Id",
                "name": "id",
                "widget": "string",
                "pattern": [ID_PATTERN, f"De id van een record ({allowed})."],
            },
            **_min_items(field),
        }
    target = next(t for t in RECORD_TYPES if t.name == field.targets[0])
    shown = next(f.name for f in target.all_fields if f.name in (*TITLE_FIELDS, "speaker"))
    out: dict[str, Any] = {
        "widget": "relation",
        "collection": target.name,
        "value_field": "id",
        "search_fields": [shown, "id"],
        "display_fields": [shown],
        "multiple": multiple,
        "options_length": 50,
    }
    if multiple and field.min_items:
        out["min"] = field.min_items
    return out


def _min_items(field: Field) -> dict[str, Any]:
    return {"min": field.min_items} if field.min_items else {}
