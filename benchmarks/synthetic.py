"""A synthetic guide of any size, for benchmarks: realistic records of every type, cross-linked."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

from build_tools.schema import TYPES_BY_NAME, TypeName

# Share of each type in a guide of N records (controlled lists included).
_MIX: tuple[tuple[TypeName, float], ...] = (
    ("lesson", 0.40),
    ("example", 0.20),
    ("quote", 0.15),
    ("dilemma", 0.05),
    ("theme", 0.02),
    ("place", 0.06),
    ("organisation", 0.06),
    ("source", 0.05),
    ("chapter", 0.01),
)
_VOCABULARY = (
    "bewoners wijk gemeente corporatie vertrouwen samenwerking wijkteam school zorg veiligheid "
    "leefbaarheid gezondheid opgroeien werk ondernemers netwerk alliantie buurt straat aanpak "
    "resultaat lange adem focus mandaat professionals leefwereld systeemwereld initiatief"
)
_WORDS = _VOCABULARY.split()


def _sentence(rng: random.Random, words: int = 12) -> str:
    text = " ".join(rng.choice(_WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _paragraphs(rng: random.Random, count: int) -> str:
    return "\n\n".join(" ".join(_sentence(rng) for _ in range(4)) for _ in range(count))


def write_guide(root: Path, total: int, seed: int = 7) -> dict[str, list[str]]:
    """Write a guide of about ``total`` records under ``root`` (emptied first); returns ids per type."""
    if root.exists():
        shutil.rmtree(root)
    rng = random.Random(seed)
    counts = {name: max(1, round(total * share)) for name, share in _MIX}
    ids: dict[str, list[str]] = {
        name: [f"{TYPES_BY_NAME[name].label}-{i:05d}" for i in range(n)] for name, n in counts.items()
    }
    for name in counts:
        (root / TYPES_BY_NAME[name].folder).mkdir(parents=True, exist_ok=True)

    def some(kind: str, k: int) -> list[str]:
        return rng.sample(ids[kind], min(k, len(ids[kind])))

    def ylist(key: str, values: list[str]) -> str:
        return f"{key}:\n" + "".join(f"  - {v}\n" for v in values) if values else ""

    state = "status: gepubliceerd\nreviewed: 2026-10-01\n"
    for i, rid in enumerate(ids["organisation"]):
        _write(root, "organisation", rid, f"id: {rid}\nname: Organisatie {i}\nkind: gemeente\n")
    for i, rid in enumerate(ids["source"]):
        _write(
            root,
            "source",
            rid,
            f"id: {rid}\ntitle: Bron {i}\npublisher: {rng.choice(ids['organisation'])}\n"
            f"kind: rapport\ndate: 2022-05\nurl: https://example.org/bron/{i}\n",
        )
    for i, rid in enumerate(ids["theme"]):
        _write(root, "theme", rid, f"id: {rid}\nname: Thema {i}\ndescription: {_sentence(rng)}\nsynonyms:\n  - t{i}\n")
    municipalities = ids["place"][: max(1, len(ids["place"]) // 5)]
    for i, rid in enumerate(ids["place"]):
        if rid in municipalities:
            _write(root, "place", rid, f"id: {rid}\nname: Gemeente {i}\nkind: gemeente\n")
        else:
            parent = rng.choice(municipalities)
            _write(root, "place", rid, f"id: {rid}\nname: Wijk {i}\nkind: wijk\nmunicipality: {parent}\n")
    wijken = [p for p in ids["place"] if p not in municipalities] or municipalities
    for rid in ids["lesson"]:
        front = (
            f"id: {rid}\n{state}title: {_sentence(rng, 8)}\nsummary: {_sentence(rng)}\n"
            + ylist("apply", [_sentence(rng) for _ in range(3)])
            + ylist("keywords", rng.sample(_WORDS, 3))
            + ylist("themes", some("theme", 2))
            + ylist("examples", some("example", 2))
            + ylist("dilemmas", some("dilemma", 1))
            + ylist("quotes", some("quote", 1))
            + ylist("sources", some("source", 2))
        )
        body = _paragraphs(rng, 3) + f"\n\nZie ook [[{rng.choice(ids['lesson'])}]].\n"
        _write(root, "lesson", rid, f"---\n{front}---\n\n{body}")
    for rid in ids["dilemma"]:
        front = (
            f"id: {rid}\n{state}title: {_sentence(rng, 6)}\npole_a: {_sentence(rng, 5)}\npole_b: {_sentence(rng, 5)}\n"
            f"question: {_sentence(rng, 8)}\n"
            + ylist("considerations", [_sentence(rng) for _ in range(3)])
            + f"view: {_sentence(rng)}\n"
            + ylist("lessons", some("lesson", 2))
            + ylist("sources", some("source", 1))
            + ylist("questions", [_sentence(rng, 8)])
        )
        _write(root, "dilemma", rid, f"---\n{front}---\n\n{_paragraphs(rng, 2)}\n")
    for rid in ids["example"]:
        org = rng.choice(ids["organisation"])
        front = (
            f"id: {rid}\n{state}title: {_sentence(rng, 7)}\n"
            + ylist("places", rng.sample(wijken, 1))
            + "period:\n  start: 2012\n  end: 2020\n"
            + f"organisations:\n  - organisation: {org}\n    role: {_sentence(rng, 5)}\n"
            + f"budget:\n  - amount: 10000000\n    description: {_sentence(rng, 5)}\n"
            + f"    source: {rng.choice(ids['source'])}\n"
            + ylist("results", [_sentence(rng) for _ in range(2)])
            + ylist("lessons", some("lesson", 2))
            + ylist("themes", some("theme", 2))
            + ylist("sources", some("source", 1))
        )
        _write(root, "example", rid, f"---\n{front}---\n\n{_paragraphs(rng, 3)}\n")
    for rid in ids["quote"]:
        _write(
            root,
            "quote",
            rid,
            f"id: {rid}\n{state}text: {_sentence(rng, 20)}\nspeaker: Spreker\n"
            f"organisation: {rng.choice(ids['organisation'])}\nsource: {rng.choice(ids['source'])}\n"
            + ylist("lessons", some("lesson", 1)),
        )
    content = ids["lesson"] + ids["dilemma"] + ids["example"] + ids["quote"]
    per_chapter = max(1, len(content) // len(ids["chapter"]))
    for n, rid in enumerate(ids["chapter"]):
        items = content[n * per_chapter : (n + 1) * per_chapter]
        front = (
            f"id: {rid}\n{state}number: {n}\ntitle: Hoofdstuk {n}\n"
            + ylist("goals", [_sentence(rng, 8)])
            + ylist("items", items)
            + ylist("questions", [_sentence(rng, 8)])
        )
        _write(root, "chapter", rid, f"---\n{front}---\n\n{_paragraphs(rng, 2)}\n")
    return ids


def _write(root: Path, type_name: TypeName, rid: str, text: str) -> None:
    rtype = TYPES_BY_NAME[type_name]
    (root / rtype.folder / f"{rid}{rtype.suffix}").write_text(text, encoding="utf-8")
