"""Strict reading of record files: bytes to text, YAML to plain data with positions.

The guide's YAML is a small, safe subset:

* every scalar stays the text the editor typed (no YAML 1.1 surprises: ``nee``,
  ``no``, ``on``, ``2022-05-03``, ``0123`` and ``1.10`` are strings); the schema,
  not YAML, decides what a field means;
* duplicate keys, anchors, aliases, tags, tabs and several documents are refused;
* a BOM, bytes that are not UTF-8, control and bidi characters are refused with
  line and column — in the file's text, and in every parsed key and value, so that a
  double-quoted escape (``"\\u202E"``, ``"\\0"``, ``"\\e"``) cannot bring them in either;
  very large files and deep nesting are refused before parsing;
* a quoted scalar or flow collection followed directly by other text (``"BMC"#x``, which
  libyaml would read as ``BMC``) is refused;
* keys and values are NFC-normalised after parsing (the text itself is parsed as typed, so
  columns stay those of the file), and duplicate keys are found after normalisation.

The parser is libyaml's event stream (C, non-recursive), so a hostile file can
neither crash nor hang it; this module builds the values from the events itself,
with no resolver and no constructor, which is also why it is fast.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import yaml

from .model import DataPath, Position, format_path
from .problems import Code, Problem

# libyaml, the C parser; the pure-Python parser is ~7x slower but behaves the same.
try:
    from yaml.cyaml import CParser as _CParser  # type: ignore[attr-defined]

    _Parser: Any = _CParser
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    _Parser = yaml.BaseLoader

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_EMPTY_PLAIN = frozenset(("", "~", "null", "Null", "NULL"))
_MAX_CHAR_PROBLEMS = 5
#: libyaml's commonest complaints, in the editors' words.
_SYNTAX_WORDS = {
    "found unexpected end of stream": "het bestand houdt op midden in een waarde",
    "mapping values are not allowed here": "een dubbele punt in tekst? Zet de tekst tussen aanhalingstekens",
    "mapping values are not allowed in this context": "een dubbele punt in tekst? Zet de tekst tussen aanhalingstekens",
    "could not find expected ':'": "er ontbreekt een dubbele punt",
    "found character that cannot start any token": "een teken waarmee een waarde niet kan beginnen",
    "did not find expected key": "een regel die geen 'veld: waarde' is",
    "did not find expected '-' indicator": "een regel die niet bij de lijst past",
    "did not find expected comment or line break": "na dit teken mag op dezelfde regel niets anders staan",
}
_YAML_TAG_PREFIX = "tag:yaml.org,2002:"
#: What may follow a closing quote or bracket (or the end of the text).
_AFTER_CLOSE = frozenset(" \n,]}:")


class _Duplicate:
    """Stands in for a repeated key, whose value is dropped: no input can produce it (keys are str)."""


_DUPLICATE = _Duplicate()


@dataclass
class YamlData:
    """What :func:`parse_yaml` read: the values and where each one stands."""

    value: Any = None
    positions: dict[DataPath, Position] = field(default_factory=dict)  # of values
    key_positions: dict[DataPath, Position] = field(default_factory=dict)  # of keys


def line_col(text: str, offset: int) -> Position:
    """1-based line and column of a character offset in ``text``."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


_TOP_KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)[ \t]*:", re.M)


def field_at(text: str, offset: int) -> str:
    """The top-level field a position falls in, as far as the text shows.

    For problems found before the YAML is parsed (bytes, characters, tabs): the
    nearest ``veld:`` at the start of a line above, or ``tekst`` in a Markdown body.
    """
    if text.startswith("---\n"):
        end = text.find("\n---\n", 3)
        if 0 <= end < offset:
            return "tekst"
    line_end = text.find("\n", offset)
    field = ""
    for match in _TOP_KEY.finditer(text, 0, len(text) if line_end < 0 else line_end):
        field = match.group(1)
    return field


def _offset(text: str, line: int, col: int) -> int:
    """The character offset of a 1-based line and column (the inverse of :func:`line_col`)."""
    start = 0
    for _ in range(line - 1):
        start = text.find("\n", start) + 1
        if start == 0:
            return len(text)
    return min(start + col - 1, len(text))


