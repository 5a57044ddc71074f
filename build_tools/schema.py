"""The record model, declared once.

Every record type of the guide is declared here as data: its folder, its file
format and its fields, each field with a kind and a Dutch description for editors.
This one declaration drives validation (:mod:`build_tools.validate`), the editor
scaffold (:mod:`build_tools.scaffold`), the JSON Schemas (:mod:`build_tools.jsonschema`)
and the field reference page for editors (:mod:`build_tools.fieldref`).

Field names are English (like the code); descriptions are Dutch (for editors).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Literal, get_args

#: The record types' names: a misspelt one is a type error, not an empty page.
TypeName = Literal[
    "chapter", "lesson", "dilemma", "example", "quote", "theme", "place", "organisation", "source", "event", "begrip"
]
TYPE_NAMES: tuple[TypeName, ...] = get_args(TypeName)
#: The guide's content, as opposed to its controlled lists: what a chapter holds.
CONTENT_TYPES: tuple[TypeName, ...] = ("lesson", "dilemma", "example", "quote")

#: Ids: lowercase a-z, digits and hyphens, starting with a letter or digit, at most 64.
ID_PATTERN = r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$"
ID_MAX_LENGTH = 64

#: The field that names a record (its title on pages, in forms and in the scaffold), by preference.
TITLE_FIELDS = ("title", "name", "term")

#: Editorial states; only published records appear on the site and in print.
STATUSES = ("concept", "gepubliceerd", "verouderd")
PUBLISHED = "gepubliceerd"


class Kind(Enum):
    """What a field holds, as the editor writes it in YAML."""

    TEXT = "text"  # one line of plain text
    PROSE = "prose"  # Markdown text, may span lines, may hold [[id]] references
    TEXT_LIST = "text_list"  # list of one-line texts
    PROSE_LIST = "prose_list"  # list of Markdown texts
    INT = "int"  # whole number
    DATE = "date"  # YYYY-MM-DD
    PARTIAL_DATE = "partial_date"  # YYYY, YYYY-MM or YYYY-MM-DD
    CHOICE = "choice"  # one of a fixed list of words
    URL = "url"  # http(s) address
    REF = "ref"  # the id of one record
    REF_LIST = "ref_list"  # ids of records, no duplicates
    ID_LIST = "id_list"  # ids that name no record (a record's old ids), no duplicates
    OBJECT = "object"  # a mapping with its own fields
    OBJECT_LIST = "object_list"  # a list of such mappings


@dataclass(frozen=True)
class KindWords:
    """The Dutch words about one kind of field."""

    label: str  # in the field reference, e.g. "lijst van teksten"
    phrase: str  # in a message: "'x' moet <phrase> zijn", e.g. "een lijst van teksten"
    item: str = ""  # a list's element in a message, e.g. "één regel tekst"


#: How each kind of field is named for editors: the field reference and validation's messages.
KIND_WORDS: dict[Kind, KindWords] = {
    Kind.TEXT: KindWords("tekst (één regel)", "een tekst op één regel"),
    Kind.PROSE: KindWords("tekst (Markdown)", "een tekst"),
    Kind.TEXT_LIST: KindWords("lijst van teksten", "een lijst van teksten", "één regel tekst"),
    Kind.PROSE_LIST: KindWords("lijst van teksten (Markdown)", "een lijst van teksten", "een tekst"),
    Kind.INT: KindWords("geheel getal", "een geheel getal"),
    Kind.DATE: KindWords("datum (JJJJ-MM-DD)", "een datum (JJJJ-MM-DD)"),
    Kind.PARTIAL_DATE: KindWords("datum (JJJJ, JJJJ-MM of JJJJ-MM-DD)", "een datum (JJJJ, JJJJ-MM of JJJJ-MM-DD)"),
    Kind.CHOICE: KindWords("keuze", "één woord uit de lijst"),
    Kind.URL: KindWords("internetadres (http of https)", "een internetadres"),
    Kind.REF: KindWords("id van een record", "één id"),
    Kind.REF_LIST: KindWords("lijst van ids", "een lijst van ids", "één id"),
    Kind.ID_LIST: KindWords("lijst van oude ids", "een lijst van oude ids", "één oud id"),
    Kind.OBJECT: KindWords("blok met velden", "een blok met velden"),
    Kind.OBJECT_LIST: KindWords("lijst van blokken met velden", "een lijst van blokken met velden"),
}


@dataclass(frozen=True)
class Field:
    """One field of a record type."""

    name: str
    kind: Kind
    doc: str  # Dutch, for editors: what to write here
    required: bool = False
    targets: tuple[TypeName, ...] = ()  # REF / REF_LIST: the record types an id may name
    choices: tuple[str, ...] = ()  # CHOICE
    fields: tuple[Field, ...] = ()  # OBJECT / OBJECT_LIST
    min_items: int = 0  # lists
    minimum: int | None = None  # INT
    maximum: int | None = None  # INT
    max_length: int | None = None  # TEXT
    example: str = ""  # shown in the scaffold's placeholder


@dataclass(frozen=True)
class Body:
    """The Markdown body below the front matter of a prose record."""

    label: str  # Dutch heading the site uses for it, e.g. "Uitleg"
    doc: str
    required: bool = True


@dataclass(frozen=True)
class RecordType:
    """A kind of record: where its files live and what fields they have."""

    name: TypeName  # English identifier, e.g. "lesson"; a key of TYPES_BY_NAME
    label: str  # Dutch singular, e.g. "les"
    plural: str  # Dutch plural, e.g. "lessen" (also the URL segment)
    folder: str  # relative to the guide root, e.g. "lessons/dilemmas"
    fmt: str  # "md" (Markdown with YAML front matter) or "yml"
    doc: str
    fields: tuple[Field, ...]
    body: Body | None = None
    is_list: bool = False  # a controlled list (theme, place, ...) rather than guide content
    heading: str = ""  # Dutch heading over a list of these records, e.g. "Lessen"
    overview_title: str = ""  # title of the overview page (and its menu entry); the heading if empty
    nouns: tuple[str, str] = ("", "")  # singular and plural in a count ("3 lessen"); label, heading if empty
    neuter: bool = False  # a "het"-word ("het dilemma"): "dit dilemma", not "deze dilemma"
    plain_language: bool = True  # the language check reads its text (not a quote: its words are the speaker's)

    @property
    def title(self) -> str:
        """The singular label as a title: ``Les``, ``Praktijkvoorbeeld``."""
        return self.label[:1].upper() + self.label[1:]

    @property
    def overview(self) -> str:
        """The overview page's title: ``Alle lessen``, ``Plaatsen``."""
        return self.overview_title or self.heading

    @property
    def this(self) -> str:
        """The label after its demonstrative: ``deze les``, ``dit praktijkvoorbeeld``."""
        return f"{'dit' if self.neuter else 'deze'} {self.label}"

    def count(self, n: int) -> str:
        """``1 les``, ``3 lessen``, ``2 voorbeelden``."""
        singular = self.nouns[0] or self.label
        plural = self.nouns[1] or self.heading.lower()
        return f"{n} {singular if n == 1 else plural}"

    @property
    def all_fields(self) -> tuple[Field, ...]:
        """``id``, the editorial state and the type's own fields, in file order."""
        cached = _ALL_FIELDS.get(self.name)
        if cached is None:
            cached = _ALL_FIELDS[self.name] = (
                ID_FIELD,
                *_state_fields(required=not self.is_list),
                *self.fields,
                ALIASES_FIELD,
            )
        return cached

    def field_named(self, name: str) -> Field | None:
        for f in self.all_fields:
            if f.name == name:
                return f
        return None

    @property
    def suffix(self) -> str:
        return "." + self.fmt


