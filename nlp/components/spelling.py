"""`firststep_spelling`: typo tolerance by correcting token norms to the parser's vocabulary."""

from __future__ import annotations

import re
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import OSA
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc

from nlp.components.tokens import CACHE_KEY, view
from nlp.components.words import fold
from nlp.language import written_in
from nlp.resources import data_names, load_data, load_word_list

_TRIPLE = re.compile(r"([^\W\d_])\1{2,}")
_COUNT = re.compile(r"\d+x")
_SPANISH_VERB_ENDINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("aron", ("ar",)), ("ieron", ("er", "ir")), ("aban", ("ar",)), ("aba", ("ar",)),
    ("ando", ("ar",)), ("iendo", ("er", "ir")), ("aste", ("ar",)), ("iste", ("er", "ir")),
    ("amos", ("ar",)), ("emos", ("er",)), ("imos", ("ir",)), ("ara", ("ar",)),
    ("iera", ("er", "ir")),
    ("ado", ("ar",)), ("ada", ("ar",)), ("ido", ("er", "ir")), ("ida", ("er", "ir")),
    ("an", ("ar",)), ("en", ("er", "ir")),
)  # fmt: skip
"""Spanish verb endings and the infinitive endings they come from (regular verbs)."""
_SPANISH_VERB_ENDINGS += tuple(
    (infinitive + clitic, (infinitive,))
    for infinitive in ("ar", "er", "ir")
    for clitic in ("me", "te", "se", "lo", "la", "le", "nos", "los", "las", "les")
)
"""And an infinitive with a pronoun on it ("relajarme" is no typo of "rajarme")."""
_ELIDED: tuple[tuple[str, str], ...] = (("aos", "ados"), ("ao", "ado"), ("ío", "ido"))
"""Spoken Spanish participles without their "d" (Andalusia, the Caribbean, Chile) and in full
(not "-á" for "-ada", which is also the voseo imperative: "tomá", "aguantá")."""
_LEET = (
    str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}),
    str.maketrans({"0": "o", "1": "l", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}),
)
_TO_BEFORE = frozenset(
    {"want", "wanna", "wants", "going", "gon", "gonna", "need", "needs", "trying", "try", "ready",
     "plan", "planning", "deserve", "hope"}
)  # fmt: skip
_IS_SUBJECTS = frozenset(
    {
        "he",
        "she",
        "it",
        "that",
        "there",
        "what",
        "who",
        "where",
        "here",
        "tonight",
        "today",
        "everything",
        "everyone",
        "nobody",
        "life",
    }
)
_WORD = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*")


