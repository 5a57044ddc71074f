"""Reporters: the only place where problems become text."""

from __future__ import annotations

from collections.abc import Sequence

from .problems import Problem


def format_text(problem: Problem) -> str:
    """``lessons/x.md:14:3: examples[2]: onbekende id … [unknown-id]``."""
    where = problem.path
    if problem.line:
        where += f":{problem.line}"
        if problem.column:
            where += f":{problem.column}"
    label = "" if problem.is_error else "waarschuwing: "
    field = f"{problem.field}: " if problem.field else ""
    return f"{where}: {label}{field}{problem.message} [{problem.code}]"


def _escape_github(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def format_github(problem: Problem) -> str:
    """A GitHub Actions workflow command: the message appears on the file's line."""
    level = "error" if problem.is_error else "warning"
    props = [f"file={_escape_github(problem.path, prop=True)}"]
    if problem.line:
        props.append(f"line={problem.line}")
        if problem.column:
            props.append(f"col={problem.column}")
    props.append(f"title={_escape_github('wijkengids ' + problem.code, prop=True)}")
    field = f"{problem.field}: " if problem.field else ""
    return f"::{level} {','.join(props)}::{_escape_github(field + problem.message)}"


def format_json(problems: Sequence[Problem], files: int) -> str:
    import json  # only for --format json

    return json.dumps(
        {
            "files": files,
            "errors": sum(p.is_error for p in problems),
            "warnings": sum(not p.is_error for p in problems),
            "problems": [
                {
                    "path": p.path,
                    "line": p.line,
                    "column": p.column,
                    "code": p.code,
                    "severity": p.severity.value,
                    "field": p.field,
                    "message": p.message,
                }
                for p in problems
            ],
        },
        ensure_ascii=False,
        indent=2,
    )


def summary(problems: Sequence[Problem], files: int) -> str:
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    checked = f"{files} {'bestand' if files == 1 else 'bestanden'} nagekeken"
    if not errors and not warnings:
        return f"{checked}: geen problemen."
    parts = []
    if errors:
        parts.append(f"{errors} {'fout' if errors == 1 else 'fouten'}")
    if warnings:
        parts.append(f"{warnings} {'waarschuwing' if warnings == 1 else 'waarschuwingen'}")
    return f"{checked}: {' en '.join(parts)}."