_ALL_FIELDS: dict[str, tuple[Field, ...]] = {}


def _state_fields(*, required: bool) -> tuple[Field, Field]:
    """``status`` and ``reviewed``: required for guide content, optional for lists."""
    return (
        Field(
            "status",
            Kind.CHOICE,
            "Redactionele status: 'concept' (wordt gecontroleerd, niet gepubliceerd), "
            "'gepubliceerd' of 'verouderd' (blijft zichtbaar met een waarschuwing).",
            required=required,
            choices=STATUSES,
            example="concept",
        ),
        Field(
            "reviewed",
            Kind.DATE,
            "Datum waarop de inhoud voor het laatst is nagekeken (JJJJ-MM-DD).",
            required=required,
            example="2026-11-23",
        ),
    )


ID_FIELD = Field(
    "id",
    Kind.TEXT,
    "Vaste naam van het record: kleine letters, cijfers en streepjes, gelijk aan "
    "de bestandsnaam. Verander hem niet meer na publicatie: adressen en "
    "verwijzingen hangen ervan af.",
    required=True,
    max_length=ID_MAX_LENGTH,
)

#: Every record type has it, as its last field: the old ids of a merged or renamed record.
ALIASES_FIELD = Field(
    "aliases",
    Kind.ID_LIST,
    "Oude ids van dit record, als het een ander record heeft opgenomen of een nieuw id kreeg. "
    "Het oude adres blijft werken: het stuurt de lezer door naar dit record. Een oud id mag "
    "niet het id van een bestaand record zijn.",
)

