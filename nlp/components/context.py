"""`firststep_context`: ConText-style negation, family experiencer and past status for concerns."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from nlp.components.concerns import SPAN_KEY
from nlp.components.gated import GatedMatcher
from nlp.components.tokens import TokenView, token_views
from nlp.resources import expand_lists, load_data


@dataclass(frozen=True, slots=True)
class Trigger:
    """One trigger found in a document."""

    category: str
    direction: str
    max_scope: int
    start: int
    end: int


def _first_word(norm: str) -> str:
    """The first word of a (possibly multi-word) token norm."""
    return norm.split(" ", 1)[0]


class ContextAnnotator:
    """Qualifies concern spans: negated, family experiencer, past or current."""

    def __init__(self, nlp: Language, data: dict[str, Any], lists: dict[str, list[str]]) -> None:
        self.specs: list[dict[str, Any]] = []
        self.phrases = PhraseMatcher(nlp.vocab, attr="NORM")
        self.matcher = GatedMatcher(nlp.vocab)
        for spec in data["triggers"]:
            key = f"trigger{len(self.specs)}"
            self.specs.append(
                {
                    "category": spec["category"],
                    "direction": spec["direction"],
                    "max_scope": int(spec["max_scope"]),
                    "unless_prev": frozenset(spec.get("unless_prev", [])),
                    "unless_next": frozenset(spec.get("unless_next", [])),
                }
            )
            if spec.get("terms"):
                self.phrases.add(key, [nlp.make_doc(t) for t in spec["terms"]])
            if spec.get("patterns"):
                self.matcher.add(key, expand_lists(spec["patterns"], lists))
        terms = data["terminators"]
        categories = {spec["category"] for spec in data["triggers"]}
        self.terminators: dict[str, PhraseMatcher] = {}
        for category in sorted(categories):
            extra = terms.get(category, [])
            matcher = PhraseMatcher(nlp.vocab, attr="NORM")
            words = [*terms["all"], *(extra if isinstance(extra, list) else [])]
            matcher.add("stop", [nlp.make_doc(w) for w in words])
            self.terminators[category] = matcher
        self.comma_terminates = frozenset(data.get("comma_terminates", []))
        self.never_past = frozenset(data.get("never_past", []))
        self.bare_family = frozenset(data.get("bare_family_nouns", []))
        self.bare_scope = 12
        self.transfer_verbs = frozenset(data.get("transfer_verbs", []))
        self.sentence_breaks = frozenset(data.get("sentence_breaks", [".", "!", "?"]))

    def find_triggers(self, doc: Doc) -> list[Trigger]:
        """All triggers in `doc`, with pseudo-triggers and guarded ones removed."""
        found: list[Trigger] = []
        for match_id, start, end in [*self.phrases(doc), *self.matcher(doc)]:
            spec = self.specs[int(doc.vocab.strings[match_id].removeprefix("trigger"))]
            prev = _first_word(doc[start - 1].norm_) if start > 0 else ""
            nxt = _first_word(doc[end].norm_) if end < len(doc) else ""
            if prev in spec["unless_prev"] or nxt in spec["unless_next"]:
                continue
            found.append(
                Trigger(spec["category"], spec["direction"], spec["max_scope"], start, end)
            )
        found.extend(self._bare_family_nouns(doc))
        hypothetical = [t for t in found if t.category == "hypothetical"]
        found = [
            t
            for t in found
            if t.category != "relapse"
            or not any(h.end <= t.start <= h.end + h.max_scope + 2 for h in hypothetical)
        ]  # "the thought of drinking again": no relapse
        pseudo = [t for t in found if t.category == "negated_pseudo"]
        kept = []
        for t in found:
            if t.category == "negated_pseudo":
                continue
            if t.category == "negated" and any(
                p.start <= t.start and t.end <= p.end for p in pseudo
            ):
                continue
            if any(
                o.category == t.category
                and o.direction == t.direction
                and o is not t
                and o.start <= t.start
                and t.end <= o.end
                and (o.end - o.start) > (t.end - t.start)
                for o in found
            ):
                continue
            kept.append(t)
        return kept

    def _bare_family_nouns(self, doc: Doc) -> list[Trigger]:
        """ "Daughter struggling with anorexia": a loved one named first in a clause, no "my"."""
        views = token_views(doc)
        return [
            Trigger("family", "forward", self.bare_scope, i, i + 1)
            for i, token in enumerate(views)
            if (token.lower in self.bare_family or token.norm in self.bare_family)
            and (i == 0 or views[i - 1].punct)
        ]

    def __call__(self, doc: Doc) -> Doc:
        """Set negation, experiencer and status on every concern span."""
        spans = list(doc.spans.get(SPAN_KEY, []))
        if not spans:
            return doc
        triggers = self.find_triggers(doc)
        starts = {s.start for s in spans}
        views = token_views(doc)
        all_commas = [i for i, t in enumerate(views) if t.text == ","]
        list_commas = [i for i in all_commas if i + 1 not in starts]  # "don't drink, smoke or"
        stops: dict[str, list[int]] = {}
        for category, matcher in self.terminators.items():
            positions = sorted({s for _, s, _ in matcher(doc)})
            if category in self.comma_terminates:
                commas = list_commas if category == "negated" else all_commas
                positions = sorted({*positions, *commas})
            stops[category] = positions
        default_stops: list[int] = []
        sentence = self._sentence_ids(views)
        for span in spans:
            self._qualify(doc, span, triggers, stops, default_stops, sentence)
        return doc

    def _sentence_ids(self, views: list[TokenView]) -> list[int]:
        """A sentence number for every token (split at sentence punctuation and newlines)."""
        ids, current = [], 0
        for token in views:
            ids.append(current)
            if token.norm in self.sentence_breaks or token.newline:
                current += 1
        return ids

    @staticmethod
    def _blocked(positions: list[int], lo: int, hi: int) -> bool:
        """Whether a terminator starts in the token range [lo, hi)."""
        i = bisect_left(positions, lo)
        return i < len(positions) and positions[i] < hi

    def _applies(self, t: Trigger, span: Span, stops: list[int]) -> bool:
        """Whether trigger `t` reaches concern `span` (direction, scope, no terminator between)."""
        if t.start < span.end and span.start < t.end:
            return t.category != "negated"  # "things that aren't there" is not negated
        if t.direction in ("forward", "bidirectional") and span.start >= t.end:
            gap = span.start - t.end
            if gap <= t.max_scope and not self._blocked(stops, t.end, span.start):
                return True
        if t.direction in ("backward", "bidirectional") and span.end <= t.start:
            gap = t.start - span.end
            if gap <= t.max_scope and not self._blocked(stops, span.end, t.start):
                return True
        return False

    def _qualify(self, doc: Doc, span: Span, triggers: list[Trigger], stops: dict[str, list[int]],
                 default_stops: list[int], sentence: list[int]) -> None:  # fmt: skip
        """Decide negation, experiencer and status for one concern."""

        def hits(category: str) -> list[Trigger]:
            """The triggers of one category that reach this concern."""
            cat_stops = stops.get(category, default_stops)
            return [
                t
                for t in triggers
                if t.category == category
                and (category != "relapse" or sentence[t.start] == sentence[span.start])
                and self._applies(t, span, cat_stops if category != "relapse" else [])
            ]

        negated = bool(hits("negated"))
        past = bool(hits("past")) or (negated and bool(hits("past_if_negated")))
        if negated and past:
            negated = False  # "I don't drink anymore", "no weed for 30 days": in recovery
        if negated and hits("self_affirm"):
            negated = False  # "nobody in my family uses drugs but I do"
        if not negated and hits("other_person") and not hits("family"):
            negated = True  # "a guy at work overdosed": nobody the person is close to
        span._.fs_negated = negated
        if negated:
            span._.fs_transfer_family = self._transfers(doc, span, triggers, sentence)
        if span._.fs_experiencer != "family" and not span._.fs_self_only:
            family = hits("family")
            inside = any(t.start < span.end and span.start < t.end for t in family)
            if hits("both"):
                span._.fs_both = True
            elif family and (inside or not hits("own")):
                span._.fs_experiencer = "family"  # but "worried about my drinking" is the person's
        span._.fs_hypothetical = bool(hits("hypothetical"))
        if span.label_ in self.never_past or (hits("relapse") and not span._.fs_hypothetical):
            span._.fs_status = "current"
        elif span._.fs_status != "past" and past and not hits("current"):
            span._.fs_status = "past"

    def _transfers(
        self, doc: Doc, span: Span, triggers: list[Trigger], sentence: list[int]
    ) -> bool:
        """ "I don't gamble, my dad does": a negated concern that a loved one has instead."""
        for t in triggers:
            if t.category != "family" or t.start < span.end:
                continue
            if sentence[t.start] != sentence[span.start]:
                continue
            following = [_first_word(tok.norm_) for tok in doc[t.end : t.end + 2]]
            if any(word in self.transfer_verbs for word in following):
                return True
        return False


@Language.factory(
    "firststep_context",
    default_config={"data": "context.json", "lists": "concerns.json"},
)
def make_context(nlp: Language, name: str, data: str, lists: str) -> ContextAnnotator:
    """Build the ConText annotator from its data file (lists shared with the concern lexicon)."""
    return ContextAnnotator(nlp, load_data(data), load_data(lists).get("lists", {}))
