"""Problems are data until the edge: every stage returns them, only reporters print.

Each problem names the file, line and column, the field, a Dutch message for the
editor (what is wrong and what to do) and a stable code that tests assert.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from functools import total_ordering


class Severity(Enum):
    ERROR = "error"
    WARNING = "warning"


#: Every problem code, with a Dutch explanation (shown in the field reference).
CODES: dict[str, str] = {
    # reading the file
    "unreadable": "Het bestand kan niet gelezen worden.",
    "not-utf8": "Het bestand is niet als UTF-8 opgeslagen.",
    "bom": "Het bestand begint met een byte-order-mark (BOM).",
    "control-char": "Het bestand bevat een onzichtbaar stuurteken.",
    "bidi-char": "Het bestand bevat een teken dat de leesrichting omdraait.",
    "tab": "Er staat een tab in YAML; YAML wil spaties.",
    "too-large": "Het bestand is te groot.",
    "too-deep": "De YAML is te diep genest.",
    "front-matter": "Het Markdown-bestand begint niet met een blok '---' met velden.",
    # parsing YAML
    "yaml-syntax": "De YAML kan niet gelezen worden.",
    "duplicate-key": "Een veld staat twee keer in hetzelfde blok.",
    "yaml-anchor": "YAML-ankers en -verwijzingen (& en *) zijn niet toegestaan.",
    "yaml-tag": "YAML-tags (zoals !!str) zijn niet toegestaan.",
    "not-mapping": "Het record is geen lijst van velden.",
    "multiple-documents": "Het bestand bevat meer dan één YAML-document.",
    # fields
    "unknown-field": "Dit veld bestaat niet voor dit soort record.",
    "missing-field": "Een verplicht veld ontbreekt of is leeg.",
    "wrong-type": "De waarde heeft niet de juiste vorm.",
    "bad-id": "Het id voldoet niet aan de regels.",
    "id-mismatch": "Het id is niet gelijk aan de bestandsnaam.",
    "duplicate-id": "Twee records hebben hetzelfde id.",
    "bad-choice": "De waarde staat niet in de lijst van toegestane waarden.",
    "bad-date": "De datum is geen geldige datum.",
    "bad-number": "Het getal is geen geldig geheel getal.",
    "bad-url": "Het adres is geen geldig http(s)-adres.",
    "too-long": "De tekst is te lang.",
    "too-few": "De lijst heeft te weinig elementen.",
    "duplicate-item": "Een element staat twee keer in de lijst.",
    "raw-html": "Markdown mag geen HTML bevatten.",
    "bad-link": "Een link gebruikt een niet-toegestaan adrestype.",
    "image": "Een record kan geen afbeelding bevatten.",
    "unknown-folder": "Het bestand staat in een map die de gids niet kent.",
    "outside-guide": "Het bestand is een link naar een bestand buiten de gids.",
    "not-regular-file": "Op de plaats van een record staat iets dat geen gewoon bestand is.",
    "future-date": "De datum ligt in de toekomst.",
    "bad-period": "De periode eindigt voordat ze begint.",
    "unsafe-attribute": "Een attribuut achter een alinea of link ({: ... }) gaat verloren.",
    "self-reference": "Een record verwijst naar zichzelf.",
    # links between records
    "unknown-id": "Er is geen record met dit id.",
    "wrong-target": "Het id bestaat, maar is van het verkeerde soort record.",
    "unpublished-ref": "Een gepubliceerd record verwijst naar een record dat niet gepubliceerd is.",
    "bad-hierarchy": "Een wijk hoort bij een gemeente.",
    "duplicate-number": "Twee hoofdstukken hebben hetzelfde nummer.",
    "alias-collision": "Een oud id (alias) is het id van een record, of staat al bij een ander record.",
    "alias-ref": "Een verwijzing noemt een oud id; ze werkt nog, maar noem het nieuwe id.",
    # editorial
    "quote-not-in-source": "Het citaat staat niet woord voor woord in de bron die het noemt.",
    "stale": "Het record is lang niet nagekeken.",
    # plain language (warnings; see build_tools/language/)
    "long-sentence": "Een zin is langer dan het ingestelde aantal woorden.",
    "hard-to-read": "De leesbaarheid (Flesch-Douma) van het record ligt onder de ingestelde grens.",
    "spelling": "Een woord staat niet in het Nederlandse woordenboek en niet in de woordenlijst van de gids.",
}


@total_ordering
@dataclass(frozen=True)
class Problem:
    """One thing wrong with the guide, located as precisely as the input allows.

    Ordered by :meth:`sort_key`: file, line, column — the order an editor fixes them in.
    """

    path: str  # POSIX path relative to the guide root
    line: int  # 1-based; 0 when the problem concerns the file as a whole
    column: int  # 1-based; 0 when unknown
    code: str
    message: str  # Dutch, for editors: what is wrong and what to do
    field: str = ""  # e.g. "examples[2]"
    severity: Severity = Severity.ERROR

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"unregistered problem code {self.code!r}")

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
    matches = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.75)
    return f" — bedoel je '{matches[0]}'?" if matches else ""


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Sorted by file, line, column: the order an editor fixes them in."""
    return sorted(problems, key=lambda p: p.sort_key()[:5])
