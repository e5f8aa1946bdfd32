"""`Parser`: text in, `ParseResult` out (concerns, crisis, preferences). Never logs the text."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from spacy.tokens import Doc

from nlp.components.concerns import SPAN_KEY
from nlp.components.risk import risk_detector
from nlp.components.tokens import token_views
from nlp.components.words import words_of
from nlp.language import written_in
from nlp.normalize import MAX_ANALYSED_CHARS, clean_text, crisis_chunks, without_repeats
from nlp.pipeline import build_pipeline
from nlp.resources import load_data
from nlp.result import Concern, Crisis, ParseResult, Preferences

log = logging.getLogger(__name__)

MODEL_ENV = "FIRSTSTEP_SPACY_MODEL"
MAX_VOCAB_STRINGS = 200_000
"""spaCy's string store grows with every new word seen; past this the pipeline is rebuilt."""


class Parser:
    """The firststep parser: one loaded pipeline, safe to call from several threads."""

    def __init__(self, model: str | None = None, *, second_opinion: bool = True) -> None:
        self.model = model
        self.second_opinion = second_opinion
        self._lock = threading.Lock()
        self.nlp, self.pipeline_name = build_pipeline(model, second_opinion=second_opinion)
        data = load_data("concerns.json")
        self._weak_families = {k: frozenset(v) for k, v in data["weak_families"].items()}
        self._recovery_covers = {
            code: tuple(covers) for code, covers in data.get("recovery_covers", {}).items()
        }
        self._drug_hints = {
            code: frozenset(words) for code, words in data.get("drug_hints", {}).items()
        }
        """Words that name the drug of an unnamed one ("narcan": "my son uses" is opioids)."""
        self._subsumed_by = {
            code: frozenset(by) for code, by in data.get("subsumed_by", {}).items()
        }
        """Codes a stronger one covers for the same person (the low moods of bipolar)."""
        self._anything_else = frozenset(k for k, v in self._weak_families.items() if "*" in v)
        """Weak families that count only when nothing else is named for anyone ("vague" low
        mood, a "fellowship" name)."""
        log.info("parser loaded: %s", self.pipeline_name)

    def parse(self, text: str) -> ParseResult:
        """Understand one message. Any text is fine: empty, huge, emoji, control characters."""
        return next(self.parse_many([text]))

    def parse_many(self, texts: Iterable[str]) -> Iterator[ParseResult]:
        """Understand many messages in order, one at a time (a generator: nothing is kept)."""
        cleaned = (without_repeats(clean_text(t)) if isinstance(t, str) else "" for t in texts)
        for full in cleaned:
            head = _head(full)
            with self._lock:
                doc = self.nlp(head)
                crisis: Crisis | None = doc._.fs_crisis
                if (crisis is None or crisis.level != "clear") and len(head) < len(full):
                    crisis = _most_urgent(crisis, self._crisis_in(full, len(head)))
                self._refresh_if_big()
            yield self._result(doc, crisis)

    def check_crisis(self, text: str) -> Crisis | None:
        """Only the crisis check over all of `text` (cheap: run before flood control)."""
        full = without_repeats(clean_text(text)) if isinstance(text, str) else ""
        with self._lock:
            found = self._crisis_in(full, 0) if full else None
            self._refresh_if_big()
        return found

    def _crisis_in(self, full: str, start: int) -> Crisis | None:
        """The crisis check alone over `full[start:]`, in pieces the pipeline can read."""
        spelling = self.nlp.get_pipe("firststep_spelling")
        detector = risk_detector(self.nlp)
        found: Crisis | None = None
        for chunk in crisis_chunks(full, start):
            found = _most_urgent(found, detector.check(spelling(self.nlp.make_doc(chunk))))
            if found is not None and found.level == "clear":
                break
        return found

    def _refresh_if_big(self) -> None:
        """Rebuild the pipeline when its string store has grown too much (bounded memory)."""
        if len(self.nlp.vocab.strings) > MAX_VOCAB_STRINGS:
            self.nlp, self.pipeline_name = build_pipeline(
                self.model, second_opinion=self.second_opinion
            )
            log.info("parser pipeline rebuilt to bound memory")

    def _result(self, doc: Doc, crisis: Crisis | None) -> ParseResult:
        """Turn an annotated document into the contract's result."""
        prefs = doc._.fs_preferences or {}
        return ParseResult(
            concerns=self._concerns(doc),
            crisis=crisis,
            signals=list(doc._.fs_signals or []),
            written_in=written_in(words_of(doc).words),
            preferences=Preferences(**prefs),
        )

    def _name_the_drug(self, doc: Doc, found: list[_Mention]) -> list[_Mention]:
        """A use that names no drug ("using", "clean 2 yrs") takes the drug a hint word names
        ("narcan": opioids) or, failing one, the one drug a news or work story in the message is
        about ("read about the fentanyl deaths... my nephew used for years")."""
        words = {t.lower for t in token_views(doc)}  # made once, not new spaCy tokens
        named = [code for code, hints in self._drug_hints.items() if words & hints]
        topics = {
            span.label_
            for span in doc.spans.get(SPAN_KEY, [])
            if span._.fs_topic and span.label_ in NAMED_DRUGS
        }
        if not named and len(topics) == 1:
            named = sorted(topics)
        if not named:
            return found
        return [
            m._replace(code=named[0]) if m.code == "other_drugs" and m.weak in UNNAMED_DRUG else m
            for m in found
        ]

    def _concerns(self, doc: Doc) -> list[Concern]:
        """Affirmed concerns, weak evidence dropped when stronger evidence exists, merged."""
        found: list[_Mention] = []
        for span in doc.spans.get(SPAN_KEY, []):
            hypothetical = bool(span._.fs_hypothetical)
            if span._.fs_negated:
                if span._.fs_transfer_family:
                    found.append(
                        _Mention(
                            span.label_, "family", "current", span.text, span._.fs_weak, False, True
                        )
                    )
                continue
            whos = [span._.fs_experiencer] + (["family"] if span._.fs_both else [])
            for who in whos:
                mention = _Mention(
                    span.label_,
                    who,
                    span._.fs_status,
                    span.text,
                    span._.fs_weak,
                    hypothetical,
                    bool(span._.fs_current_said),
                )
                found.append(mention)
        found = self._name_the_drug(doc, found)
        strong = {(m.code, m.who) for m in found if m.weak is None and not m.hypothetical}
        named = {(m.code, m.who, m.weak) for m in found if not m.hypothetical}
        codes_of: dict[str, set[str]] = {}
        for m in found:
            codes_of.setdefault(m.who, set()).add(m.code)
        generic_named = {
            who
            for code, who, weak in named
            if weak in ("drugs", "pills", "smoke") and code in self._weak_families["generic"]
        }
        others = {m.weak for m in found if not m.hypothetical}
        topical = any(span._.fs_topic for span in doc.spans.get(SPAN_KEY, []))
        kept = [
            m
            for m in found
            if not (m.weak in self._anything_else and others - {m.weak})
            and not (m.weak == "fellowship" and topical)  # "a thesis on fentanyl deaths... NA"
            and not (m.weak and any((o, m.who) in strong for o in self._weak_families[m.weak]))
            and not (m.weak == "generic" and m.who in generic_named)
            and not (m.weak == "alone" and codes_of[m.who] - {m.code})
            and not any((o, m.who) in strong for o in self._subsumed_by.get(m.code, ()))
        ]  # "using" for someone whose drug is named: the named drug says more
        merged: dict[tuple[str, str], list[_Mention]] = {}
        for m in kept:
            merged.setdefault((m.code, m.who), []).append(m)
        concerns = []
        recovered = {
            (code, m.who)
            for m in found
            if m.status == "past" and not m.hypothetical
            for code in self._recovery_covers.get(m.code, (m.code,))
        }  # "6 yrs sober now", "3 yrs clean": the person's recovery from what they name
        for (code, who), mentions in merged.items():
            real = [m for m in mentions if not m.hypothetical] or mentions
            status = (
                "current"
                if any(
                    m.status == "current" and (m.current_said or (code, who) not in recovered)
                    for m in real
                )
                else "past"
            )
            concerns.append(Concern(code, who, status, real[0].evidence))  # type: ignore[arg-type]
        return concerns


