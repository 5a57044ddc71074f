"""Stage 2, validate: check each raw record against its type's schema.

Everything here is per record; checks across records (ids exist, types match,
duplicates) belong to :mod:`build_tools.link`. Every problem is collected: a
record with one bad field still reports all its other bad fields.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from .load import RawRecord
from .markup import (
    ALLOWED_SCHEMES,
    EVENT_ATTRIBUTE,
    HTML,
    IMAGE,
    INLINE_REF,
    LINK,
    SCHEME,
    mask_code,
)
from .model import DataPath, InlineRef, PartialDate, Record, format_path
from .problems import Code, Problem, did_you_mean
from .schema import ID_PATTERN, KIND_WORDS, Field, Kind
from .yamlstrict import nfc

_ID = re.compile(ID_PATTERN)
#: A Markdown attribute list (attr_list): ``{: #id .klasse naam="waarde" }``, on one line.
_ATTR_LIST = re.compile(r"\{:?[ \t]*([^{}\n]*)\}")  # one pass to the next brace: linear on '{{{{…'
_ATTR_NAME = re.compile(r"(?:^|[\s])([A-Za-z_:][-\w:.]*)\s*=")
_INT = re.compile(r"^-?(?:0|[1-9][0-9]*)$")
_DATE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")
_PARTIAL_DATE = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)

#: Ids that would collide with generated pages (``lessen/index.md`` is the lessons overview).
RESERVED_IDS = frozenset(("index",))
_LIST_KINDS = frozenset((Kind.TEXT_LIST, Kind.PROSE_LIST, Kind.REF_LIST, Kind.ID_LIST, Kind.OBJECT_LIST))


@dataclass(frozen=True)
class ValidationResult:
    """The typed records, the problems, and what is known of the records with problems."""

    records: list[Record]  # the records without problems
    problems: list[Problem]
    #: Each record with problems, holding the fields that passed, so that the link stage can
    #: still report what it names: every problem at once, not one round of fixes after another.
    partial: list[Record]
    #: Ids and file names of the records with problems: links to them are not reported again.
    failed_ids: frozenset[str]


def validate(raw_records: Iterable[RawRecord]) -> ValidationResult:
    """Validate every raw record; records with problems are left out of ``records``."""
    records: list[Record] = []
    problems: list[Problem] = []
    partial: list[Record] = []
    failed: set[str] = set()
    for raw in raw_records:
        record, found = validate_record(raw, partial=True)
        problems.extend(found)
        if record is not None and not found:
            records.append(record)
            continue
        failed.add(str(raw.data.get("id") or raw.stem))
        if any(p.is_error for p in found):
            failed.add(raw.stem)
        if record is not None:
            partial.append(record)
    return ValidationResult(records, problems, partial, frozenset(failed))


def validate_record(raw: RawRecord, *, partial: bool = False) -> tuple[Record | None, list[Problem]]:
    """The typed record and ``[]``, or ``None`` and the problems (with ``partial``: what passed)."""
    checker = _Checker(raw)
    fields = checker.check_fields(raw.rtype.all_fields, raw.data, ())
    record_id = fields.get("id")
    if isinstance(record_id, str):
        checker.check_id(record_id)
    if raw.rtype.body is not None:
        checker.check_body()
    if (checker.problems or not isinstance(record_id, str)) and not partial:
        return None, checker.problems
    return (
        Record(
            id=record_id if isinstance(record_id, str) and not checker.problems else raw.stem,
            type=raw.rtype.name,
            path=raw.path,
            fields=MappingProxyType(fields),
            body=nfc(raw.body),  # checked as typed (columns of the file), published composed
            body_line=raw.body_line,
            inline_refs=tuple(checker.inline_refs),
            positions=raw.positions,
        ),
        checker.problems,
    )


class _Checker:
    """Checks one record, collecting problems and inline references."""

    def __init__(self, raw: RawRecord) -> None:
        self.raw = raw
        self.problems: list[Problem] = []
        self.inline_refs: list[InlineRef] = []

    # -- reporting -------------------------------------------------------
    def _at(self, path: DataPath, code: Code, message: str, *, key: bool = False) -> None:
        positions = self.raw.key_positions if key else self.raw.positions
        probe = path
        while probe not in positions and probe:
            probe = probe[:-1]
        line, col = positions.get(probe) or self.raw.positions.get((), (1, 1))
        self.problems.append(Problem(self.raw.path, line, col, code, message, field=format_path(path)))

    # -- fields ----------------------------------------------------------
    def check_fields(self, spec: tuple[Field, ...], data: dict[str, Any], base: DataPath) -> dict[str, Any]:
        known = {f.name: f for f in spec}
        out: dict[str, Any] = {}
        for name, value in data.items():
            field = known.get(name)
            if field is None:
                hint = did_you_mean(name, known) or f"; bekende velden: {', '.join(known)}. Verwijder of hernoem het."
                self._at((*base, name), Code.UNKNOWN_FIELD, f"onbekend veld '{name}'{hint}", key=True)
                continue
            if value == [] and field.min_items:
                self._at(
                    (*base, name),
                    Code.TOO_FEW,
                    f"'{name}' heeft minstens {field.min_items} element(en) nodig; "
                    "zet elk element op een eigen regel met '- ' ervoor.",
                )
                continue
            if value is None or value == [] or value == {} or (isinstance(value, str) and not value.strip()):
                continue  # empty: handled as absent below
            typed = self._check_value(field, value, (*base, name))
            if typed is not None:
                out[name] = typed
        for field in spec:
            if field.required and field.name not in out and not self._reported_at((*base, field.name)):
                what = KIND_WORDS[field.kind].phrase
                if field.name in data:
                    message = f"veld '{field.name}' is leeg; vul {what} in: {field.doc}"
                    self._at((*base, field.name), Code.MISSING_FIELD, message)
                else:
                    message = f"verplicht veld '{field.name}' ontbreekt; voeg het toe: {field.doc}"
                    # at the block that lacks it: its key, or the list item's first line
                    in_key = bool(base) and isinstance(base[-1], str)
                    self._at((*base, field.name), Code.MISSING_FIELD, message, key=in_key)
        return out

    def _reported_at(self, path: DataPath) -> bool:
        text = format_path(path)
        return any(
            p.field == text or p.field.startswith(text + "[") or p.field.startswith(text + ".") for p in self.problems
        )

    def _wrong(self, field: Field, path: DataPath, value: Any) -> None:
        got = (
            "een lijst"
            if isinstance(value, list)
            else KIND_WORDS[Kind.OBJECT].phrase
            if isinstance(value, dict)
            else "tekst"
        )
        self._at(path, Code.WRONG_TYPE, f"'{field.name}' moet {KIND_WORDS[field.kind].phrase} zijn, niet {got}.")

    def _check_value(self, field: Field, value: Any, path: DataPath) -> Any:
        kind = field.kind
        if kind in _LIST_KINDS:
            if not isinstance(value, list):
                if isinstance(value, str) and kind is not Kind.OBJECT_LIST:
                    self._at(
                        path,
                        Code.WRONG_TYPE,
                        f"'{field.name}' is een lijst: zet elk element op een eigen regel met '- ' ervoor.",
                    )
                else:
                    self._wrong(field, path, value)
                return None
            return self._check_list(field, value, path)
        if kind is Kind.OBJECT:
            if not isinstance(value, dict):
                self._wrong(field, path, value)
                return None
            fields = self.check_fields(field.fields, value, path)
            self._check_period(fields, path)
            return MappingProxyType(fields)
        if not isinstance(value, str):
            self._wrong(field, path, value)
            return None
        return self._check_scalar(field, value, path)

    def _check_period(self, fields: dict[str, Any], path: DataPath) -> None:
        """A block with ``start`` and ``end`` (a period) cannot end before it starts."""
        start, end = fields.get("start"), fields.get("end")
        if start is not None and end is not None and type(start) is type(end) and end < start:
            self._at(
                (*path, "end"),
                Code.BAD_PERIOD,
                f"de periode eindigt ({end}) voordat ze begint ({start}); verbeter 'end' of 'start' "
                "(leeg laten als de periode nog loopt).",
            )
            del fields["end"]

    def _check_list(self, field: Field, value: list[Any], path: DataPath) -> tuple[Any, ...] | None:
        items: list[Any] = []
        seen: dict[Any, int] = {}
        ok = True
        for index, item in enumerate(value):
            item_path = (*path, index)
            if item is None:
                self._at(
                    item_path,
                    Code.MISSING_FIELD,
                    f"{format_path(item_path)} is leeg; vul het in of verwijder de regel.",
                )
                ok = False
                continue
            if field.kind is Kind.OBJECT_LIST:
                if not isinstance(item, dict):
                    first, *rest = (sub.name for sub in field.fields)
                    layout = f"'- {first}: …'" + (f" met {', '.join(rest)} eronder" if rest else "")
                    self._at(
                        item_path,
                        Code.WRONG_TYPE,
                        f"elk element van '{field.name}' is een blok met velden: schrijf {layout}.",
                    )
                    ok = False
                    continue
                typed: Any = MappingProxyType(self.check_fields(field.fields, item, item_path))
            elif not isinstance(item, str):
                self._at(
                    item_path,
                    Code.WRONG_TYPE,
                    f"elk element van '{field.name}' is {KIND_WORDS[field.kind].item}, geen lijst of blok; "
                    "begint de tekst met [ of {? Zet hem dan tussen aanhalingstekens.",
                )
                ok = False
                continue
            else:
                typed = self._check_scalar(field, item, item_path)
                if typed is None:
                    ok = False
                    continue
                if field.kind in (Kind.REF_LIST, Kind.ID_LIST):
                    if typed in seen:
                        self._at(
                            item_path,
                            Code.DUPLICATE_ITEM,
                            f"'{typed}' staat al in de lijst (element {seen[typed]}); verwijder het dubbele element.",
                        )
                        ok = False
                        continue
                    seen[typed] = index
            items.append(typed)
        if ok and len(items) < field.min_items:
            self._at(
                path,
                Code.TOO_FEW,
                f"'{field.name}' heeft minstens {field.min_items} element(en) nodig; "
                "zet elk element op een eigen regel met '- ' ervoor.",
            )
            return None
        return tuple(items) if ok else None

    def _check_scalar(self, field: Field, text: str, path: DataPath) -> Any:
        kind = field.kind
        if kind is Kind.REF_LIST or kind is Kind.REF or kind is Kind.ID_LIST:  # the commonest scalars: ids
            # the id's form here, its existence in the link stage
            if _ID.match(text) is None:
                self._at(path, Code.BAD_ID, f"'{text}' is geen geldig id: {_id_rule()}")
                return None
            return text
        if kind in (Kind.TEXT, Kind.TEXT_LIST):
            text = text.strip()
            if "\n" in text:
                self._at(path, Code.WRONG_TYPE, f"'{field.name}' is één regel tekst; haal de regelovergangen weg.")
                return None
            if field.max_length is not None and len(text) > field.max_length and path != ("id",):  # ids: bad-id
                self._at(
                    path,
                    Code.TOO_LONG,
                    f"'{field.name}' is {len(text)} tekens, hoogstens {field.max_length} mag; maak het korter.",
                )
                return None
            self._check_markup(text, path)
            return text
        if kind in (Kind.PROSE, Kind.PROSE_LIST):
            text = text.strip()
            self._check_markup(text, path)
            return text
        if kind is Kind.INT:
            return self._check_int(field, text.strip(), path)
        if kind is Kind.DATE:
            return self._check_date(field, text.strip(), path)
        if kind is Kind.PARTIAL_DATE:
            return self._check_partial_date(field, text.strip(), path)
        if kind is Kind.CHOICE:
            if text not in field.choices:
                hint = did_you_mean(text, field.choices) or "."
                self._at(
                    path,
                    Code.BAD_CHOICE,
                    f"'{text}' is geen geldige waarde voor '{field.name}'{hint} Kies uit: {', '.join(field.choices)}.",
                )
                return None
            return text
        if kind is Kind.URL:
            if not _URL.match(text):
                self._at(path, Code.BAD_URL, f"'{text}' is geen geldig adres; het begint met https:// of http://.")
                return None
            return text
        raise AssertionError(f"no scalar check for {kind}")  # pragma: no cover - every Kind is handled

    def _check_int(self, field: Field, text: str, path: DataPath) -> int | None:
        if not _INT.match(text):
            if re.match(r"^0[0-9]+$", text):
                hint = " (zonder voorloopnul)"
            elif re.match(r"^[0-9][0-9.,]*$", text):
                hint = " (zonder punten of komma's)"
            else:
                hint = ""
            self._at(path, Code.BAD_NUMBER, f"'{text}' is geen geheel getal; schrijf alleen cijfers{hint}.")
            return None
        number = int(text)
        if (field.minimum is not None and number < field.minimum) or (
            field.maximum is not None and number > field.maximum
        ):
            bounds = (
                f"van {field.minimum} tot en met {field.maximum}"
                if field.maximum is not None
                else f"minstens {field.minimum}"
            )
            self._at(path, Code.BAD_NUMBER, f"{number} past niet in '{field.name}': het getal is {bounds}.")
            return None
        return number

    def _check_date(self, field: Field, text: str, path: DataPath) -> dt.date | None:
        match = _DATE.match(text)
        try:
            if match:
                return dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            pass
        self._at(
            path,
            Code.BAD_DATE,
            f"'{text}' is geen geldige datum voor '{field.name}'; schrijf jaar-maand-dag, bijvoorbeeld 2026-03-31.",
        )
        return None

    def _check_partial_date(self, field: Field, text: str, path: DataPath) -> PartialDate | None:
        match = _PARTIAL_DATE.match(text)
        try:
            if match:
                year, month, day = int(match[1]), match[2], match[3]
                if month is not None:
                    dt.date(year, int(month), int(day) if day is not None else 1)
                return PartialDate(year, int(month) if month else None, int(day) if day else None)
        except ValueError:
            pass
        self._at(
            path,
            Code.BAD_DATE,
            f"'{text}' is geen geldige datum voor '{field.name}'; schrijf 2022, 2022-05 of 2022-05-03.",
        )
        return None

    # -- Markdown --------------------------------------------------------
    def _check_markup(self, text: str, path: DataPath, body_line: int = 0) -> None:
        """Raw HTML, unsafe links and inline references in Markdown text."""
        if "<" not in text and "](" not in text and "[" not in text and "{" not in text:
            return
        plain = mask_code(text)
        if "{" in plain:
            self._check_attribute_lists(plain, path, body_line)

        # (offset, lines before it, start of its line): each loop below asks in increasing
        # order, so counting on from the last answer keeps a hostile text linear
        cursor = [0, 0, 0]

        def where(offset: int) -> tuple[int, int] | None:
            if not body_line:
                return None
            if offset < cursor[0]:
                cursor[:] = [0, 0, 0]
            last_newline = plain.rfind("\n", cursor[0], offset)
            if last_newline >= 0:
                cursor[1] += plain.count("\n", cursor[0], offset)
                cursor[2] = last_newline + 1
            cursor[0] = offset
            return body_line + cursor[1], offset - cursor[2] + 1

        opened: set[str] = set()
        for match in HTML.finditer(plain):
            shown = "<" + (match.group(1) or match.group(2))
            tag = shown.lower()
            if tag.startswith("</") and tag[2:] in opened:
                continue  # the opening tag is reported already
            opened.add(tag[1:])
            handler = EVENT_ATTRIBUTE.search(match.group())
            what = f"HTML ('{shown}…')"
            if handler:
                what += f" met een script in '{handler.group(1)}='"
            elif tag == "<script":
                what += " met een script"
            self._markup_problem(
                path,
                where(match.start()),
                Code.RAW_HTML,
                f"{what} is niet toegestaan in de tekst; gebruik Markdown "
                "(**vet**, *schuin*, [tekst](https://adres), [[id]] voor een ander record).",
            )
        for match in IMAGE.finditer(plain):
            self._markup_problem(
                path,
                where(match.start()),
                Code.IMAGE,
                "een afbeelding kan niet in een record (de lezer zou er een andere site voor benaderen); "
                "beschrijf wat erop staat, of link ernaar met [tekst](https://adres).",
            )
        for match in LINK.finditer(plain):
            url = match.group(1) or match.group(2) or match.group(3) or ""
            scheme = SCHEME.match(url)
            if scheme and scheme.group(1).lower() in ALLOWED_SCHEMES:
                continue
            if not scheme and (url.startswith("#") or not url):
                continue
            if scheme:
                hint = (
                    f"adressen met '{scheme.group(1)}:' zijn niet toegestaan. "
                    "Gebruik een https://-adres, mailto:, tel: of [[id]]."
                )
            else:
                stem = url.split("#", 1)[0].rstrip("/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
                guess = f" (hier waarschijnlijk [[{stem}]])" if _ID.match(stem) else ""
                hint = f"een link naar een ander record schrijf je als [[id]]{guess}; naar buiten met https://."
            self._markup_problem(path, where(match.start()), Code.BAD_LINK, f"link '{url}' kan niet: {hint}")
        for match in INLINE_REF.finditer(plain):
            target = match.group(1).strip()
            position = where(match.start()) or self._position_of(path)
            if not _ID.match(target):
                self._markup_problem(
                    path, position, Code.BAD_ID, f"'[[{match.group(1)}]]' bevat geen geldig id: {_id_rule()}"
                )
                continue
            label = match.group(2).strip() if match.group(2) is not None else None
            label = nfc(label) if label is not None else None
            self.inline_refs.append(InlineRef(target, label, format_path(path), position[0], position[1]))

    def _check_attribute_lists(self, plain: str, path: DataPath, body_line: int) -> None:
        """``{: onclick=… }``, ``{: style=… }``: attributes the sanitiser drops are errors, not silent losses."""
        for match in _ATTR_LIST.finditer(plain):
            if "=" not in match.group(1):
                continue
            dropped = [name for name in _ATTR_NAME.findall(match.group(1)) if name.lower() not in _kept_attributes()]
            if not dropped:
                continue
            offset = match.start()
            if body_line:
                line = body_line + plain.count("\n", 0, offset)
                position: tuple[int, int] | None = (line, offset - (plain.rfind("\n", 0, offset) + 1) + 1)
            else:
                position = None
            name = dropped[0]
            why = "een script" if name.lower().startswith("on") else "opmaak of gegevens die de site weglaat"
            self._markup_problem(
                path,
                position,
                Code.UNSAFE_ATTRIBUTE,
                f"attribuut '{name}=' in '{match.group()[:40]}' is {why} en verdwijnt van de pagina; haal het weg. "
                "Toegestaan zijn .klasse, #id en " + ", ".join(sorted(_kept_attributes())) + ".",
            )

    def _position_of(self, path: DataPath) -> tuple[int, int]:
        probe = path
        while probe not in self.raw.positions and probe:
            probe = probe[:-1]
        return self.raw.positions.get(probe, (1, 1))

    def _markup_problem(self, path: DataPath, position: tuple[int, int] | None, code: Code, message: str) -> None:
        if position is None:
            self._at(path, code, message)
        else:
            self.problems.append(
                Problem(self.raw.path, position[0], position[1], code, message, field=format_path(path))
            )

    def check_body(self) -> None:
        body = self.raw.body
        spec = self.raw.rtype.body
        if spec is not None and spec.required and not body.strip():
            self.problems.append(
                Problem(
                    self.raw.path,
                    self.raw.body_line,
                    1,
                    Code.MISSING_FIELD,
                    f"de tekst onder de velden ontbreekt; schrijf hier de {spec.label.lower()}: {spec.doc}",
                    field="tekst",
                )
            )
            return
        self._check_markup(body, ("tekst",), self.raw.body_line)

    def check_id(self, record_id: str) -> None:
        if not _ID.match(record_id):
            self._at(("id",), Code.BAD_ID, f"'{record_id}' is geen geldig id: {_id_rule()}")
        elif record_id in RESERVED_IDS:
            self._at(
                ("id",),
                Code.BAD_ID,
                f"'{record_id}' is gereserveerd (het is het adres van een overzichtspagina); "
                "kies een id dat zegt waar het record over gaat, en hernoem het bestand mee.",
            )
        elif record_id != self.raw.stem:
            self._at(
                ("id",),
                Code.ID_MISMATCH,
                f"id '{record_id}' is niet gelijk aan de bestandsnaam '{self.raw.stem}'; "
                f"maak ze gelijk (hernoem het bestand of verander het id).",
            )


def _id_rule() -> str:
    return "gebruik kleine letters a-z, cijfers en streepjes (niet aan het begin of eind), hoogstens 64 tekens."


@functools.cache
def _kept_attributes() -> frozenset[str]:
    """The attributes the sanitiser keeps on any element: its one list, imported only when needed."""
    from .render.sanitize import ALLOWED_ATTRIBUTES

    return frozenset(ALLOWED_ATTRIBUTES["*"])