def _strings(value: Any) -> list[str]:
    """Every string anywhere inside a JSON value (keys of dicts included)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    if isinstance(value, dict):
        return [s for k, v in value.items() if k != "about" for s in (k, *_strings(v))]
    return []


def build_vocabulary(files: list[str], extra: list[str]) -> set[str]:
    """The domain words: every word written in the given data files, plus `extra`."""
    words = {w.lower() for w in extra}
    for name in files:
        data = load_data(name)
        for text in _strings({k: v for k, v in data.items() if k != "about"}):
            if len(text) > 60 and " " in text and "\\" in text:
                continue  # a regular expression: its words are listed in its keys
            words.update(w.lower() for w in _WORD.findall(text))
    return words


def build_targets(files: list[str], extra: list[str]) -> set[str]:
    """The words a typo may be corrected to: the one-word terms of the data files, plus `extra`.

    Words that only occur inside phrases ("getting wasted") are known but are no targets, so a
    real word one letter away ("wanted") is never turned into them.
    """
    words = {w.lower() for w in extra}
    for name in files:
        data = load_data(name)
        for text in _strings({k: v for k, v in data.items() if k != "about"}):
            if _WORD.fullmatch(text):
                words.add(text.lower())
    return words


class SpellingCorrector:
    """Sets `token.norm_` of a misspelt domain word to the word (per document, never globally)."""

    def __init__(
        self,
        *,
        min_length: int,
        long_length: int,
        vocabulary: set[str],
        targets: set[str],
        protected: set[str] | frozenset[str],
        norms: dict[str, str],
        norms_by_language: dict[str, dict[str, str]] | None = None,
    ) -> None:
        self.min_length = min_length
        self.long_length = long_length
        self.vocabulary = frozenset(vocabulary)
        self.protected = frozenset(protected) | frozenset(STOP_WORDS)
        self.targets = frozenset(targets)
        self.norms = dict(norms)
        self.norms_by_language = {k: dict(v) for k, v in (norms_by_language or {}).items()}
        """Texting forms read only in a message of that language ("q", "d", "m" in Spanish:
        "que", "de", "me"; in English "m" is a metre and "d" a grade)."""
        buckets: dict[str, list[str]] = {}
        for word in sorted(targets):
            if len(word) >= min_length - 1 and word.isalpha():
                buckets.setdefault(word[0], []).append(word)
        self.buckets = {k: tuple(v) for k, v in buckets.items()}

    def correct(self, word: str) -> str | None:
        """The vocabulary word that `word` is a typo of, or None."""
        if word in self.vocabulary or word in self.protected or not word.isascii():
            return None  # a word with accents is Spanish (or another language), not an English typo
        if _TRIPLE.search(word):
            return self._squeeze(word)
        if not word.isalpha():
            return self._unleet(word)
        return self._nearest(word)

    def _known(self, word: str) -> bool:
        """A word of the domain or of ordinary English, or a Spanish verb form of a known verb
        ("quedaron" is not a typo of "quemaron": the word list holds "quedar", not every form)."""
        return (
            word in self.vocabulary
            or word in self.protected
            or word in self.targets
            or any(
                word.endswith(ending) and word[: -len(ending)] + verb in self.protected
                for ending, verbs in _SPANISH_VERB_ENDINGS
                for verb in verbs
            )
        )

    def _unelided(self, word: str) -> str | None:
        """A Spanish participle said with its "d" dropped ("me he tomao", "quemaos", "perdío"),
        written out where the full form is a word and the short one is not."""
        for short, full in _ELIDED:
            if word.endswith(short) and len(word) > len(short):
                whole = word[: -len(short)] + full
                if not self._known(fold(word)) and self._known(fold(whole)):
                    return whole
        return None

    def _squeeze(self, word: str) -> str | None:
        """ "dieeee" -> "die", "helllp" -> "help": letters repeated for emphasis."""
        for candidate in (_TRIPLE.sub(r"\1", word), _TRIPLE.sub(r"\1\1", word)):
            if self._known(candidate):
                return candidate
        return self._nearest(_TRIPLE.sub(r"\1\1", word))

    def _unleet(self, word: str) -> str | None:
        """ "k1ll", "mys3lf": digits written for letters."""
        if not (any(c.isdigit() for c in word) and any(c.isalpha() for c in word)):
            return None
        if _COUNT.fullmatch(word):
            return None  # "3x this week", "2x a day": a count, not "ex"
        for table in _LEET:
            candidate = word.translate(table)
            if candidate.isalpha() and self._known(candidate):
                return candidate
        return None

    def _nearest(self, word: str) -> str | None:
        """The target word within the allowed edits, or None."""
        if len(word) < self.min_length or not word.isalpha() or self._known(word):
            return None
        candidates = self.buckets.get(word[0])
        if not candidates:
            return None
        limit = 1 if len(word) < self.long_length else 2
        found = process.extractOne(word, candidates, scorer=OSA.distance, score_cutoff=limit)
        if not found:
            return None
        fixed: str = found[0]
        if word.startswith(fixed) and len(word) - len(fixed) >= 2:
            return None  # a derived word ("friendly", "drinkers"), not a typo
        return fixed

    def __call__(self, doc: Doc) -> Doc:
        """Correct the norms of one document (and cache the token views for later components)."""
        previous = ""
        views = []
        tokens = list(doc)  # spaCy makes a new Token object at each pass over a Doc
        language = written_in([fold(t.text) for t in tokens]) if self.norms_by_language else None
        local = self.norms_by_language.get(language or "", {})
        for token in tokens:
            lower = token.lower_
            if lower in local:
                token.norm_ = local[lower]
            elif lower in self.norms:
                token.norm_ = self.norms[lower]
            elif language == "es" and (full := self._unelided(lower)) is not None:
                token.norm_ = full
            elif lower == "m" and previous == "i":
                token.norm_ = "am"
            elif lower == "2" and previous in _TO_BEFORE:
                token.norm_ = "to"  # "want 2 die"
            elif lower in ("'s", "s") and previous in _IS_SUBJECTS:
                token.norm_ = "is"  # "she's not breathing": "is", not a possessive
            else:
                fixed = self.correct(lower)
                if fixed is not None:
                    token.norm_ = fixed
            previous = lower
            views.append(view(token))
        doc.user_data[CACHE_KEY] = views
        return doc


@Language.factory(
    "firststep_spelling",
    default_config={"data": "spelling.json"},
)
def make_spelling(nlp: Language, name: str, data: str) -> SpellingCorrector:
    """Build the typo corrector from its data file."""
    cfg = load_data(data)
    names = data_names(cfg["vocabulary_files"])
    vocabulary = build_vocabulary(names, cfg["extra_vocabulary"])
    return SpellingCorrector(
        min_length=int(cfg["min_length"]),
        long_length=int(cfg["long_length"]),
        vocabulary=vocabulary,
        targets=build_targets(names, cfg["extra_vocabulary"]),
        protected={w.lower() for w in cfg["protected"]}.union(
            *(load_word_list(name) for name in cfg["word_lists"])
        ),
        norms=cfg.get("norms", {}),
        norms_by_language=cfg.get("norms_by_language", {}),
    )
