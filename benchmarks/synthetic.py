"""A realistic synthetic guide of any size, for every benchmark.

Learned from the shipped guide and the source texts, with a fixed seed:

* **Records**: each synthetic record is modelled on a shipped record of its type, drawn at
  random: it has the same fields, the same number of list items, the same number of words in
  every text (front matter and body, Markdown structure kept: paragraphs, lists, headings,
  ``[[id|tekst]]``), the same number of references in every field and inline. So record
  lengths, field presence and link counts follow the shipped guide's own distribution, field by
  field. Choices, dates and numbers are the template's; chapter numbers are made unique.
* **Types**: in the shipped guide's proportions (all ten types), scaled to ``total``.
* **References**: every one points at an existing synthetic record of the type the template's
  target had (a wijk's ``municipality`` at a gemeente), never at the record itself. So the
  guide passes ``wijkengids check``.
* **Words**: drawn from a Zipf distribution over ranks: the first ranks are the words of the
  source texts (``/work/shared/sources/*.txt``, where present) and of the shipped records in
  their frequency order, the ranks beyond them Dutch compounds of two source words
  (the way Dutch makes new words). The exponent is fitted so that a synthetic guide of the
  shipped guide's size has about as many distinct words as the shipped guide has; larger
  guides then grow their vocabulary the way text does (Heaps' law), instead of repeating a
  fixed list.

:func:`guide_stats` measures words per record and distinct words, for the synthetic and the
shipped guide alike, so the benchmarks can print both.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import random
import re
import shutil
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from build_tools.load import RawRecord, load
from build_tools.schema import TYPES_BY_NAME, Field, Kind, RecordType, type_named

ROOT = Path(__file__).resolve().parent.parent
SOURCES = Path("/work/shared/sources")
SEED = 7

#: A word: letters, with inner hyphens or apostrophes ("sociaal-economisch", "dilemma's").
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
#: Parts of a text that are not prose: references, link targets, addresses, code, HTML, attributes.
_PROTECTED = re.compile(r"\[\[[^\]\n]*\]\]|\]\([^)\n]*\)|https?://\S+|`[^`\n]*`|<[^>\n]*>|\{[^}\n]*\}")
_REF = re.compile(r"\[\[([^\]|\n]+)(\|[^\]\n]*)?\]\]")
#: Fields a synthetic record leaves out: ``aliases`` are the old addresses of renamed records (a
#: synthetic guide has none), and the code before issue 16 (``benchmarks/before.py``) lacks them.
LEFT_OUT = frozenset({"aliases"})
#: Ranks of the Zipf distribution (source words first, then compounds).
_RANKS = 200_000


# -- what the shipped guide looks like ------------------------------------------------------------


@functools.cache
def shipped_records() -> tuple[RawRecord, ...]:
    loaded = load(ROOT)
    return tuple(sorted(loaded.records, key=lambda r: r.path))


@functools.cache
def _type_of_id() -> dict[str, str]:
    return {str(r.data.get("id", r.stem)): r.rtype.name for r in shipped_records()}


def words_of(text: str) -> list[str]:
    """The words of ``text`` outside references, addresses and markup, as :func:`guide_stats` counts them."""
    return _WORD.findall(_PROTECTED.sub(" ", text))


def _texts(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _texts(v)
    elif isinstance(value, list):
        for v in value:
            yield from _texts(v)


def _text_fields(rtype: RecordType, data: dict[str, Any]) -> Iterator[str]:
    """The texts of a record's prose and text fields (not ids, choices, dates or addresses)."""

    def walk(fields: Sequence[Field], values: dict[str, Any]) -> Iterator[str]:
        for spec in fields:
            if spec.name == "id" or spec.name not in values:
                continue
            value = values[spec.name]
            if spec.kind in (Kind.TEXT, Kind.PROSE, Kind.TEXT_LIST, Kind.PROSE_LIST):
                yield from _texts(value)
            elif spec.kind in (Kind.OBJECT, Kind.OBJECT_LIST):
                for item in value if isinstance(value, list) else [value]:
                    if isinstance(item, dict):
                        yield from walk(spec.fields, item)

    yield from walk(rtype.all_fields, data)


