"""The concern codes, one registry: `nlp/data/concern_codes.json` (reference: shared/taxonomy.md).

Everything else is derived from it: the parse contract's code lists (`nlp.result`), the words the
bot says to a person (`bot.strings.TOPIC_NAMES`) and about a group (`directory.wording`), the
directory's validation. The words are English msgids, extracted for translators by
`i18n.extract.extract_concern_words` and read in the current locale through `i18n.translate`.
Which fellowships serve a code is said in `directory/data/fellowships.json`; the patterns that
find a code in `nlp/data/concerns.json`. tests/nlp/test_concern_codes.py checks that every code
has its words (English and Spanish), its fellowships, its patterns and examples that parse to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from i18n import _
from nlp.resources import load_data

Kind = Literal["substance", "mental_health"]


@dataclass(frozen=True, slots=True)
class ConcernCode:
    """One code of the taxonomy and what the project says about it."""

    code: str
    kind: Kind
    topic: str
    """What the bot calls it to a person ("drinking"), marked for translation."""
    group_words: str
    """How a group for it is described ("for alcohol"), marked for translation."""
    examples: dict[str, tuple[str, ...]]
    """What a person may say, by language code; each parses to this code."""


def _load() -> dict[str, ConcernCode]:
    rows = load_data("concern_codes.json")["codes"]
    return {
        row["code"]: ConcernCode(
            code=row["code"],
            kind=row["kind"],
            topic=_(row["topic"]),
            group_words=_(row["group_words"]),
            examples={lang: tuple(texts) for lang, texts in row["examples"].items()},
        )
        for row in rows
    }


REGISTRY: dict[str, ConcernCode] = _load()
CONCERN_CODES: tuple[str, ...] = tuple(REGISTRY)
SUBSTANCE_CODES: frozenset[str] = frozenset(
    code for code, entry in REGISTRY.items() if entry.kind == "substance"
)
MENTAL_HEALTH_CODES: frozenset[str] = frozenset(CONCERN_CODES) - SUBSTANCE_CODES
TOPIC_NAMES: dict[str, str] = {code: entry.topic for code, entry in REGISTRY.items()}
GROUP_WORDS: dict[str, str] = {code: entry.group_words for code, entry in REGISTRY.items()}
