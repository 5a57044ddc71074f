"""Dutch queries as professionals type them, each with the records that must be in the first five results.

Kinds: ``verbuiging`` (inflection, plural/singular, verb forms), ``diakriet`` (diacritics left out),
``samenstelling`` (part of a compound), ``synoniem`` (a word from the controlled lists or search
terms, not in the title), ``naam`` (place, person or organisation), ``twee woorden`` (two or more
words), ``woord`` (a plain word of the guide).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Query:
    text: str
    expected: tuple[str, ...]  # record ids; every one must be among the first five
    kind: str


def _q(text: str, kind: str, *expected: str) -> Query:
    return Query(text, expected, kind)


QUERIES: tuple[Query, ...] = (
    # two words, the way a professional asks
    _q("vertrouwen herstellen", "twee woorden", "vertrouwen-herstellen"),
    _q("bewoners betrekken vanaf het begin", "twee woorden", "praat-vanaf-begin"),
    _q("lange adem", "twee woorden", "lange-adem"),
    _q("inwoners beslissen mee", "twee woorden", "inwoner-beslisser"),
    _q("geld van het rijk", "twee woorden", "rijksgeld-of-eigen-kracht"),
    _q("structureel geld burgemeesters", "twee woorden", "burgemeesters-structureel-geld"),
    _q("leefwereld systeemwereld", "twee woorden", "leefwereld-uitgangspunt"),
    _q("top down bottom up", "twee woorden", "top-down-of-bottom-up"),
    _q("schoon heel veilig", "twee woorden", "schoon-en-heel"),
    _q("gelijke kansen", "twee woorden", "tegen-tweedeling"),
    _q("professionals mandaat", "twee woorden", "mandaat-professionals"),
    _q("ministerie binnenlandse zaken", "twee woorden", "ministerie-bzk"),
    # inflections: singular for plural, verb for noun, and back
    _q("herstel vertrouwen", "verbuiging", "vertrouwen-herstellen"),
    _q("wijkteam", "verbuiging", "wijkteams-benutten"),
    _q("burgemeester", "verbuiging", "burgemeesters-structureel-geld"),
    _q("krachtwijk", "verbuiging", "van-krachtwijken-tot-nplv"),
    _q("leerkringen", "verbuiging", "leren-van-elkaar"),
    _q("bewonersinitiatieven", "verbuiging", "initiatieven-ondersteunen"),
    _q("gebiedstafel", "verbuiging", "gebiedstafels"),
    _q("bestuurder loslaten", "verbuiging", "loslaten"),
    _q("belofte waarmaken", "verbuiging", "beloften-waarmaken"),
    _q("samenwerkingen op wijkschaal", "verbuiging", "samenwerken-op-wijkschaal"),
    # diacritics left out
    _q("cooperatie", "diakriet", "initiatieven-ondersteunen"),
    _q("efficient", "diakriet", "niet-duur"),
    _q("continuiteit", "diakriet", "niet-stoppen"),
    _q("echte samenwerking", "diakriet", "ruimtevolk-wijkteams"),
    _q("een stem is niet genoeg", "diakriet", "meer-dan-een-stem"),
    # parts of compounds
    _q("cultuurhuis", "samenstelling", "jongerencultuurhuis-kanaleneiland"),
    _q("werkloosheid jongeren", "samenstelling", "bruggen-naar-werk"),
    _q("indicatoren beleving", "samenstelling", "belevingsindicatoren"),
    _q("springplank", "samenstelling", "perspectief-springplank"),
    _q("corporaties", "samenstelling", "wonen"),
    _q("eigenaarschap", "samenstelling", "gedeeld-eigenaarschap"),
    # synonyms and search terms from the controlled lists
    _q("wijktafel", "synoniem", "gebiedstafels"),
    _q("sociaal wijkteam", "synoniem", "wijkteams-benutten"),
    _q("buurtteam", "synoniem", "wijkteams-benutten"),
    _q("beslisruimte", "synoniem", "mandaat-professionals"),
    _q("kansengelijkheid", "synoniem", "tegen-tweedeling"),
    _q("ondermijning", "synoniem", "veiligheid"),
    _q("energietransitie", "synoniem", "duurzaamheid"),
    _q("right to challenge", "synoniem", "loslaten"),
    _q("meekoppelkans", "synoniem", "werkzaamheden-als-kans"),
    _q("quick wins", "synoniem", "resultaten-vieren"),
    _q("sociale cohesie", "synoniem", "samenleven"),
    # names of places, people and organisations
    _q("Overvecht", "naam", "overvecht"),
    _q("overvecht versnelling", "naam", "overvecht-versnelling"),
    _q("Kanaleneiland jongeren", "naam", "jongerencultuurhuis-kanaleneiland"),
    _q("Vogelwijk", "naam", "vogelbuurt"),
    _q("Jan Jans voeten in de modder", "naam", "jan-jans-voeten-in-de-modder"),
    _q("Hoograven", "naam", "hoograven"),
    _q("BZK", "naam", "ministerie-bzk"),
    _q("Vogelaarwijken", "naam", "wikipedia-vogelaarwijk"),
    _q("NPLV", "naam", "van-krachtwijken-tot-nplv"),
    # plain words of the guide
    _q("riolering", "woord", "werkzaamheden-als-kans"),
    _q("maatwerk", "woord", "verbinding-en-maatwerk"),
    _q("coproductie", "woord", "co-productie"),
    _q("corona", "woord", "rd-burgemeesters-2020"),
)