def decode(path: str, raw: bytes, *, max_bytes: int) -> tuple[str | None, list[Problem]]:
    """Bytes of a record file to NFC text with ``\\n`` line ends, or problems."""
    if len(raw) > max_bytes:
        kb = max_bytes // 1024
        return None, [
            Problem(
                path,
                0,
                0,
                Code.TOO_LARGE,
                f"het bestand is {len(raw) // 1024} KB; een record mag hoogstens {kb} KB zijn. "
                "Splits de tekst over meer records.",
            )
        ]
    if raw.startswith(b"\xef\xbb\xbf"):
        return None, [
            Problem(
                path,
                1,
                1,
                Code.BOM,
                "het bestand begint met een onzichtbare byte-order-mark (BOM). Sla het op als 'UTF-8' zonder BOM.",
            )
        ]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = _unix_lines(raw[: exc.start].decode("utf-8", errors="replace"))
        line, col = line_col(good, len(good))
        return None, [
            Problem(
                path,
                line,
                col,
                Code.NOT_UTF8,
                f"byte 0x{raw[exc.start]:02x} is geen UTF-8. Sla het bestand op als UTF-8 "
                "(in de meeste editors: 'Opslaan als' → codering UTF-8).",
                field=field_at(good, len(good)),
            )
        ]
    text = _unix_lines(text)
    problems = _check_characters(path, text)
    if problems:
        return None, problems
    return text, []


def _unix_lines(text: str) -> str:
    """CRLF and CR-only line ends as ``\\n``: lines and columns are those an editor shows."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def nfc(text: str) -> str:
    """``text`` NFC-normalised (cheap for ASCII, the common case)."""
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


def _forbidden_characters(text: str) -> list[tuple[str, Code, str]]:
    """The first control and the first bidi character in a parsed value: (character, code, Dutch words)."""
    found = []
    for pattern, code, what in (
        (_CONTROL, Code.CONTROL_CHAR, "onzichtbaar stuurteken"),
        (_BIDI, Code.BIDI_CHAR, "teken dat de leesrichting verandert"),
    ):
        match = pattern.search(text)
        if match:
            found.append((match.group(), code, what))
    return found


def _visible(text: str) -> str:
    """``text`` with its control and bidi characters written as ``\\uXXXX`` (for a problem's field)."""
    return _BIDI.sub(_escape, _CONTROL.sub(_escape, text))


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04X}"


def _check_characters(path: str, text: str) -> list[Problem]:
    problems: list[Problem] = []
    for pattern, code, what in (
        (_CONTROL, Code.CONTROL_CHAR, "onzichtbaar stuurteken"),
        (_BIDI, Code.BIDI_CHAR, "teken dat de leesrichting verandert"),
    ):
        for match in pattern.finditer(text):
            if len(problems) >= _MAX_CHAR_PROBLEMS:
                break
            line, col = line_col(text, match.start())
            problems.append(
                Problem(
                    path,
                    line,
                    col,
                    code,
                    f"{what} U+{ord(match.group()):04X}; verwijder het "
                    "(het komt vaak mee bij kopiëren uit een pdf of tekstverwerker).",
                    field=field_at(text, match.start()),
                )
            )
    return problems


def parse_yaml(path: str, text: str, line_offset: int = 0, *, max_depth: int) -> tuple[YamlData | None, list[Problem]]:
    """Parse one YAML document strictly; ``line_offset`` shifts reported lines.

    Returns the data (``None`` when it could not be read) and the problems found.
    """
    tab = text.find("\t")
    if tab >= 0:
        line, col = line_col(text, tab)
        return None, [
            Problem(
                path,
                line + line_offset,
                col,
                Code.TAB,
                "hier staat een tab; YAML accepteert alleen spaties. Vervang de tab door spaties.",
                field=field_at(text, tab),
            )
        ]
    builder = _Builder(path, line_offset, text, max_depth)
    parser = _Parser(text)
    try:
        builder.run(parser)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark is not None and "end of stream" in str(exc.problem):
            mark = exc.context_mark  # e.g. an unclosed quote: point at where it opened
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or exc.context or "onbekende fout"
        what = _SYNTAX_WORDS.get(what, what)
        return None, [
            Problem(
                path,
                line + line_offset,
                col,
                Code.YAML_SYNTAX,
                f"YAML kan hier niet gelezen worden ({what}). Controleer de inspringing, "
                "de dubbele punt na elke veldnaam en of aanhalingstekens gesloten zijn.",
                field=field_at(text, _offset(text, line, col)),
            )
        ]
    except yaml.YAMLError as exc:  # reader errors carry no mark of the MarkedYAMLError kind
        return None, [Problem(path, 1 + line_offset, 1, Code.YAML_SYNTAX, f"YAML kan niet gelezen worden ({exc}).")]
    finally:
        dispose = getattr(parser, "dispose", None)
        if dispose is not None:
            dispose()
    if builder.fatal or builder.bad:
        return None, builder.problems
    return builder.data, builder.problems


class _Frame:
    __slots__ = ("container", "flow", "key", "path")

    def __init__(self, container: dict[str, Any] | list[Any], path: DataPath, flow: bool = False) -> None:
        self.container = container
        self.path = path
        self.flow = flow  # written as [..] or {..}
        self.key: str | _Duplicate | None = None  # mappings: the key whose value comes next


