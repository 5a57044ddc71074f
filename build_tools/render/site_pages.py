"""Two pages about the site itself: the search page and the accessibility statement.

Pure Markdown builders; the MkDocs adapter adds them as generated pages outside the navigation.

* :func:`search_page` (``zoeken/``): where the search form leads when JavaScript does not run
  (``zoeken/?q=…``). With JavaScript the box on that page opens with the results of ``?q=``;
  without it the page offers the overviews.
* :func:`statement_page` (``toegankelijkheid/``): the accessibility statement. Its facts come
  from the build, not from a typed text: the tool versions from ``package-lock.json``, the
  results and date of the last test run from :data:`RESULTS_FILE` (written by the test suite),
  else the build date.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..schema import BROWSE_ORDER, TYPES_BY_NAME
from .links import overview_src, relative

SEARCH_PAGE = "zoeken.md"
STATEMENT_PAGE = "toegankelijkheid.md"
#: Written by the test suite (tests/conftest.py) after a run of the accessibility checks.
RESULTS_FILE = Path("test-artifacts") / "toegankelijkheid.json"
#: npm packages that test the site, by what they are called on the statement.
TOOLS = {"axe-core": "axe-core", "vnu-jar": "Nu Html Checker (vnu)", "lighthouse": "Lighthouse"}
_MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip


def overview_links(from_src: str) -> list[tuple[str, str]]:
    """(title, relative link) of each overview, as seen from the page ``from_src``."""
    return [(TYPES_BY_NAME[n].overview, relative(from_src, overview_src(TYPES_BY_NAME[n]))) for n in BROWSE_ORDER]


def search_page() -> str:
    links = "\n".join(f"- [{title}]({href})" for title, href in overview_links(SEARCH_PAGE))
    return f"""---
title: Zoeken
description: Zoeken in de wijkengids, of bladeren via de overzichten van thema's, plaatsen en lessen.
---

# Zoeken in de gids

Typ een zoekvraag in het zoekvak bovenaan de pagina. Het zoekvak toont de resultaten
terwijl u typt, en u kunt ze filteren op soort, thema, plaats en organisatie.

Het zoekvak werkt met JavaScript. Staat dat in uw browser uit, of werkt het zoeken niet,
dan vindt u alles ook via de overzichten:

