"""What the search index adds to a record's own words: synonyms, search terms and compound parts.

Pagefind stems Dutch and folds diacritics by itself, but it knows neither the guide's
controlled lists nor Dutch compounds. This module derives both from the catalog:

* a record's own ``synonyms`` (themes, places, organisations) and ``keywords`` (lessons);
* the names and synonyms of the themes, places and organisations a record names, so
  "buurt" finds a lesson on the theme whose synonyms say "buurt";
* a few general equivalences of the field (:data:`EQUIVALENTS`: buurt ↔ wijk, inwoners ↔ bewoners);
* the parts of compounds, split with the guide's own vocabulary: "woningcorporaties"
  gets "woning corporaties", so "corporaties" finds it.

Nothing here imports MkDocs or Pagefind: the functions take records and text and return words.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from ..link import Catalog
from ..model import Record
from ..schema import ORGANISATION, PLACE, THEME, Field, Kind

#: Words that mean the same to a professional in the field; each group is searched as one.
#: Only whole words of a page trigger a group, so the list stays small and explicit. Plurals and
#: diacritics need no entry: Pagefind's Dutch stemmer and its diacritic folding join those.
EQUIVALENTS: tuple[tuple[str, ...], ...] = (
    ("wijk", "buurt"),
    ("bewoners", "inwoners", "buurtbewoners", "wijkbewoners"),
    ("corporatie", "woningcorporatie", "woningbouwcorporatie"),
    ("wijkteam", "sociaal wijkteam", "buurtteam"),
    ("samenwerking", "samenwerkingsverband"),
)

#: Link sounds between the parts of a Dutch compound ("stads-vernieuwing", "buurt-en-huis").
_LINKS = ("", "s", "e", "en")
#: Plural and diminutive endings a compound's last part may carry beyond its vocabulary form.
_ENDINGS = ("", "s", "en", "es", "'s", "je", "jes", "tje", "tjes")
_MIN_PART = 4
#: Endings of a plural form that makes its singular a known head.
_HEAD_ENDINGS = ("en", "s")
_MIN_COMPOUND = 2 * _MIN_PART
_MIN_KNOWN_HEAD = 5  # when the tail is not a known word, the head must be at least this long
_MIN_UNKNOWN_TAIL = 5
_VOWELS = "aeiou"
_DOUBLE_VOWEL_END = re.compile(r"(aa|ee|oo|uu)([^aeiou])$")
_OPEN_SYLLABLE_PLURAL = re.compile(r"[^aeiou]([aeou])([^aeiouvz])en$")
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")

#: Very common short words that must never be taken for a compound's part.
_STOP = frozenset(
    [
        "alle",
        "alles",
        "andere",
        "heel",
        "hier",
        "maar",
        "meer",
        "meest",
        "niet",
        "niets",
        "naar",
        "onder",
        "over",
        "toch",
        "voor",
        "want",
        "waar",
        "werd",
        "zijn",
        "zich",
        "zelf",
        "zoals",
        "door",
        "deze",
        "dezen",
        "elke",
        "geen",
        "heeft",
        "hebben",
        "haar",
        "ieder",
        "maken",
        "komen",
        "gaat",
        "gaan",
        "moet",
        "moeten",
        "kunnen",
        "zullen",
        "veel",
        "vaak",
        "even",
        "eens",
    ]
)


def words(text: str) -> Iterator[str]:
    """The lower-case words of ``text`` (letters only; "buurt's" stays one word)."""
    for match in _WORD.finditer(text):
        yield match.group().casefold()


@dataclass
class CompoundSplitter:
    """Splits compounds into two known parts; the parts come from the guide's own text."""

    parts: frozenset[str]
    _cache: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)

    @classmethod
    def from_texts(cls, texts: Iterable[str], *, min_count: int = 1, extra: Iterable[str] = ()) -> CompoundSplitter:
        """Learn the parts: every word of at least four letters the texts use on its own."""
        counts: Counter[str] = Counter()
        for text in texts:
            counts.update(w for w in words(text) if len(w) >= _MIN_PART)
        known = {w for w, n in counts.items() if n >= min_count and w not in _STOP}
        known.update(w for w in (x.casefold() for x in extra) if len(w) >= _MIN_PART and w not in _STOP)
        return cls(frozenset(known))

    def split(self, word: str) -> tuple[str, ...]:
        """The parts of ``word`` (lower case) if it is a compound of known parts, else ``()``.

        ``woningcorporaties`` → ``("woning", "corporaties")``; ``wijkteams`` → ``("wijk", "teams")``.
        The longest known head wins; a word that is itself known is still split when it can be.
        """
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        found = self._split(word, depth=0)
        self._cache[word] = found
        return found

    def _split(self, word: str, depth: int) -> tuple[str, ...]:
        if len(word) < _MIN_COMPOUND or depth > 2:
            return ()
        for cut in range(len(word) - _MIN_PART, _MIN_PART - 1, -1):
            head = word[:cut]
            if not self._is_head(head):
                continue
            rest = word[cut:]
            for link in _LINKS:
                if not rest.startswith(link):
                    continue
                tail = rest[len(link) :]
                if len(tail) < _MIN_PART:
                    continue
                if self._is_part(tail):
                    return (head, tail, *self._split(tail, depth + 1))
                deeper = self._split(tail, depth + 1)
                if deeper:
                    return (head, tail, *deeper)
        # A known head and a longer unknown tail: "jongeren|cultuurhuis", "bewoners|avond".
        for cut in range(len(word) - _MIN_UNKNOWN_TAIL, _MIN_KNOWN_HEAD - 1, -1):
            head = word[:cut]
            if self._is_head(head):
                return (head, word[cut:])
        return ()

    def _is_head(self, head: str) -> bool:
        """A known word, or one the guide only uses in the plural ("woning" from "woningen")."""
        return head in self.parts or any(head + ending in self.parts for ending in _HEAD_ENDINGS)

    def _is_part(self, tail: str) -> bool:
        for ending in _ENDINGS:
            if ending and not tail.endswith(ending):
                continue
            stem = tail[: len(tail) - len(ending)] if ending else tail
            if len(stem) >= _MIN_PART and stem in self.parts:
                return True
        return False

    def parts_of(self, text: str | Iterable[str]) -> list[str]:
        """Every compound part found in ``text`` (or in a sequence of words), each once, in order of appearance."""
        seen: dict[str, None] = {}
        for word in words(text) if isinstance(text, str) else text:
            for part in self.split(word):
                seen.setdefault(part, None)
        return list(seen)


