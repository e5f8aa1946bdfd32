"""The message as normalised words, for matching lexicons with spaCy's matchers.

After the spelling component, a token's norm is lower case with contractions and texting forms
written out ("don't" -> "do" "not", "rn" -> "right now", "wanna" -> "want to"). A norm of several
words gives several words here, accents are removed ("tomé" -> "tome", people often leave them
out), and every word keeps the index of the token it came from. The words make a `Doc` of their
own, so `PhraseMatcher` and `Matcher` patterns are written as people's words, not as tokens.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from spacy.tokens import Doc
from spacy.vocab import Vocab

from nlp.components.tokens import TokenView, token_views

CACHE_KEY = "fs_words"
SENTENCE_BREAKS = frozenset({".", "!", "?", ";", "\n", "¿", "¡"})
LONGEST_SENTENCE = 60
"""A run of more words than this without a sentence break is cut (text with no punctuation at
all would otherwise be one sentence, and a sentence's modifiers reach all of it)."""


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """`word` in lower case without accents ("Tomé" -> "tome"); "ñ" stays."""
    decomposed = unicodedata.normalize("NFD", word.lower().replace("ñ", "\0"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.replace("\0", "ñ")


@lru_cache(maxsize=65536)
def _parts(norm: str) -> tuple[str, ...]:
    """The folded words of a token's norm, made once per norm: a message's words repeat, and on
    2026-12-07 folding them anew (a generator and a list a token) was most of the 59 us a message
    that `Words` took on bench/parse.py messages."""
    folded = (fold(p) for p in norm.split(" ") if p)
    return tuple(f for f in folded if f)  # a lone combining mark folds to nothing


_NEWLINE: tuple[str, ...] = ("\n",)


class Words:
    """The normalised words of a document, with the token and the sentence of each."""

    def __init__(self, vocab: Vocab, views: list[TokenView]) -> None:
        words: list[str] = []
        self.token_of: list[int] = []
        self.quoted: list[tuple[int, int]] = []
        """Word ranges [start, end) that stood between quotation marks (set by the risk
        component, which reads the words without the marks)."""
        self.sentence_of: list[int] = []
        sentence, length = 0, 0
        token_of, sentence_of = self.token_of, self.sentence_of
        for i, token in enumerate(views):
            if token.newline:
                parts = _NEWLINE
            elif not token.text.strip():
                continue
            else:
                parts = _parts(token.norm)
                if not parts:
                    continue
            count = len(parts)
            words.extend(parts)
            token_of.extend((i,) * count)
            sentence_of.extend((sentence,) * count)
            length += count
            if parts[-1] in SENTENCE_BREAKS or length >= LONGEST_SENTENCE:
                sentence, length = sentence + 1, 0
        self.words = words
        self.forms = frozenset(words)
        self.doc = Doc(vocab, words=words)

    def __len__(self) -> int:
        return len(self.words)

    def tokens(self, start: int, end: int) -> tuple[int, int]:
        """The token range [first, last) that words [start, end) came from."""
        return self.token_of[start], self.token_of[max(start, end - 1)] + 1


def words_of(doc: Doc) -> Words:
    """The words of `doc`, made once (after the spelling component) and kept on the doc."""
    cached = doc.user_data.get(CACHE_KEY)
    if not isinstance(cached, Words):
        cached = Words(doc.vocab, token_views(doc))
        doc.user_data[CACHE_KEY] = cached
    return cached
