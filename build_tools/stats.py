"""``wijkengids stats``: a content report for editors."""

from __future__ import annotations

from .link import Catalog
from .schema import RECORD_TYPES

_CONTENT = ("lesson", "dilemma", "example", "quote")


def content_report(catalog: Catalog) -> str:
    lines = ["Aantallen per soort (gepubliceerd / totaal):"]
    for rtype in RECORD_TYPES:
        total = catalog.of_type(rtype.name, published_only=False)
        published = [r for r in total if r.published]
        lines.append(f"  {rtype.plural:<14} {len(published):>4} / {len(total)}")
    lines.append("")
    lines.append("Per thema (lessen, dilemma's, voorbeelden, citaten):")
    for theme in catalog.of_type("theme"):
        counts = [len(catalog.mentioned_in(theme.id, t)) for t in _CONTENT]
        lines.append(f"  {theme.id:<32} {sum(counts):>3}  ({', '.join(map(str, counts))})")
    lines.append("")
    lines.append("Per hoofdstuk:")
    for chapter in catalog.of_type("chapter"):
        items = [catalog.get(i) for i in chapter.refs("items")]
        by_type = {t: sum(1 for r in items if r is not None and r.type == t) for t in _CONTENT}
        detail = ", ".join(f"{n} {t}" for t, n in by_type.items() if n)
        lines.append(f"  {int(chapter.get('number')):>2}. {chapter.title} — {detail or 'leeg'}")
    lines.append("")
    orphans = [
        r
        for t in _CONTENT
        for r in catalog.of_type(t, published_only=False)
        if not catalog.outgoing.get(r.id) and not catalog.incoming.get(r.id)
    ]
    unplaced = [r for t in _CONTENT for r in catalog.of_type(t) if not catalog.chapters_of(r.id)]
    lines.append(f"Records zonder links: {len(orphans)}")
    lines.extend(f"  {r.path}" for r in orphans)
    lines.append(f"Records in geen enkel hoofdstuk: {len(unplaced)}")
    lines.extend(f"  {r.path}" for r in unplaced)
    return "\n".join(lines)
