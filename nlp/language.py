"""Which language a message is written in (English or Spanish so far), from its common words."""

from __future__ import annotations

from functools import cache

from nlp.resources import load_data


@cache
def _languages() -> tuple[int, dict[str, frozenset[str]]]:
    """The least number of telling words, and the telling words of each language."""
    data = load_data("languages.json")
    words = {code: frozenset(ws) for code, ws in data["words"].items()}
    shared = frozenset.intersection(*words.values()) if len(words) > 1 else frozenset()
    return int(data["min_words"]), {code: ws - shared for code, ws in words.items()}


def written_in(words: list[str]) -> str | None:
    """The ISO 639-1 code of the language most of `words` (folded, lower case) are in, or None
    when too few words say."""
    least, languages = _languages()
    counts = {code: sum(w in ws for w in words) for code, ws in languages.items()}
    best = max(counts, key=lambda code: counts[code])
    if counts[best] < least or list(counts.values()).count(counts[best]) > 1:
        return None
    return best