_SOURCES = Field(
    "sources",
    Kind.REF_LIST,
    "Bronnen waarop dit record steunt (ids uit guide/bronnen/).",
    targets=("source",),
    required=True,
    min_items=1,
)
_THEMES = Field(
    "themes",
    Kind.REF_LIST,
    "Thema's waar dit record over gaat (ids uit guide/themas/).",
    targets=("theme",),
)
_PLACES = Field(
    "places",
    Kind.REF_LIST,
    "Plaatsen (gemeenten of wijken) waar dit record over gaat (ids uit guide/plaatsen/).",
    targets=("place",),
)
_LESSONS = Field(
    "lessons",
    Kind.REF_LIST,
    "Lessen die hierbij horen (ids uit lessons/).",
    targets=("lesson",),
)
_EXAMPLES = Field(
    "examples",
    Kind.REF_LIST,
    "Praktijkvoorbeelden die dit laten zien (ids uit examples/).",
    targets=("example",),
)
_DILEMMAS = Field(
    "dilemmas",
    Kind.REF_LIST,
    "Dilemma's die hiermee samenhangen (ids uit lessons/dilemmas/).",
    targets=("dilemma",),
)
_QUOTES = Field(
    "quotes",
    Kind.REF_LIST,
    "Citaten die dit illustreren (ids uit examples/citaten/).",
    targets=("quote",),
)
_TITLE = Field(
    "title",
    Kind.TEXT,
    "Titel van het record: kort, als een bewering waar dat kan.",
    required=True,
    max_length=160,
)
_SYNONYMS = Field(
    "synonyms",
    Kind.TEXT_LIST,
    "Andere woorden waarmee lezers dit zoeken (bijvoorbeeld 'buurt' bij 'wijk').",
)
_NAME = Field("name", Kind.TEXT, "Naam zoals lezers hem kennen.", required=True, max_length=160)
_DESCRIPTION = Field("description", Kind.PROSE, "Korte beschrijving (Markdown).")
_SILENCE = Field(
    "silence",
    Kind.TEXT_LIST,
    "Taalwaarschuwingen die de redactie voor dit record heeft afgewogen en uitzet: "
    "'long-sentence' (lange zin), 'hard-to-read' (leesbaarheid) of 'spelling'.",
)
_QUESTIONS = Field(
    "questions",
    Kind.TEXT_LIST,
    "Gespreksvragen voor een leerkring.",
)

LESSON = RecordType(
    name="lesson",
    label="les",
    plural="lessen",
    heading="Lessen",
    overview_title="Alle lessen",
    nouns=("les", "lessen"),
    folder="lessons",
    fmt="md",
    doc="Een les uit de praktijk van de wijkaanpak: één les per bestand.",
    fields=(
        _TITLE,
        Field(
            "summary",
            Kind.PROSE,
            "De les in één zin.",
            required=True,
        ),
        Field(
            "apply",
            Kind.PROSE_LIST,
            "Hoe pas je de les toe? Concrete stappen of tips, één per regel.",
            required=True,
            min_items=1,
        ),
        Field(
            "keywords",
            Kind.TEXT_LIST,
            "Zoektermen: woorden die lezers gebruiken als ze deze les zoeken.",
        ),
        _THEMES,
        _EXAMPLES,
        _DILEMMAS,
        _QUOTES,
        _SOURCES,
        _SILENCE,
    ),
    body=Body("Uitleg", "Uitleg van de les: waarom ze geldt en wat ze vraagt."),
)