@dataclass(frozen=True)
class SearchTerms:
    """Extra words for one record's page, by how strongly they describe it."""

    own: tuple[str, ...]  # the record's own synonyms and keywords
    linked: tuple[str, ...]  # names and synonyms of the themes, places and organisations it names
    parts: tuple[str, ...]  # compound parts and equivalents of its words

    def __bool__(self) -> bool:
        return bool(self.own or self.linked or self.parts)


def record_text(record: Record) -> str:
    """The words a record shows (title, text fields, body) as one text; ids and dates left out."""
    out: list[str] = [record.title, record.body]
    _collect(record.rtype.fields, record.fields, out)
    return "\n".join(out)


_TEXT_KINDS = frozenset({Kind.TEXT, Kind.PROSE, Kind.TEXT_LIST, Kind.PROSE_LIST})


def _collect(specs: tuple[Field, ...], value: Mapping[str, object], out: list[str]) -> None:
    for spec in specs:
        item = value.get(spec.name)
        if item is None:
            continue
        if spec.kind in _TEXT_KINDS:
            out.extend([item] if isinstance(item, str) else [str(x) for x in item])  # type: ignore[attr-defined]
        elif spec.kind is Kind.OBJECT and isinstance(item, Mapping):
            _collect(spec.fields, item, out)
        elif spec.kind is Kind.OBJECT_LIST:
            for obj in item:  # type: ignore[attr-defined]
                if isinstance(obj, Mapping):
                    _collect(spec.fields, obj, out)


def own_terms(record: Record) -> list[str]:
    """A record's own ``synonyms`` and ``keywords``."""
    return [str(t) for key in ("synonyms", "keywords") for t in record.get(key, ())]


def former_names(record: Record) -> list[str]:
    """The record's earlier ids (``aliases``) as words: "beloften-waarmaken" → "beloften waarmaken".

    A merged or renamed record keeps the ids it had; they were made from its earlier titles, so a
    reader who remembers the old lesson still finds the one that took it over.
    """
    return [str(alias).replace("-", " ") for alias in record.get("aliases", ())]


def linked_records(catalog: Catalog, record: Record) -> list[Record]:
    """The themes, places and organisations a record names (and a place's municipality)."""
    found: dict[str, Record] = {}
    for target in catalog.targets(record.id):
        if target.type in (THEME.name, PLACE.name, ORGANISATION.name):
            found.setdefault(target.id, target)
    for place in [r for r in found.values() if r.type == PLACE.name]:
        parent = catalog.get(str(place.get("municipality", "")))
        if parent is not None and parent.published:
            found.setdefault(parent.id, parent)
    found.pop(record.id, None)
    return list(found.values())


