"""Meeting Guide type codes as data (``directory/data/meeting_guide_types.json``).

Every code of the spec's list has an entry: the group field it sets and the value (languages
as ISO 639-1 codes), or nothing, when the code is kept as it is in ``other_types``. Some
fellowships use a few codes with another meaning (12 Step Meeting List's per-program lists):
``meaning(code, fellowship)`` reads a code as that fellowship's feeds mean it.

Reading and writing are exact inverses: a code is turned into a field value, and kept in
``other_types`` as well when the value alone would not give the same code back (a variant like
``T`` or ``G`` for LGBTQ+, or the canonical code next to a variant, or ``O`` with ``C``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

Meaning = tuple[str, Any]
LIST_FIELDS = ("audience", "accessibility", "languages")


@dataclass(frozen=True, slots=True)
class TypeTable:
    """The spec's codes, their meanings, and the fellowships' own readings of some codes."""

    names: dict[str, str]  # code -> English name
    meanings: dict[str, Meaning]  # code -> (field, value)
    variants: frozenset[str]  # codes that share their value with a canonical code
    programs: dict[str, dict[str, Meaning | None]]  # fellowship name -> code -> meaning
    canonical: dict[Meaning, str]  # (field, value) -> the code an export writes for it


@cache
def type_table() -> TypeTable:
    """The table, loaded once from the package data."""
    text = (
        resources.files("directory")
        .joinpath("data", "meeting_guide_types.json")
        .read_text(encoding="utf-8")
    )
    raw = json.loads(text)
    names = {code: row["en"] for code, row in raw["types"].items()}
    meanings = {
        code: (row["set"][0], row["set"][1]) for code, row in raw["types"].items() if "set" in row
    }
    variants = frozenset(code for code, row in raw["types"].items() if row.get("variant"))
    programs = {
        fellowship: {code: (tuple(m) if m is not None else None) for code, m in codes.items()}
        for fellowship, codes in raw["programs"].items()
    }
    canonical: dict[Meaning, str] = {}
    for code, meaning in meanings.items():
        if code not in variants:
            canonical.setdefault(meaning, code)
    return TypeTable(names, meanings, variants, programs, canonical)  # type: ignore[arg-type]


def meaning(code: str, fellowship: str | None = None) -> Meaning | None:
    """What a code sets, as the fellowship's feeds mean it (None: kept as it is)."""
    table = type_table()
    own = table.programs.get(fellowship or "", {})
    if code in own:
        return own[code]
    return table.meanings.get(code)


def read_codes(codes: list[str], fields: dict[str, Any], fellowship: str | None = None) -> None:
    """Set the group fields the codes stand for; keep in other_types what a value cannot give
    back (unmapped codes, variants, a canonical code next to its variants, O next to C)."""
    table = type_table()
    seen: dict[Meaning, list[str]] = {}
    kept: list[str] = list(fields.get("other_types") or [])
    for code in codes:
        found = meaning(code, fellowship)
        if found is None:
            kept.append(code)
            continue
        seen.setdefault(found, []).append(code)
    opens = {value for (name, value) in seen if name == "open_meeting"}
    for (name, value), given in seen.items():
        own = table.programs.get(fellowship or "", {})
        plain = len(given) == 1 and table.canonical.get((name, value)) == given[0]
        plain = plain and given[0] not in own
        if name == "open_meeting" and len(opens) > 1:
            kept.extend(given)  # both open and closed: unknown, and both codes kept
            continue
        if not plain:
            kept.extend(given)
        if name in LIST_FIELDS:
            if value not in fields[name]:
                fields[name].append(value)
        else:
            fields[name] = value
    fields["other_types"] = sorted(set(kept))


def write_codes(group: Any, fellowship: str | None = None) -> list[str]:
    """The type codes of a group: its kept codes (those whose meaning it still has), and the
    canonical code of every other field value it has."""
    table = type_table()
    values: set[Meaning] = set()
    for name in LIST_FIELDS:
        values.update((name, v) for v in getattr(group, name) or [])
    for name in ("secular", "dual_diagnosis"):
        if getattr(group, name, False):
            values.add((name, True))
    if group.open_meeting is not None:
        values.add(("open_meeting", group.open_meeting))
    codes: set[str] = set()
    covered: set[Meaning] = set()
    for code in group.other_types or []:
        found = meaning(code, fellowship)
        if found is None:
            codes.add(code)
        elif found in values or found[0] == "open_meeting":
            codes.add(code)
            covered.add(found)
    for value in values - covered:
        code = table.canonical.get(value)
        if code is not None:
            codes.add(code)
    return sorted(codes)