class _Builder:
    """Turns libyaml events into plain values (str, None, list, dict) with positions."""

    def __init__(self, path: str, line_offset: int, text: str, max_depth: int) -> None:
        self.path = path
        self.line_offset = line_offset
        self.text = text
        self.max_depth = max_depth
        self.bad = False  # a problem that makes the data unusable, but parsing goes on to find more
        self.data = YamlData()
        self.problems: list[Problem] = []
        self.stack: list[_Frame] = []
        self.documents = 0
        self.fatal = False

    def _fail(self, mark: Any, code: Code, message: str, field: str = "") -> bool:
        self.problems.append(
            Problem(self.path, mark.line + 1 + self.line_offset, mark.column + 1, code, message, field=field)
        )
        self.fatal = True
        return False

    def _current_field(self) -> str:
        """The field whose value the parser is at, as in a problem's ``field``."""
        if not self.stack:
            return ""
        frame = self.stack[-1]
        if isinstance(frame.container, list):
            return format_path((*frame.path, len(frame.container)))
        if not isinstance(frame.key, str):
            return format_path(frame.path)
        return format_path((*frame.path, frame.key))

    def _check_closed(self, mark: Any, field: str | None = None) -> bool:
        """A closing quote or bracket at ``mark`` must be followed by a space, a line end, ``,]}:`` or nothing."""
        index = mark.index
        if index >= len(self.text) or self.text[index] in _AFTER_CLOSE:
            return True
        return self._fail(
            mark,
            Code.YAML_SYNTAX,
            f"YAML kan hier niet gelezen worden (tekst '{self.text[index : index + 12].splitlines()[0]}' direct na "
            "een afsluitend aanhalingsteken of haakje gaat verloren). Zet de hele tekst tussen de aanhalingstekens; "
            "is het commentaar, zet dan een spatie voor de '#'.",
            self._current_field() if field is None else field,
        )

    def _check_escapes(self, value: str, mark: Any) -> None:
        """A double-quoted scalar can write any character as an escape: the character rules apply to the result."""
        found = _forbidden_characters(value)
        if not found:
            return
        self.bad = True
        field = self._current_field()
        frame = self.stack[-1] if self.stack else None
        if frame is not None and isinstance(frame.container, dict) and frame.key is None:  # a key
            field = format_path((*frame.path, _visible(value)))
        for char, code, what in found:
            if len(self.problems) < _MAX_CHAR_PROBLEMS:
                self.problems.append(
                    Problem(
                        self.path,
                        mark.line + 1 + self.line_offset,
                        mark.column + 1,
                        code,
                        f"{what} U+{ord(char):04X}, als escape-code tussen aanhalingstekens geschreven; "
                        "verwijder het uit de tekst.",
                        field=field,
                    )
                )

    def run(self, parser: Any) -> None:
        """Consume the parser's events until the end or a fatal problem.

        Scalars (most events) are handled inline: this loop is the loader's hot path.
        """
        get_event = parser.get_event
        scalar_event = yaml.ScalarEvent
        stack = self.stack
        positions = self.data.positions
        key_positions = self.data.key_positions
        offset = self.line_offset + 1
        empty = _EMPTY_PLAIN
        while True:
            event: Any = get_event()
            if event is None:
                return
            if type(event) is scalar_event and stack:
                frame = stack[-1]
                container = frame.container
                key = frame.key
                style = event.style
                if style or event.anchor is not None or event.tag is not None:
                    if not self.feed(event):  # quoted and decorated scalars take the careful path
                        return
                    continue
                value: str | None = event.value
                if key is None and type(container) is dict:
                    # A plain key: the common case inline (an ASCII name, the first time in its block).
                    if value and value.isascii() and value not in container:
                        key_path = (*frame.path, value)
                        if key_path not in key_positions:
                            start: Any = event.start_mark
                            key_positions[key_path] = (start.line + offset, start.column + 1)
                            frame.key = value
                            continue
                    if not self.feed(event):  # an empty, non-ASCII or repeated key: the careful path
                        return
                    continue
                if value in empty:  # plain: None (pure Python) or "" (libyaml)
                    value = None
                elif not value.isascii():  # type: ignore[union-attr]
                    value = nfc(value)  # type: ignore[arg-type]
                mark: Any = event.start_mark
                if type(container) is list:
                    positions[(*frame.path, len(container))] = (mark.line + offset, mark.column + 1)
                    container.append(value)
                else:
                    if type(key) is str:
                        container[key] = value  # type: ignore[call-overload]
                        positions[(*frame.path, key)] = (mark.line + offset, mark.column + 1)
                    frame.key = None
                continue
            if not self.feed(event):
                return

    def feed(self, event: Any) -> bool:
        """Take one event; ``False`` stops parsing (a fatal problem was found)."""
        kind = type(event)
        if kind is yaml.ScalarEvent:
            if event.anchor is not None or event.tag is not None:
                return self._refuse_decoration(event)
            value = event.value
            style = event.style
            if not style and value in _EMPTY_PLAIN:
                value = None
            elif value:
                if style == '"':
                    self._check_escapes(value, event.start_mark)
                value = nfc(value)
            if (style == '"' or style == "'") and not self._check_closed(event.end_mark):
                return False
            return self._attach(value, event.start_mark)
        if kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            if event.anchor is not None or event.tag is not None:
                return self._refuse_decoration(event)
            if len(self.stack) >= self.max_depth:
                return self._fail(
                    event.start_mark,
                    Code.TOO_DEEP,
                    f"de YAML is hier meer dan {self.max_depth} niveaus diep genest; "
                    "records zijn hooguit een paar niveaus diep. Controleer de inspringing.",
                    str(self.stack[1].path[0]),  # the top-level field it happens in
                )
            container: dict[str, Any] | list[Any] = {} if kind is yaml.MappingStartEvent else []
            parent = self.stack[-1] if self.stack else None
            if parent is not None and isinstance(parent.container, dict) and parent.key is None:
                return self._fail(
                    event.start_mark,
                    Code.WRONG_TYPE,
                    "een veldnaam moet gewone tekst zijn, geen lijst of blok.",
                )
            step = self._next_step(parent)
            if not self._attach(container, event.start_mark):
                return False
            self.stack.append(_Frame(container, (*parent.path, step) if parent else (), bool(event.flow_style)))
            return True
        if kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            closed = self.stack.pop()
            return not closed.flow or self._check_closed(event.end_mark, format_path(closed.path))
        if kind is yaml.AliasEvent:
            return self._refuse_decoration(event)
        if kind is yaml.DocumentStartEvent:
            self.documents += 1
            if self.documents > 1:
                return self._fail(
                    event.start_mark,
                    Code.MULTIPLE_DOCUMENTS,
                    "hier begint een tweede YAML-document ('---'); een record is één document. "
                    "Verwijder de extra '---'.",
                )
        return True

    @staticmethod
    def _next_step(parent: _Frame | None) -> str | int:
        if parent is None:
            return ""
        if isinstance(parent.container, list):
            return len(parent.container)
        return parent.key if isinstance(parent.key, str) else ""

    def _refuse_decoration(self, event: Any) -> bool:
        field = self._current_field()
        if type(event) is yaml.AliasEvent or getattr(event, "anchor", None) is not None:
            return self._fail(
                event.start_mark,
                Code.YAML_ANCHOR,
                "YAML-ankers en -verwijzingen (& en *) zijn niet toegestaan; schrijf de waarde "
                "voluit. Bedoel je een sterretje of ampersand in tekst? Zet de tekst tussen aanhalingstekens.",
                field,
            )
        tag = str(event.tag)
        if tag.startswith(_YAML_TAG_PREFIX):
            tag = "!!" + tag[len(_YAML_TAG_PREFIX) :]  # as the editor typed it
        return self._fail(
            event.start_mark,
            Code.YAML_TAG,
            f"YAML-tag '{tag}' is niet toegestaan; schrijf de waarde zonder tag. "
            "Bedoel je een uitroepteken in tekst? Zet de tekst tussen aanhalingstekens.",
            field,
        )

    def _attach(self, value: Any, mark: Any) -> bool:
        position = (mark.line + 1 + self.line_offset, mark.column + 1)
        if not self.stack:
            self.data.value = value
            self.data.positions[()] = position
            return True
        frame = self.stack[-1]
        container = frame.container
        if isinstance(container, list):
            self.data.positions[(*frame.path, len(container))] = position
            container.append(value)
            return True
        if frame.key is None:  # this scalar is a key
            if value is None or not isinstance(value, str):
                return self._fail(mark, Code.WRONG_TYPE, "hier ontbreekt een veldnaam voor de dubbele punt.")
            key_path = (*frame.path, value)
            if value in container or key_path in self.data.key_positions:
                first = self.data.key_positions.get(key_path, position)
                self.problems.append(
                    Problem(
                        self.path,
                        position[0],
                        position[1],
                        Code.DUPLICATE_KEY,
                        f"veld '{value}' staat hier voor de tweede keer (eerst op regel {first[0]}). "
                        "Voeg de twee samen of verwijder er een.",
                        field=format_path(key_path),
                    )
                )
                frame.key = _DUPLICATE
                return True
            self.data.key_positions[key_path] = position
            frame.key = value
            return True
        if isinstance(frame.key, str):
            container[frame.key] = value
            self.data.positions[(*frame.path, frame.key)] = position
        frame.key = None
        return True
