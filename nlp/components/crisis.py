"""`firststep_crisis`: suicide, self-harm, overdose and violence, checked before anything else."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc

from nlp.components.tokens import token_views
from nlp.resources import load_data

if not Doc.has_extension("fs_crisis"):
    Doc.set_extension("fs_crisis", default=None)

SHORT_KEY = 3
"""Keys of up to this many characters must be a whole word; longer keys may start a word."""
_SENTENCE_END = re.compile(r" (?:[.!?]+|\n+) ")


def _without_negative_lookarounds(regex: str) -> str:
    """`regex` with its `(?!...)` and `(?<!...)` groups cut out (their words are not needed)."""
    out, i = [], 0
    while True:
        j = min((k for k in (regex.find("(?!", i), regex.find("(?<!", i)) if k >= 0), default=-1)
        if j < 0:
            return "".join([*out, regex[i:]])
        out.append(regex[i:j])
        depth, k = 0, j
        while k < len(regex):
            depth += {"(": 1, ")": -1}.get(regex[k], 0)
            if depth == 0:
                break
            k += 1
        i = k + 1


def literal_words(regex: str) -> frozenset[str]:
    """The words written in a regular expression (escapes removed; stop words left out).

    Added to a rule's keys so that a rule is never skipped for want of a key: every branch of
    every rule names at least one such word.
    """
    text = _without_negative_lookarounds(re.sub(r"\\.", " ", regex))
    return frozenset(
        w for w in re.findall(r"[^\W\d_]+", text.lower()) if len(w) >= 3 and w not in STOP_WORDS
    )


@dataclass(frozen=True, slots=True)
class CrisisRule:
    """One crisis rule: a pattern over the normalised text, run only when a key word occurs."""

    kind: str
    keys: frozenset[str]
    pattern: re.Pattern[str]
    negatable: bool
    means_only: bool = False


class NormText:
    """The document as token norms joined by single spaces, with a map back to tokens."""

    def __init__(self, doc: Doc) -> None:
        parts: list[str] = []
        self.starts: list[int] = []
        pos = 0
        for token in token_views(doc):
            norm = "\n" if token.newline else token.norm
            self.starts.append(pos)
            parts.append(norm)
            pos += len(norm) + 1
        self.text = " ".join(parts)
        self.words = frozenset(w for p in parts for w in p.split(" "))

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        """The tokens [first, last) covering characters [start, end) of the text."""
        first = max(0, bisect_right(self.starts, start) - 1)
        last = max(first + 1, bisect_right(self.starts, max(start, end - 1)))
        return first, last


class CrisisDetector:
    """Finds a crisis in progress or intended; dismisses figures of speech, grief and safety."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.rules = [
            CrisisRule(
                r["kind"],
                frozenset(r["keys"]) | literal_words(r["regex"]),
                re.compile(r["regex"]),
                r["negatable"],
                bool(r.get("means", False)),
            )
            for r in data["rules"]
        ]
        self.exact: dict[str, set[int]] = {}
        self.prefixes: dict[str, set[int]] = {}
        for index, rule in enumerate(self.rules):
            for key in rule.keys:
                table = self.exact if len(key) <= SHORT_KEY else self.prefixes
                table.setdefault(key, set()).add(index)
        self.longest = max((len(k) for k in self.prefixes), default=0)
        self.dismiss = [re.compile(p) for p in data["dismiss"]]
        self.negation_before = re.compile(data["negation_before"])
        self.past_markers = re.compile(data["past_markers"])
        self.present_markers = re.compile(data["present_markers"])
        self.priority = {kind: i for i, kind in enumerate(data["priority"])}

    def check(self, doc: Doc) -> tuple[str, str] | None:
        """The most urgent crisis (kind, evidence) in `doc`, or None."""
        norm = NormText(doc)
        found: list[tuple[bool, int, int, str, str]] = []
        dismissed: list[tuple[int, int]] | None = None
        for index in self._candidate_rules(norm.words):
            rule = self.rules[index]
            for match in rule.pattern.finditer(norm.text):
                start, end = match.span()
                if dismissed is None:
                    dismissed = [m.span() for p in self.dismiss for m in p.finditer(norm.text)]
                if any(s < end and start < e for s, e in dismissed):
                    continue
                if rule.negatable and self.negation_before.search(
                    norm.text[max(0, start - 40) : start]
                ):
                    continue
                if self._is_past(norm.text, start, end):
                    continue
                first, last = norm.token_range(start, end)
                evidence = doc[first:last].text
                rank = self.priority.get(rule.kind, 99)
                found.append((rule.means_only, rank, index, rule.kind, evidence))
                break
        if not found:
            return None
        _, _, _, kind, evidence = min(found)  # means alone ("a gun") yields to what is said
        return kind, evidence

    def _candidate_rules(self, words: frozenset[str]) -> list[int]:
        """The rules one of whose keys is a word of the text (or, for long keys, starts one)."""
        found: set[int] = set()
        for word in words:
            found.update(self.exact.get(word, ()))
            for length in range(SHORT_KEY + 1, min(len(word), self.longest) + 1):
                found.update(self.prefixes.get(word[:length], ()))
        return sorted(found)

    def _is_past(self, text: str, start: int, end: int) -> bool:
        """A match in a sentence that speaks of the past and not of now is a past episode."""
        left = 0
        for m in _SENTENCE_END.finditer(text, 0, start):
            left = m.end()
        right_match = _SENTENCE_END.search(text, end)
        right = right_match.start() if right_match else len(text)
        sentence = text[left:right]
        if self.present_markers.search(sentence):
            return False
        if self.past_markers.search(sentence):
            return True
        # "Is suicidal ideation a reason to go? I had it in the past": the next sentence says when
        following = _SENTENCE_END.search(text, right + 1) if right_match else None
        after = text[right : following.start() if following else len(text)]
        return bool(self.past_markers.search(after)) and not self.present_markers.search(after)

    def __call__(self, doc: Doc) -> Doc:
        """Set `doc._.fs_crisis` to (kind, evidence) or None."""
        doc._.fs_crisis = self.check(doc)
        return doc


@Language.factory("firststep_crisis", default_config={"data": "crisis.json"})
def make_crisis(nlp: Language, name: str, data: str) -> CrisisDetector:
    """Build the crisis detector from its data file."""
    return CrisisDetector(load_data(data))
