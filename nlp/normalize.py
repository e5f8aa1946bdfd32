"""Making any text safe to analyse: control characters, odd spaces, and a bounded length."""

from __future__ import annotations

import re
import unicodedata

MAX_ANALYSED_CHARS = 5000
"""The full pipeline reads at most this many characters (a Telegram message is at most 4,096);
the crisis check reads everything."""

CRISIS_CHUNK_CHARS = 5000
CRISIS_CHUNK_OVERLAP = 200

_CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]"
)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u3000]+")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"'})
_REPEAT = re.compile(r"(.)\1{3,}")
KEEP_REPEATS = 2
"""A run of words said more often than this is read only this many times."""
SHINGLE = 6
"""The length of the runs of words compared for repetition."""
COMPACT_FROM = 600
"""Messages shorter than this are read as they are."""


def clean_text(text: str) -> str:
    """Normalise Unicode, drop control characters, unify quotes and collapse runs of spaces."""
    text = unicodedata.normalize("NFC", text)
    text = _CONTROL.sub(" ", text).translate(_QUOTES)
    text = _REPEAT.sub(r"\1\1\1", text)
    return _SPACES.sub(" ", text).strip()


def without_repeats(text: str) -> str:
    """`text` with repetition taken out: a word is left out when the `SHINGLE` words ending with
    it were already said `KEEP_REPEATS` times. What a message says is unchanged (every phrase is
    still read, twice at most), ordinary text loses nothing, and an adversarial message of the
    same words again and again costs no more than reading them twice. Linear in the text."""
    if len(text) < COMPACT_FROM:
        return text
    words = text.split(" ")
    keys = [w.lower() for w in words]
    seen: dict[tuple[str, ...], int] = {}
    kept: list[str] = []
    for i, word in enumerate(words):
        if i + 1 >= SHINGLE:
            shingle = tuple(keys[i + 1 - SHINGLE : i + 1])
            seen[shingle] = seen.get(shingle, 0) + 1
            if seen[shingle] > KEEP_REPEATS:
                continue
        kept.append(word)
    return " ".join(kept)


def crisis_chunks(text: str, start: int) -> list[str]:
    """Overlapping pieces of `text[start:]`, so the crisis check can read all of a long message."""
    chunks: list[str] = []
    step = CRISIS_CHUNK_CHARS - CRISIS_CHUNK_OVERLAP
    pos = max(0, start - CRISIS_CHUNK_OVERLAP)
    while pos < len(text):
        chunks.append(text[pos : pos + CRISIS_CHUNK_CHARS])
        pos += step
    return chunks
