"""The parser's data files (term lists and rules), read with importlib.resources."""

from __future__ import annotations

import gzip
import json
from importlib.resources import files
from typing import Any


def load_data(name: str) -> dict[str, Any]:
    """A fresh copy of one JSON data file in `nlp/data/` (callers may change their copy)."""
    text = files("nlp").joinpath("data", name).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def data_names(names: list[str]) -> list[str]:
    """Data file names with every "folder/*.json" replaced by the JSON files of that folder."""
    out: list[str] = []
    for name in names:
        folder, _, pattern = name.rpartition("/")
        if pattern != "*.json":
            out.append(name)
            continue
        found = files("nlp").joinpath("data", folder).iterdir()
        out.extend(sorted(f"{folder}/{p.name}" for p in found if p.name.endswith(".json")))
    return out


def load_word_list(name: str) -> frozenset[str]:
    """The words of a gzip-compressed word list in `nlp/data/` (one a line, "#" comments)."""
    raw = files("nlp").joinpath("data", name).read_bytes()
    lines = gzip.decompress(raw).decode("utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def expand_lists(value: Any, lists: dict[str, list[str]]) -> Any:
    """Replace every "$NAME" string in a token pattern by the list `lists[NAME]`."""
    if isinstance(value, str) and value.startswith("$") and value[1:] in lists:
        return list(lists[value[1:]])
    if isinstance(value, list):
        return [expand_lists(v, lists) for v in value]
    if isinstance(value, dict):
        return {k: expand_lists(v, lists) for k, v in value.items()}
    return value