def inflections(word: str) -> list[str]:
    """Singular and plural forms the Dutch stemmer does not bring together with ``word``.

    ``initiatief`` ↔ ``initiatieven``, ``huis`` ↔ ``huizen``, ``straat`` ↔ ``straten``: the stemmer
    keeps the f/v, s/z and long-vowel spelling changes apart. Other forms it already joins.
    """
    out: list[str] = []
    if len(word) < _MIN_PART:
        return out
    if word.endswith("ven") and len(word) > 5:
        out.append(word[:-3] + "f")
    elif word.endswith("zen") and len(word) > 5:
        out.append(word[:-3] + "s")
    elif word.endswith("f"):
        out.append(word[:-1] + "ven")
    elif word.endswith("s") and word[-2] in _VOWELS and not word.endswith("es"):
        out.append(word[:-1] + "zen")
    match = _DOUBLE_VOWEL_END.search(word)
    if match is not None:
        out.append(word[: match.start()] + match.group(1)[0] + match.group(2) + "en")
    match = _OPEN_SYLLABLE_PLURAL.search(word)
    if match is not None:
        out.append(word[: match.start(1)] + match.group(1) * 2 + match.group(2))
    return out


_NAME_WORD = re.compile(r"[A-ZÀ-Þ][\w'-]*|en|van|de|der|voor|het")
_CONNECTORS = frozenset({"en", "van", "de", "der", "voor", "het"})


def acronyms(text: str) -> list[str]:
    """Initials of names of three or more capitalised words: "Nationaal Programma Leefbaarheid en Veiligheid" → NPLV.

    Readers type the acronym; the guide writes the name out (or the other way round).
    """
    out: list[str] = []
    run: list[str] = []
    for token in [*text.split(), ""]:
        word = token.strip(".,;:()'\"")
        if word and _NAME_WORD.fullmatch(word):
            run.append(word)
            continue
        while run and run[-1] in _CONNECTORS:
            run.pop()
        capitals = [w for w in run if w not in _CONNECTORS]
        if len(capitals) >= 3:
            out.append("".join(w[0] for w in capitals))
        run = []
    return out


def equivalents_of(text_words: Iterable[str]) -> list[str]:
    """Words of :data:`EQUIVALENTS` groups that ``text_words`` touch, minus the words themselves."""
    present = set(text_words)
    out: dict[str, None] = {}
    for group in EQUIVALENTS:
        if any(w in present for w in group):
            for w in group:
                if w not in present:
                    out.setdefault(w, None)
    return list(out)


@dataclass
class Vocabulary:
    """Everything the index needs to know about the guide's words, derived once from the catalog."""

    catalog: Catalog
    splitter: CompoundSplitter

    @classmethod
    def from_catalog(cls, catalog: Catalog) -> Vocabulary:
        published = [r for r in catalog.records.values() if r.published]
        extra = [w for r in published for t in (*own_terms(r), r.title) for w in words(t)]
        extra += [w for group in EQUIVALENTS for t in group for w in words(t)]
        splitter = CompoundSplitter.from_texts((record_text(r) for r in published), extra=extra)
        return cls(catalog, splitter)

    def terms_for(self, record: Record, page_text: str = "") -> SearchTerms:
        """The extra words for ``record``'s page; ``page_text`` is what the page shows (may be empty)."""
        own_list = [*own_terms(record), *former_names(record)]
        own_words = [w for t in (*own_list, record.title) for w in words(t)]
        named = [a for t in (*own_list, record.title) for a in acronyms(t)]
        # Parts of compounds in the title and search terms describe the record as strongly as they do.
        own = _unique([*own_list, *named, *equivalents_of(own_words), *self.splitter.parts_of(own_words)])
        linked: list[str] = []
        for target in linked_records(self.catalog, record):
            linked.append(target.title)
            linked.extend(own_terms(target))
        shown = dict.fromkeys(words(record_text(record) + "\n" + page_text))  # unique, in order
        parts = self.splitter.parts_of(shown)
        parts += equivalents_of(shown)
        # Only forms the guide itself writes somewhere: the spelling rules also turn verbs and
        # adjectives into words nobody types ("nagekeken" → "nagekeek").
        known = self.splitter.parts
        parts += [form for w in dict.fromkeys([*shown, *parts]) for form in inflections(w) if form in known]
        own_set = {t.casefold() for t in own}
        return SearchTerms(
            own=tuple(own),
            linked=tuple(t for t in _unique(linked) if t.casefold() not in shown),
            parts=tuple(p for p in _unique(parts) if p not in shown and p not in own_set),
        )


def _unique(items: Iterable[str]) -> list[str]:
    seen: dict[str, str] = {}
    for item in items:
        key = item.strip().casefold()
        if key:
            seen.setdefault(key, item.strip())
    return list(seen.values())