NAMED_DRUGS = frozenset(["opioids", "stimulants", "cannabis"])
"""Drugs a news or work story may name for a loved one's use that names none."""
UNNAMED_DRUG = frozenset(["generic", "alone", "drugs"])
"""Weak families of a drug use that names no drug ("using", "clean 3 years", "drugs")."""


class _Mention(NamedTuple):
    """One concern span, before merging."""

    code: str
    who: str
    status: str
    evidence: str
    weak: str | None
    hypothetical: bool
    current_said: bool
    """A word said it is current ("still", "again"), not only the lack of a past one."""


def _most_urgent(a: Crisis | None, b: Crisis | None) -> Crisis | None:
    """The more urgent of two crises (a clear one before a possible one; the first on a tie)."""
    if a is None or (b is not None and a.level != "clear" and b.level == "clear"):
        return b
    return a


def _head(text: str) -> str:
    """The first MAX_ANALYSED_CHARS characters, cut at a space when there is one."""
    if len(text) <= MAX_ANALYSED_CHARS:
        return text
    cut = text.rfind(" ", MAX_ANALYSED_CHARS // 2, MAX_ANALYSED_CHARS)
    return text[: cut if cut > 0 else MAX_ANALYSED_CHARS]


def load_parser(model: str | None = None) -> Parser:
    """Load the parser: `model` (or $FIRSTSTEP_SPACY_MODEL) if installed, else blank English."""
    return Parser(model if model is not None else os.environ.get(MODEL_ENV) or None)


__all__ = ["Parser", "load_parser"]