@dataclass(frozen=True)
class GuideStats:
    records: int
    words: int
    distinct: int
    links: int  # references in fields and inline

    @property
    def words_per_record(self) -> float:
        return self.words / max(1, self.records)

    @property
    def links_per_record(self) -> float:
        return self.links / max(1, self.records)

    def line(self, label: str) -> str:
        return (
            f"{label}: {self.records:,} records, {self.words_per_record:.0f} words and "
            f"{self.links_per_record:.1f} references per record, {self.distinct:,} distinct words"
        )


def guide_stats(root: Path) -> GuideStats:
    """Words per record, distinct words (case-folded) and references of the guide under ``root``."""
    loaded = load(root)
    words: Counter[str] = Counter()
    total = links = 0
    for record in loaded.records:
        texts = [*_text_fields(record.rtype, record.data), record.body]
        for text in texts:
            found = words_of(text)
            total += len(found)
            words.update(w.casefold() for w in found)
            links += len(_REF.findall(text))
        links += sum(1 for _ in _ref_values(record.rtype.all_fields, record.data))
    return GuideStats(len(loaded.records), total, len(words), links)


def _ref_values(fields: Sequence[Field], values: dict[str, Any]) -> Iterator[str]:
    for spec in fields:
        value = values.get(spec.name)
        if value is None:
            continue
        if spec.kind is Kind.REF and isinstance(value, str):
            yield value
        elif spec.kind is Kind.REF_LIST and isinstance(value, list):
            yield from (v for v in value if isinstance(v, str))
        elif spec.kind in (Kind.OBJECT, Kind.OBJECT_LIST):
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, dict):
                    yield from _ref_values(spec.fields, item)


# -- the vocabulary -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Vocabulary:
    words: tuple[str, ...]  # by rank
    cumulative: tuple[float, ...]

    def sample(self, rng: random.Random, k: int) -> list[str]:
        total = self.cumulative[-1]
        top = len(self.cumulative) - 1
        return [self.words[bisect.bisect(self.cumulative, rng.random() * total, 0, top)] for _ in range(k)]


def _source_words() -> Counter[str]:
    """Word frequencies of the source texts and of the shipped records (both real Dutch on the subject)."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SOURCES.glob("*.txt"))] if SOURCES.is_dir() else []
    texts += [t for r in shipped_records() for t in [*_text_fields(r.rtype, r.data), r.body]]
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(w.casefold() for w in words_of(text))
    return counts


def _compound(rank: int, content: Sequence[str]) -> str:
    """A Dutch compound for a rank beyond the source words: two content words, deterministically."""
    n = len(content)
    first = content[(rank * 7919) % n]
    second = content[(rank * 104_729 // n + rank) % n]
    return first + ("s" if first[-1] in "gkt" and rank % 3 == 0 else "") + second


@functools.cache
def _ranked_words() -> tuple[str, ...]:
    """Source words by frequency, then compounds of them, :data:`_RANKS` in all."""
    counts = _source_words()
    ranked = [w for w, _ in counts.most_common()]
    content = [w for w in ranked if len(w) >= 5 and "-" not in w and "'" not in w and "’" not in w]
    seen = set(ranked)
    words = list(ranked)
    rank = 0
    while len(words) < _RANKS:
        rank += 1
        word = _compound(rank, content)
        if word not in seen:
            seen.add(word)
            words.append(word)
    return tuple(words)


@functools.cache
def vocabulary(exponent: float) -> Vocabulary:
    words = _ranked_words()
    cumulative = tuple(itertools.accumulate([(r + 2.7) ** -exponent for r in range(1, len(words) + 1)]))
    return Vocabulary(words, cumulative)


@functools.cache
def fitted_exponent() -> float:
    """The Zipf exponent at which a guide of the shipped guide's size has its number of distinct words."""
    shipped = guide_stats(ROOT)
    low, high = 0.8, 1.6
    for _ in range(12):  # bisection: distinct words fall as the exponent rises
        middle = (low + high) / 2
        got = len({w for w in vocabulary(middle).sample(random.Random(SEED), shipped.words)})
        low, high = (middle, high) if got > shipped.distinct else (low, middle)
    return round((low + high) / 2, 3)