{links}
"""


@dataclass(frozen=True)
class CheckResult:
    """One automatic check of the last test run: what it checked and how many problems it found."""

    name: str  # e.g. "axe"
    checked: int  # pages or files checked
    problems: int


@dataclass(frozen=True)
class StatementFacts:
    """What the statement reports, gathered from the build."""

    built: dt.date
    tools: Mapping[str, str] = field(default_factory=dict)  # npm package → version
    tested: dt.date | None = None
    results: Sequence[CheckResult] = ()
    contact: str | None = None  # an address where readers report problems


def read_facts(root: Path, *, contact: str | None, today: dt.date | None = None) -> StatementFacts:
    """The facts for the statement of the guide in ``root`` (missing files give fewer facts)."""
    tools: dict[str, str] = {}
    lock = root / "package-lock.json"
    if lock.is_file():
        packages = json.loads(lock.read_text("utf-8")).get("packages", {})
        for name in TOOLS:
            version = packages.get(f"node_modules/{name}", {}).get("version")
            if version:
                tools[name] = str(version)
    tested: dt.date | None = None
    results: list[CheckResult] = []
    results_file = root / RESULTS_FILE
    if results_file.is_file():
        try:
            data = json.loads(results_file.read_text("utf-8"))
            tested = dt.date.fromisoformat(str(data["date"]))
            results = [CheckResult(str(c["name"]), int(c["checked"]), int(c["problems"])) for c in data["checks"]]
        except (ValueError, KeyError, TypeError):
            tested, results = None, []
    return StatementFacts(dt.date.today() if today is None else today, tools, tested, results, contact)


def dutch_date(day: dt.date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


_CHECK_LABELS = {
    "axe": "axe-core: pagina's van elke soort, op 1280 en 390 pixels breed",
    "html": "Nu Html Checker: alle pagina's van de site",
    "pdf": "PDF/UA-kenmerken: alle PDF's",
}


def statement_page(facts: StatementFacts) -> str:
    """The accessibility statement (Dutch) as Markdown."""
    axe = facts.tools.get("axe-core")
    vnu = facts.tools.get("vnu-jar")
    lighthouse = facts.tools.get("lighthouse")
    if facts.tested is not None and facts.results:
        rows = "\n".join(f"| {_CHECK_LABELS.get(r.name, r.name)} | {r.checked} | {r.problems} |" for r in facts.results)
        last = (
            f"De laatste testronde was op **{dutch_date(facts.tested)}**. Uitkomst:\n\n"
            f"| Controle | Gecontroleerd | Gevonden problemen |\n| --- | ---: | ---: |\n{rows}\n"
        )
    else:
        last = (
            f"Deze versie van de site is gebouwd op **{dutch_date(facts.built)}**. Een nieuwe versie "
            "wordt alleen gepubliceerd als alle automatische controles hierboven slagen.\n"
        )
    contact = (
        f"Meld het via [de lijst met meldingen van de gids]({facts.contact}): beschrijf wat er misgaat "
        "en op welke pagina of in welke PDF."
        if facts.contact
        else "Meld het bij de redactie van de gids: beschrijf wat er misgaat en op welke pagina of in welke PDF."
    )
    version = {name: f" {v}" if v else "" for name, v in (("axe", axe), ("vnu", vnu), ("lh", lighthouse))}
    return f"""---
title: Toegankelijkheid
description: Toegankelijkheidsverklaring van de wijkengids – norm, hoe we testen, bekende beperkingen en contact.
---

# Toegankelijkheidsverklaring

De wijkengids wil voor iedereen bruikbaar zijn, ook voor wie slecht ziet, een schermlezer
gebruikt of de site alleen met het toetsenbord bedient. Deze verklaring geldt voor deze
website en voor de PDF's die erop staan.

## Norm

De site en de PDF's moeten voldoen aan de **Web Content Accessibility Guidelines (WCAG) 2.1,
niveau AA**. Dat is de norm die de Europese standaard **EN 301 549** voor websites vraagt en
die Nederlandse overheden moeten halen.

## Hoe we testen

Elke wijziging van de gids gaat door dezelfde automatische controles voordat ze online komt:

- **axe-core{version["axe"]}** controleert in een echte browser (Chromium) een pagina van elke
  soort (start, hoofdstuk, les, dilemma, praktijkvoorbeeld, citaat, thema, plaats, organisatie,
  bron, overzicht, deze verklaring) op 1280 en op 390 pixels breed, ook met het zoekvak open.
- De **Nu Html Checker{version["vnu"]}** controleert de HTML van alle pagina's op fouten.
- De **PDF's** zijn gemaakt als PDF/UA-1 (getagd, met taal en titel); de tests controleren die
  kenmerken in elke PDF.
- **Lighthouse{version["lh"]}** meet toegankelijkheid, vindbaarheid en goede praktijken op vijf
  soorten pagina's.

{last}
## Bekende beperkingen

- Automatische controles vinden niet alle problemen. De site is nog niet door een
  deskundige of door gebruikers met een beperking met de hand getest.
- Zoeken werkt met JavaScript. Zonder JavaScript leidt het zoekvak naar de overzichten van
  thema's, plaatsen en lessen, maar zoekt het niet in de tekst.
- De PDF's zijn niet met een schermlezer getest; wie een pagina liever hoort of vergroot,
  gebruikt de webpagina.
- De gids verwijst naar bronnen op andere websites. Die vallen niet onder deze verklaring.

## Contact

Loopt u tegen een probleem aan, of is iets niet te gebruiken? {contact}
"""