DILEMMA = RecordType(
    name="dilemma",
    label="dilemma",
    neuter=True,
    plural="dilemmas",
    heading="Dilemma's",
    overview_title="Alle dilemma's",
    nouns=("dilemma", "dilemma's"),
    folder="lessons/dilemmas",
    fmt="md",
    doc="Een keuze die in de wijkaanpak steeds terugkomt, met haar twee polen.",
    fields=(
        _TITLE,
        Field("pole_a", Kind.TEXT, "De ene kant van het dilemma.", required=True),
        Field("pole_b", Kind.TEXT, "De andere kant van het dilemma.", required=True),
        Field("question", Kind.TEXT, "De vraag die het dilemma stelt.", required=True),
        Field(
            "considerations",
            Kind.PROSE_LIST,
            "Overwegingen: wat pleit voor de ene of de andere kant.",
            required=True,
            min_items=1,
        ),
        Field("view", Kind.PROSE, "Het standpunt van de gids.", required=True),
        _LESSONS,
        _THEMES,
        _SOURCES,
        _QUESTIONS,
        _SILENCE,
    ),
    body=Body("Toelichting", "Toelichting: waar het dilemma zich voordoet."),
)

EXAMPLE = RecordType(
    name="example",
    label="praktijkvoorbeeld",
    neuter=True,
    plural="voorbeelden",
    heading="Praktijkvoorbeelden",
    overview_title="Alle praktijkvoorbeelden",
    nouns=("voorbeeld", "voorbeelden"),
    folder="examples",
    fmt="md",
    doc="Een wijkaanpak in de praktijk: wie, waar, wanneer, wat het kostte en opleverde.",
    fields=(
        _TITLE,
        Field(
            "places",
            Kind.REF_LIST,
            "Plaatsen (gemeenten of wijken) waar het voorbeeld speelt.",
            targets=("place",),
            required=True,
            min_items=1,
        ),
        Field(
            "period",
            Kind.OBJECT,
            "Periode van de aanpak in jaren.",
            fields=(
                Field("start", Kind.INT, "Beginjaar.", minimum=1900, maximum=2100, example="2008"),
                Field("end", Kind.INT, "Eindjaar (leeg als het nog loopt).", minimum=1900, maximum=2100),
                Field("note", Kind.TEXT, "Toelichting, bijvoorbeeld als bronnen verschillen."),
            ),
        ),
        Field(
            "organisations",
            Kind.OBJECT_LIST,
            "Betrokken organisaties en hun rol.",
            fields=(
                Field(
                    "organisation",
                    Kind.REF,
                    "Id van de organisatie (uit guide/organisaties/).",
                    targets=("organisation",),
                    required=True,
                ),
                Field("role", Kind.TEXT, "Rol van de organisatie in de aanpak.", required=True),
            ),
        ),
        Field(
            "budget",
            Kind.OBJECT_LIST,
            "Bedragen die in de bronnen genoemd worden.",
            fields=(
                Field("amount", Kind.INT, "Bedrag in hele euro's, zonder punten.", required=True, minimum=0),
                Field("description", Kind.TEXT, "Waarvoor en door wie.", required=True),
                Field("source", Kind.REF, "Bron van het bedrag.", targets=("source",), required=True),
            ),
        ),
        Field(
            "results",
            Kind.PROSE_LIST,
            "Resultaten van de aanpak, elk met wat de bron erover zegt.",
            required=True,
            min_items=1,
        ),
        Field(
            "source_notes",
            Kind.PROSE,
            "Waar bronnen elkaar tegenspreken of iets openlaten: zeg het hier.",
        ),
        _LESSONS,
        _THEMES,
        _QUOTES,
        _SOURCES,
        _SILENCE,
    ),
    body=Body("Wat er gebeurde", "Wat er gebeurde: de aanpak in eigen woorden."),
)