# -- writing a guide ------------------------------------------------------------------------------


def type_counts(total: int) -> dict[str, int]:
    """Records per type for a guide of about ``total`` records, in the shipped guide's proportions."""
    shipped: Counter[str] = Counter(r.rtype.name for r in shipped_records())
    size = sum(shipped.values())
    counts: dict[str, int] = {
        name: max(1, round(total * shipped[name] / size)) for name in TYPES_BY_NAME if shipped[name]
    }
    number = TYPES_BY_NAME["chapter"].field_named("number")
    if "chapter" in counts and number is not None and number.maximum is not None:  # chapters are numbered 0–99
        counts["chapter"] = min(counts["chapter"], number.maximum + 1)
    return counts


class _Writer:
    def __init__(self, total: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.vocabulary = vocabulary(fitted_exponent())
        self.templates: dict[str, list[RawRecord]] = {}
        for record in shipped_records():
            self.templates.setdefault(record.rtype.name, []).append(record)
        counts = type_counts(total)
        self.plan: dict[str, list[RawRecord]] = {
            name: [self.rng.choice(self.templates[name]) for _ in range(n)] for name, n in counts.items()
        }
        self.ids: dict[str, list[str]] = {
            name: [f"{template.stem[:50]}-{i:05d}" for i, template in enumerate(chosen)]
            for name, chosen in self.plan.items()
        }
        places = zip(self.ids["place"], self.plan["place"], strict=True)
        self.gemeenten = [rid for rid, template in places if template.data.get("kind") == "gemeente"]
        self.current = ""

    # texts
    def words(self, template: str) -> str:
        """``template`` with every word replaced, capitals, punctuation and Markdown kept."""
        out: list[str] = []
        position = 0
        for match in _PROTECTED.finditer(template):
            out.append(self._prose(template[position : match.start()]))
            out.append(self._protected(match.group(0)))
            position = match.end()
        out.append(self._prose(template[position:]))
        return "".join(out)

    def _prose(self, text: str) -> str:
        found = list(_WORD.finditer(text))
        if not found:
            return text
        fresh = iter(self.vocabulary.sample(self.rng, len(found)))
        out: list[str] = []
        position = 0
        for match in found:
            word = next(fresh)
            if match.group(0)[0].isupper():
                word = word[0].upper() + word[1:]
            out.append(text[position : match.start()] + word)
            position = match.end()
        out.append(text[position:])
        return "".join(out)

    def _protected(self, text: str) -> str:
        ref = _REF.fullmatch(text)
        if ref is None:
            return text
        target = self.pick(_type_of_id().get(ref.group(1).strip(), "lesson"), 1)
        label = self._prose(ref.group(2)) if ref.group(2) else ""
        return f"[[{target[0]}{label}]]" if target else self._prose(ref.group(2) or "")

    def pick(self, type_name: str, k: int, *, among: Sequence[str] | None = None) -> list[str]:
        pool = among if among is not None else self.ids.get(type_name, [])
        chosen = self.rng.sample(pool, min(len(pool), k + 1)) if pool else []
        return [rid for rid in chosen if rid != self.current][:k]

    # fields
    def value(self, spec: Field, value: Any, record_type: str) -> Any:
        kind = spec.kind
        if kind in (Kind.TEXT, Kind.PROSE) and isinstance(value, str):
            text = self.words(value)
            if spec.max_length is not None and len(text) > spec.max_length:
                text = text[: spec.max_length].rsplit(" ", 1)[0]
            return text
        if kind in (Kind.TEXT_LIST, Kind.PROSE_LIST) and isinstance(value, list):
            return [self.words(v) if isinstance(v, str) else v for v in value]
        if kind is Kind.REF and isinstance(value, str):
            chosen = self._refs(spec, [value], record_type)
            return chosen[0] if chosen else value
        if kind is Kind.REF_LIST and isinstance(value, list):
            return self._refs(spec, [v for v in value if isinstance(v, str)], record_type)
        if kind is Kind.OBJECT and isinstance(value, dict):
            return self.fields(spec.fields, value, record_type)
        if kind is Kind.OBJECT_LIST and isinstance(value, list):
            return [self.fields(spec.fields, v, record_type) if isinstance(v, dict) else v for v in value]
        return value  # choices, dates, numbers, addresses: the template's

    def _refs(self, spec: Field, values: list[str], record_type: str) -> list[str]:
        """As many references as the template has, to records of the types its targets had."""
        if record_type == "place" and spec.name == "municipality":
            return self.pick("place", len(values), among=self.gemeenten)
        wanted = Counter(_type_of_id().get(v, spec.targets[0] if spec.targets else "lesson") for v in values)
        out: list[str] = []
        for type_name, k in wanted.items():
            out += [rid for rid in self.pick(type_name, k) if rid not in out]
        return out

    def fields(self, specs: Sequence[Field], data: dict[str, Any], record_type: str) -> dict[str, Any]:
        by_name = {f.name: f for f in specs}
        out: dict[str, Any] = {}
        for key, value in data.items():
            if key in LEFT_OUT:
                continue
            spec = by_name.get(key)
            out[key] = value if spec is None else self.value(spec, value, record_type)
        return out

    def record(self, type_name: str, template: RawRecord, rid: str, number: int) -> str:
        self.current = rid
        data = self.fields(template.rtype.all_fields, template.data, type_name)
        data["id"] = rid
        if type_name == "chapter":
            data["number"] = str(number - 1)
        head = _dump(data)
        if template.rtype.fmt == "yml":
            return head
        return f"---\n{head}---\n{self.words(template.body)}"


class _Dumper(yaml.CSafeDumper):
    """Plain scalars wherever YAML allows them, as editors write them (``reviewed: 2026-11-23``)."""


_Dumper.yaml_implicit_resolvers = {}


def _str(dumper: yaml.CSafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value.strip("\n") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value.rstrip("\n") + ("\n" if style else ""), style=style)


_Dumper.add_representer(str, _str)


def _dump(data: dict[str, Any]) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


def write_guide(root: Path, total: int, seed: int = SEED) -> dict[str, list[str]]:
    """Write a guide of about ``total`` records under ``root`` (emptied first); returns ids per type."""
    if root.exists():
        shutil.rmtree(root)
    writer = _Writer(total, seed)
    for type_name, templates in writer.plan.items():
        rtype = type_named(type_name)
        folder = root / rtype.folder
        folder.mkdir(parents=True, exist_ok=True)
        for number, (template, rid) in enumerate(zip(templates, writer.ids[type_name], strict=True), start=1):
            text = writer.record(type_name, template, rid, number)
            (folder / f"{rid}{rtype.suffix}").write_text(text, encoding="utf-8")
    return writer.ids


def main() -> None:
    import argparse
    import tempfile

    parser = argparse.ArgumentParser(description="Print the synthetic guide's statistics beside the shipped guide's.")
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 5000])
    args = parser.parse_args()
    print(guide_stats(ROOT).line("shipped guide"))
    print(f"Zipf exponent fitted to it: {fitted_exponent()}")
    with tempfile.TemporaryDirectory(prefix="wijkengids-synthetic-") as tmp:
        for size in args.sizes:
            write_guide(Path(tmp) / str(size), size)
            print(guide_stats(Path(tmp) / str(size)).line(f"synthetic {size:,}"))


if __name__ == "__main__":
    main()
