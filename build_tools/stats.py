"""``wijkengids stats``: a content report for editors.

Counts per record type, per theme and per chapter, then the records without a
link to other content (:func:`is_unlinked`) and the published records that no
chapter lists. The report is plain text
in Dutch; tests parse it back, so keep the line formats stable.
"""

from __future__ import annotations

from .link import Catalog
from .schema import CHAPTER, CONTENT_TYPES, RECORD_TYPES, THEME, TYPES_BY_NAME, TypeName


def count_noun(type_name: TypeName, n: int) -> str:
    """``1 les``, ``3 lessen``: the record type's count noun."""
    return TYPES_BY_NAME[type_name].count(n)


def is_unlinked(catalog: Catalog, record_id: str) -> bool:
    """True if a record links to no lesson, dilemma, example or quote, and none links to it.

    Sources, themes, places and chapters do not count: every record names a source,
    so only links between pieces of content say whether a record stands alone.
    """
    return not any((r := catalog.get(i)) is not None and r.type in CONTENT_TYPES for i in catalog.neighbours(record_id))


def content_report(catalog: Catalog) -> str:
    lines = ["Aantallen per soort (gepubliceerd / totaal):"]
    for rtype in RECORD_TYPES:
        total = catalog.of_type(rtype.name, published_only=False)
        published = [r for r in total if r.published]
        lines.append(f"  {rtype.plural:<14} {len(published):>4} / {len(total)}")
    lines.append("")
    nouns = [TYPES_BY_NAME[t].nouns[1] for t in CONTENT_TYPES]
    lines.append(f"Per thema (totaal: {', '.join(nouns)}):")
    for theme in catalog.of_type(THEME.name):
        counts = [len(catalog.mentioned_in(theme.id, t)) for t in CONTENT_TYPES]
        lines.append(f"  {theme.id:<32} {sum(counts):>3}  ({', '.join(map(str, counts))})")
    lines.append("")
    lines.append("Per hoofdstuk:")
    for chapter in catalog.of_type(CHAPTER.name):
        items = [catalog.get(i) for i in chapter.refs("items")]
        by_type = {t: sum(1 for r in items if r is not None and r.type == t) for t in CONTENT_TYPES}
        detail = ", ".join(count_noun(t, n) for t, n in by_type.items() if n)
        lines.append(f"  {int(chapter.get('number')):>2}. {chapter.title} — {detail or 'leeg'}")
    lines.append("")
    orphans = [r for t in CONTENT_TYPES for r in catalog.of_type(t, published_only=False) if is_unlinked(catalog, r.id)]
    unplaced = [r for t in CONTENT_TYPES for r in catalog.of_type(t) if not catalog.chapters_of(r.id)]
    lines.append(f"Records zonder links naar {', '.join(nouns[:-1])} of {nouns[-1]}: {len(orphans)}")
    lines.extend(f"  {r.path}" for r in orphans)
    lines.append(f"Records in geen enkel hoofdstuk: {len(unplaced)}")
    lines.extend(f"  {r.path}" for r in unplaced)
    return "\n".join(lines)