QUOTE = RecordType(
    name="quote",
    plain_language=False,
    label="citaat",
    neuter=True,
    plural="citaten",
    heading="Citaten",
    overview_title="Alle citaten",
    nouns=("citaat", "citaten"),
    folder="examples/citaten",
    fmt="yml",
    doc="Een letterlijk citaat, altijd met spreker en bron.",
    fields=(
        Field("text", Kind.TEXT, "De letterlijke tekst van het citaat, zonder aanhalingstekens.", required=True),
        Field("speaker", Kind.TEXT, "Wie het zei.", required=True),
        Field("role", Kind.TEXT, "Functie van de spreker, als de bron die noemt."),
        Field(
            "organisation",
            Kind.REF,
            "Organisatie van de spreker (id uit guide/organisaties/).",
            targets=("organisation",),
        ),
        Field("date", Kind.PARTIAL_DATE, "Wanneer het gezegd of gepubliceerd is (JJJJ, JJJJ-MM of JJJJ-MM-DD)."),
        Field(
            "source",
            Kind.REF,
            "Bron waarin het citaat staat (id uit guide/bronnen/).",
            targets=("source",),
            required=True,
        ),
        _LESSONS,
        _THEMES,
        _PLACES,
    ),
)

CHAPTER = RecordType(
    name="chapter",
    label="hoofdstuk",
    neuter=True,
    plural="hoofdstukken",
    heading="Hoofdstukken",
    folder="guide/hoofdstukken",
    fmt="md",
    doc="Een hoofdstuk van de gids: een inleiding en de records in vaste volgorde.",
    fields=(
        Field("number", Kind.INT, "Hoofdstuknummer (0 voor 'Vooraf').", required=True, minimum=0, maximum=99),
        _TITLE,
        Field(
            "goals",
            Kind.TEXT_LIST,
            "Leerdoelen: 'Na het lezen van dit hoofdstuk weet je: …', één per regel.",
            required=True,
            min_items=1,
        ),
        Field(
            "items",
            Kind.REF_LIST,
            "De lessen, dilemma's, voorbeelden en citaten van dit hoofdstuk, in volgorde.",
            targets=CONTENT_TYPES,
        ),
        Field(
            "questions",
            Kind.TEXT_LIST,
            "Gespreksvragen voor een leerkring, aan het eind van het hoofdstuk.",
            required=True,
            min_items=1,
        ),
        _SILENCE,
    ),
    body=Body("Inleiding", "Inleiding van het hoofdstuk."),
)

THEME = RecordType(
    name="theme",
    label="thema",
    neuter=True,
    plural="themas",
    heading="Thema's",
    folder="guide/themas",
    fmt="yml",
    doc="Een thema van de wijkaanpak (gecontroleerde lijst).",
    fields=(_NAME, _DESCRIPTION, _SYNONYMS),
    is_list=True,
)

PLACE = RecordType(
    name="place",
    label="plaats",
    plural="plaatsen",
    heading="Plaatsen",
    folder="guide/plaatsen",
    fmt="yml",
    doc="Een gemeente of een wijk (gecontroleerde lijst).",
    fields=(
        _NAME,
        Field("kind", Kind.CHOICE, "Soort plaats.", required=True, choices=("gemeente", "wijk")),
        Field(
            "municipality",
            Kind.REF,
            "Bij een wijk: de gemeente waar hij in ligt (id uit guide/plaatsen/).",
            targets=("place",),
        ),
        _DESCRIPTION,
        _SYNONYMS,
    ),
    is_list=True,
)

ORGANISATION = RecordType(
    name="organisation",
    label="organisatie",
    plural="organisaties",
    heading="Organisaties",
    folder="guide/organisaties",
    fmt="yml",
    doc="Een organisatie die in de gids voorkomt (gecontroleerde lijst).",
    fields=(
        _NAME,
        Field(
            "kind",
            Kind.CHOICE,
            "Soort organisatie.",
            required=True,
            choices=(
                "gemeente",
                "rijk",
                "woningcorporatie",
                "adviesbureau",
                "kennisinstituut",
                "maatschappelijke organisatie",
                "onderwijs",
                "media",
                "overig",
            ),
        ),
        Field("website", Kind.URL, "Website van de organisatie."),
        _DESCRIPTION,
        _SYNONYMS,
    ),
    is_list=True,
)

