"""Problems are data until the edge: every stage returns them, only reporters print.

Each problem names the file, line and column, the field, a Dutch message for the
editor (what is wrong and what to do) and a stable code that tests assert.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum, StrEnum
from functools import total_ordering


class Severity(Enum):
    ERROR = "error"
    WARNING = "warning"


class Code(StrEnum):
    """Every problem code, with a Dutch explanation (shown in the field reference).

    A code is a string (``Code.UNKNOWN_ID == "unknown-id"``), so reports and JSON carry its
    value; a misspelt member is an error for mypy, not a silent new code.
    """

    description: str

    def __new__(cls, value: str, description: str) -> Code:
        member = str.__new__(cls, value)
        member._value_ = value
        member.description = description
        return member

    # reading the file
    UNREADABLE = "unreadable", "Het bestand kan niet gelezen worden."
    NOT_UTF8 = "not-utf8", "Het bestand is niet als UTF-8 opgeslagen."
    BOM = "bom", "Het bestand begint met een byte-order-mark (BOM)."
    CONTROL_CHAR = "control-char", "Het bestand bevat een onzichtbaar stuurteken."
    BIDI_CHAR = "bidi-char", "Het bestand bevat een teken dat de leesrichting omdraait."
    TAB = "tab", "Er staat een tab in YAML; YAML wil spaties."
    TOO_LARGE = "too-large", "Het bestand is te groot."
    TOO_DEEP = "too-deep", "De YAML is te diep genest."
    FRONT_MATTER = "front-matter", "Het Markdown-bestand begint niet met een blok '---' met velden."
    # parsing YAML
    YAML_SYNTAX = "yaml-syntax", "De YAML kan niet gelezen worden."
    DUPLICATE_KEY = "duplicate-key", "Een veld staat twee keer in hetzelfde blok."
    YAML_ANCHOR = "yaml-anchor", "YAML-ankers en -verwijzingen (& en *) zijn niet toegestaan."
    YAML_TAG = "yaml-tag", "YAML-tags (zoals !!str) zijn niet toegestaan."
    NOT_MAPPING = "not-mapping", "Het record is geen lijst van velden."
    MULTIPLE_DOCUMENTS = "multiple-documents", "Het bestand bevat meer dan één YAML-document."
    # fields
    UNKNOWN_FIELD = "unknown-field", "Dit veld bestaat niet voor dit soort record."
    MISSING_FIELD = "missing-field", "Een verplicht veld ontbreekt of is leeg."
    WRONG_TYPE = "wrong-type", "De waarde heeft niet de juiste vorm."
    BAD_ID = "bad-id", "Het id voldoet niet aan de regels."
    ID_MISMATCH = "id-mismatch", "Het id is niet gelijk aan de bestandsnaam."
    DUPLICATE_ID = "duplicate-id", "Twee records hebben hetzelfde id."
    BAD_CHOICE = "bad-choice", "De waarde staat niet in de lijst van toegestane waarden."
    BAD_DATE = "bad-date", "De datum is geen geldige datum."
    BAD_NUMBER = "bad-number", "Het getal is geen geldig geheel getal."
    BAD_URL = "bad-url", "Het adres is geen geldig http(s)-adres."
    TOO_LONG = "too-long", "De tekst is te lang."
    TOO_FEW = "too-few", "De lijst heeft te weinig elementen."
    DUPLICATE_ITEM = "duplicate-item", "Een element staat twee keer in de lijst."
    RAW_HTML = "raw-html", "Markdown mag geen HTML bevatten."
    BAD_LINK = "bad-link", "Een link gebruikt een niet-toegestaan adrestype."
    IMAGE = "image", "Een record kan geen afbeelding bevatten."
    UNKNOWN_FOLDER = "unknown-folder", "Het bestand staat in een map die de gids niet kent."
    OUTSIDE_GUIDE = "outside-guide", "Het bestand is een link naar een bestand buiten de gids."
    NOT_REGULAR_FILE = "not-regular-file", "Op de plaats van een record staat iets dat geen gewoon bestand is."
    FUTURE_DATE = "future-date", "De datum ligt in de toekomst."
    BAD_PERIOD = "bad-period", "De periode eindigt voordat ze begint."
    UNSAFE_ATTRIBUTE = "unsafe-attribute", "Een attribuut achter een alinea of link ({: ... }) gaat verloren."
    SELF_REFERENCE = "self-reference", "Een record verwijst naar zichzelf."
    # links between records
    UNKNOWN_ID = "unknown-id", "Er is geen record met dit id."
    WRONG_TARGET = "wrong-target", "Het id bestaat, maar is van het verkeerde soort record."
    UNPUBLISHED_REF = "unpublished-ref", "Een gepubliceerd record verwijst naar een record dat niet gepubliceerd is."
    BAD_HIERARCHY = "bad-hierarchy", "Een wijk hoort bij een gemeente."
    DUPLICATE_NUMBER = "duplicate-number", "Twee hoofdstukken hebben hetzelfde nummer."
    ALIAS_COLLISION = "alias-collision", "Een oud id (alias) is het id van een record of staat al bij een ander."
    ALIAS_REF = "alias-ref", "Een verwijzing noemt een oud id; ze werkt nog, maar noem het nieuwe id."
    # editorial
    QUOTE_NOT_IN_SOURCE = "quote-not-in-source", "Het citaat staat niet woord voor woord in de bron die het noemt."
    STALE = "stale", "Het record is lang niet nagekeken."
    # plain language (warnings; see build_tools/language/)
    LONG_SENTENCE = "long-sentence", "Een zin is langer dan het ingestelde aantal woorden."
    HARD_TO_READ = "hard-to-read", "De leesbaarheid (Flesch-Douma) van het record ligt onder de ingestelde grens."
    SPELLING = "spelling", "Een woord staat niet in het Nederlandse woordenboek en niet in de woordenlijst van de gids."


@total_ordering
@dataclass(frozen=True)
class Problem:
    """One thing wrong with the guide, located as precisely as the input allows.

    Ordered by :meth:`sort_key`: file, line, column — the order an editor fixes them in.
    """

    path: str  # POSIX path relative to the guide root
    line: int  # 1-based; 0 when the problem concerns the file as a whole
    column: int  # 1-based; 0 when unknown
    code: Code
    message: str  # Dutch, for editors: what is wrong and what to do
    field: str = ""  # e.g. "examples[2]"
    severity: Severity = Severity.ERROR

    def __post_init__(self) -> None:
        if not isinstance(self.code, Code):  # a string from outside the typed code
            if self.code not in Code.__members__.values():
                raise ValueError(f"unregistered problem code {self.code!r}")
            object.__setattr__(self, "code", Code(self.code))

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple[str, int, int, str, str, str, str]:
        return (self.path, self.line, self.column, self.code, self.message, self.field, self.severity.value)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Problem):
            return NotImplemented
        return self.sort_key() < other.sort_key()


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """`` — bedoel je 'x'?`` for the closest candidate, or ``""``."""
    import difflib  # only when a name is wrong: not loaded for a clean check

    matches = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.75)
    return f" — bedoel je '{matches[0]}'?" if matches else ""


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Sorted by file, line, column: the order an editor fixes them in."""
    return sorted(problems, key=lambda p: p.sort_key()[:5])
