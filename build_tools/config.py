"""Project settings: the ``[tool.wijkengids]`` table of the guide's ``pyproject.toml``.

Only settings an editorial team may want to change live here; everything else is
the record model. Today that is one: after how many days a record whose
``reviewed`` date has not moved is reported as stale::

    [tool.wijkengids]
    stale_after_days = 730

A ``--stale-after`` option on the command line wins over the file.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from .language.settings import LanguageSettings
from .pipeline import DEFAULT_STALE_AFTER_DAYS

CONFIG_FILE = "pyproject.toml"
TABLE = "wijkengids"


class ConfigError(ValueError):
    """The project settings cannot be used; the message says what to fix (Dutch)."""


@dataclass(frozen=True)
class Settings:
    stale_after_days: int = DEFAULT_STALE_AFTER_DAYS
    #: The plain-language warnings, when ``language = true`` (off by default).
    language: LanguageSettings | None = None


#: The plain-language settings (``build_tools/language/``) and what each must be.
_LANGUAGE_KEYS: dict[str, tuple[type | tuple[type, ...], str]] = {
    "language": (bool, "true of false (de taalcontroles aan of uit)"),
    "max_sentence_words": (int, "een geheel aantal woorden (1 of meer)"),
    "min_readability": ((int, float), "een getal (de Flesch-Douma-score)"),
    "readability_min_words": (int, "een geheel aantal woorden (1 of meer)"),
    "spelling": (bool, "true of false"),
    "dictionary": (str, "het pad van het woordenboek zonder .dic/.aff"),
}


def _language(table: dict[str, object], name: str) -> LanguageSettings | None:
    values: dict[str, object] = {}
    for key, (kind, what) in _LANGUAGE_KEYS.items():
        if key not in table:
            continue
        value = table[key]
        wrong = not isinstance(value, kind) or (kind is not bool and isinstance(value, bool))
        if not wrong and kind is int and isinstance(value, int) and value < 1:
            wrong = True
        if wrong:
            raise ConfigError(f"{name}: [tool.{TABLE}] {key} moet {what} zijn, niet {value!r}.")
        values[key] = float(value) if key == "min_readability" else value  # type: ignore[arg-type]
    if not values.pop("language", False):
        return None
    return LanguageSettings(**values)  # type: ignore[arg-type]


def find_config(start: Path) -> Path | None:
    """The nearest ``pyproject.toml`` at or above ``start``."""
    for folder in (start.resolve(), *start.resolve().parents):
        candidate = folder / CONFIG_FILE
        if candidate.is_file():
            return candidate
    return None


def load_settings(start: Path) -> Settings:
    """The settings for the guide at ``start``; defaults when there is no ``[tool.wijkengids]``."""
    path = find_config(start)
    if path is None:
        return Settings()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path.name} kan niet gelezen worden: {exc}") from exc
    table = data.get("tool", {}).get(TABLE, {})
    if not isinstance(table, dict):
        raise ConfigError(f"{path.name}: [tool.{TABLE}] moet een tabel zijn.")
    unknown = sorted(set(table) - {"stale_after_days", *_LANGUAGE_KEYS})
    if unknown:
        raise ConfigError(f"{path.name}: [tool.{TABLE}] kent geen instelling {', '.join(map(repr, unknown))}.")
    days = table.get("stale_after_days", DEFAULT_STALE_AFTER_DAYS)
    return Settings(
        stale_after_days=valid_stale_after_days(days, f"{path.name}: [tool.{TABLE}]"),
        language=_language(table, path.name),
    )


def valid_stale_after_days(days: object, where: str) -> int:
    """``days`` if it is a whole number of days, 1 or more; else a :class:`ConfigError` naming ``where``.

    The one rule for the setting, wherever it is given (pyproject.toml, mkdocs.yml).
    """
    if isinstance(days, bool) or not isinstance(days, int) or days < 1:
        raise ConfigError(f"{where} stale_after_days moet een geheel aantal dagen zijn (1 of meer), niet {days!r}.")
    return days