SOURCE = RecordType(
    name="source",
    label="bron",
    plural="bronnen",
    heading="Bronnen",
    folder="guide/bronnen",
    fmt="yml",
    doc="Een bron waar de gids op steunt (gecontroleerde lijst).",
    fields=(
        _TITLE,
        Field(
            "publisher",
            Kind.REF,
            "Uitgever of auteur (id uit guide/organisaties/).",
            targets=("organisation",),
            required=True,
        ),
        Field("date", Kind.PARTIAL_DATE, "Publicatiedatum (JJJJ, JJJJ-MM of JJJJ-MM-DD)."),
        Field("url", Kind.URL, "Adres van de bron op internet."),
        Field(
            "kind",
            Kind.CHOICE,
            "Soort bron.",
            required=True,
            choices=("artikel", "rapport", "webpagina", "nieuwsbericht", "gids", "presentatie", "evaluatie"),
        ),
        Field("note", Kind.PROSE, "Opmerking, bijvoorbeeld als de datum onzeker is."),
    ),
    is_list=True,
)

EVENT = RecordType(
    name="event",
    plain_language=False,
    label="gebeurtenis",
    plural="tijdlijn",
    heading="Tijdlijn",
    nouns=("gebeurtenis", "gebeurtenissen"),
    folder="guide/tijdlijn",
    fmt="yml",
    doc="Een gebeurtenis op de tijdlijn van de wijkaanpak: een landelijk programma, een evaluatie, een mijlpaal.",
    fields=(
        Field(
            "date",
            Kind.PARTIAL_DATE,
            "Wanneer het gebeurde (JJJJ, JJJJ-MM of JJJJ-MM-DD), zo precies als de bron het zegt.",
            required=True,
            example="2007-03-22",
        ),
        _TITLE,
        Field(
            "description",
            Kind.PROSE,
            "Wat er gebeurde, in een of twee zinnen in eigen woorden (Markdown).",
            required=True,
        ),
        Field(
            "chapter",
            Kind.REF,
            "Het hoofdstuk waarin de gebeurtenis op de tijdlijn staat (id uit guide/hoofdstukken/).",
            targets=("chapter",),
        ),
        _PLACES,
        _SOURCES,
    ),
    is_list=True,
)

BEGRIP = RecordType(
    name="begrip",
    label="begrip",
    plural="begrippen",
    heading="Begrippen",
    nouns=("begrip", "begrippen"),
    neuter=True,
    folder="guide/begrippen",
    fmt="yml",
    doc=(
        "Een woord dat de gids gebruikt en uitlegt: vakjargon, een afkorting, een programma. "
        "Op de site is het eerste gebruik in de tekst van een record gemarkeerd, met de uitleg erbij."
    ),
    fields=(
        Field(
            "term",
            Kind.TEXT,
            "Het begrip zoals de gids het schrijft, bijvoorbeeld 'gebiedstafel' of 'NPLV'. "
            "Een afkorting in hoofdletters telt alleen in hoofdletters mee.",
            required=True,
            max_length=80,
        ),
        Field(
            "definition",
            Kind.TEXT,
            "Korte uitleg in eenvoudige taal (B1), een of twee zinnen. Staat de uitleg in een bron, "
            "noem die bron bij 'sources'; zonder bron is het de uitleg van de redactie.",
            required=True,
            max_length=320,
        ),
        Field(
            "synonyms",
            Kind.TEXT_LIST,
            "Andere vormen die in de tekst ook als dit begrip tellen: meervoud, andere spelling, afkorting.",
        ),
        Field(
            "sources",
            Kind.REF_LIST,
            "Bronnen waar de uitleg vandaan komt (ids uit guide/bronnen/); leeg als de uitleg van de redactie is.",
            targets=("source",),
        ),
        _SILENCE,
    ),
    is_list=True,
)

#: Every record type, in the order the guide presents them.
RECORD_TYPES: tuple[RecordType, ...] = (
    CHAPTER,
    LESSON,
    DILEMMA,
    EXAMPLE,
    QUOTE,
    THEME,
    PLACE,
    ORGANISATION,
    SOURCE,
    EVENT,
    BEGRIP,
)
TYPES_BY_NAME: dict[TypeName, RecordType] = {t.name: t for t in RECORD_TYPES}


def type_named(name: str) -> RecordType:
    """The record type called ``name``, for a name from outside the typed code (a test id, a file)."""
    for rtype in RECORD_TYPES:
        if rtype.name == name:
            return rtype
    raise KeyError(name)


#: The overviews a reader can browse without search, in this order.
BROWSE_ORDER: tuple[TypeName, ...] = (
    "theme", "place", "lesson", "chapter", "example", "dilemma", "quote", "organisation", "source"
)  # fmt: skip


def type_for_folder(folder: str) -> RecordType | None:
    """The record type whose files live directly in ``folder`` (a POSIX path)."""
    for t in RECORD_TYPES:
        if t.folder == folder:
            return t
    return None


#: The Dutch name of each field, as forms and references show it above the input. A field name
#: means the same in every record type that has it, so one table covers them all.
FIELD_LABELS: dict[str, str] = {
    "id": "Id",
    "status": "Status",
    "reviewed": "Nagekeken op",
    "number": "Nummer",
    "title": "Titel",
    "goals": "Leerdoelen",
    "items": "Onderdelen",
    "questions": "Gespreksvragen",
    "silence": "Taalwaarschuwingen uit",
    "summary": "Samenvatting",
    "apply": "Zo pas je het toe",
    "keywords": "Zoektermen",
    "themes": "Thema's",
    "examples": "Praktijkvoorbeelden",
    "dilemmas": "Dilemma's",
    "quotes": "Citaten",
    "sources": "Bronnen",
    "pole_a": "Kant A",
    "pole_b": "Kant B",
    "question": "Vraag",
    "considerations": "Overwegingen",
    "view": "Standpunt",
    "lessons": "Lessen",
    "places": "Plaatsen",
    "period": "Periode",
    "start": "Begin",
    "end": "Einde",
    "note": "Toelichting",
    "organisations": "Organisaties",
    "organisation": "Organisatie",
    "role": "Rol",
    "budget": "Bedragen",
    "amount": "Bedrag",
    "description": "Beschrijving",
    "source": "Bron",
    "results": "Resultaten",
    "source_notes": "Over de bronnen",
    "text": "Tekst",
    "speaker": "Spreker",
    "chapter": "Hoofdstuk",
    "date": "Datum",
    "name": "Naam",
    "synonyms": "Synoniemen",
    "kind": "Soort",
    "municipality": "Gemeente",
    "website": "Website",
    "publisher": "Uitgever",
    "url": "Adres",
    "aliases": "Oude ids",
    "term": "Begrip",
    "definition": "Uitleg",
}


#: Headings of the parts of records that the editors wrote themselves: not what a source
#: says, but the guide's own advice and view. Site and print use these, so a reader can
#: always tell the two apart.
EDITORIAL_HEADINGS: dict[str, str] = {
    "apply": "Tips van de redactie",
    "considerations": "Overwegingen van de redactie",
    "view": "Standpunt van de redactie",
}
#: On a glossary entry without a source: its explanation is the editors' own.
EDITORIAL_DEFINITION = "Uitleg van de redactie"
#: The note under an editorial heading.
EDITORIAL_NOTE = "Dit is de inbreng van de redactie van deze gids; het staat niet zo in de bronnen."
#: On chapter pages and in print: how to read the chapter's records.
EDITORIAL_LEGEND = (
    "Wat lessen, dilemma's en voorbeelden over wijken, programma's en onderzoek zeggen, komt uit de "
    "genoemde bronnen. De tips, de overwegingen, de standpunten en de gespreksvragen zijn van de "
    "redactie; tips, overwegingen en standpunten staan onder een kop die dat zegt."
)


def field_label(name: str) -> str:
    """The Dutch name of field ``name`` (a test checks that every field has one)."""
    return FIELD_LABELS.get(name, name)
