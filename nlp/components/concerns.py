"""`firststep_concerns`: finds concern mentions (terms, slang, fellowship names) as spans."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from nlp.components.gated import GatedMatcher
from nlp.resources import expand_lists, load_data

SPAN_KEY = "firststep_concerns"
MAX_MENTIONS_PER_CODE = 16
"""Mentions of one code kept per message, in the order written: a message merges its mentions of a
code into one concern, and a 4,096-character repetition must not cost hundreds of them."""

for _name, _default in (
    ("fs_weak", None),
    ("fs_status", "current"),
    ("fs_experiencer", "self"),
    ("fs_self_only", False),
    ("fs_negated", False),
    ("fs_transfer_family", False),
    ("fs_both", False),
    ("fs_hypothetical", False),
    ("fs_current_said", False),
    ("fs_topic", False),
):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=_default)


class ConcernFinder:
    """Marks every concern term in a document; the context component then qualifies them."""

    def __init__(self, nlp: Language, data: dict[str, Any]) -> None:
        lists = data.get("lists", {})
        self.entries: list[dict[str, Any]] = []
        self.phrases = PhraseMatcher(nlp.vocab, attr="NORM")
        self.matcher = GatedMatcher(nlp.vocab)
        self.ignore = GatedMatcher(nlp.vocab)
        self.weak_families: dict[str, frozenset[str]] = {
            k: frozenset(v) for k, v in data.get("weak_families", {}).items()
        }
        for entry in data["terms"]:
            key = self._add_entry(entry)
            docs = [nlp.make_doc(term) for term in entry["terms"]]
            self.phrases.add(key, docs)
        for entry in data.get("patterns", []):
            key = self._add_entry(entry)
            self.matcher.add(key, [expand_lists(entry["pattern"], lists)])
        self.ignore_codes: dict[str, frozenset[str] | None] = {}
        for i, entry in enumerate(data.get("ignore", [])):
            pattern = entry["pattern"] if isinstance(entry, dict) else entry
            codes = entry.get("codes") if isinstance(entry, dict) else None
            self.ignore_codes[f"ignore{i}"] = frozenset(codes) if codes else None
            self.ignore.add(f"ignore{i}", [expand_lists(pattern, lists)])

    def _add_entry(self, entry: dict[str, Any]) -> str:
        """Remember an entry's metadata; its index is the match key."""
        self.entries.append(
            {
                "code": entry["code"],
                "weak": entry.get("family", "generic") if entry.get("weak") else None,
                "status": entry.get("status", "current"),
                "experiencer": entry.get("experiencer", "self"),
                "self_only": bool(entry.get("self_only", False)),
            }
        )
        return f"concern{len(self.entries) - 1}"

    def __call__(self, doc: Doc) -> Doc:
        """Add the concern spans to `doc.spans[SPAN_KEY]` (linear in the message's length)."""
        ignored = sorted(
            ((s, e, self.ignore_codes[doc.vocab.strings[m]]) for m, s, e in self.ignore(doc)),
            key=lambda i: (i[0], i[1]),
        )
        ignored_starts = [s for s, _, _ in ignored]
        longest_ignored = max((e - s for s, e, _ in ignored), default=0)
        candidates: list[tuple[int, int, dict[str, Any]]] = []
        for match_id, start, end in [*self.phrases(doc), *self.matcher(doc)]:
            key = doc.vocab.strings[match_id]
            entry = self.entries[int(key.removeprefix("concern"))]
            lo = bisect_left(ignored_starts, start - longest_ignored)
            hi = bisect_left(ignored_starts, end)
            if any(
                start < e
                and not (start <= s and e <= end)
                and (codes is None or entry["code"] in codes)
                for s, e, codes in ignored[lo:hi]
            ):
                continue  # an everyday sense ("ice cream"), unless the match is the larger phrase
            candidates.append((start, end, entry))
        per_code: Counter[str] = Counter()
        kept: list[tuple[int, int, dict[str, Any]]] = []
        for start, end, entry in _longest_first(candidates):
            per_code[entry["code"]] += 1
            if per_code[entry["code"]] <= MAX_MENTIONS_PER_CODE:
                kept.append((start, end, entry))
        time_code = _fellowship_code(kept)
        spans: list[Span] = []
        for start, end, entry in kept:
            code = entry["code"]
            if (
                time_code is not None
                and code == "other_drugs"
                and entry["weak"] in RECOVERY_TIME_FAMILIES
                and any(t.lower_ in CLEAN_WORDS for t in doc[start:end])
            ):
                code = time_code  # "Cocaine Anonymous... 3 months clean": stimulants
            span = Span(doc, start, end, label=code)
            span._.fs_weak = entry["weak"]
            span._.fs_status = entry["status"]
            span._.fs_experiencer = entry["experiencer"]
            span._.fs_self_only = entry["self_only"]
            spans.append(span)
        doc.spans[SPAN_KEY] = spans
        return doc


RECOVERY_TIME_FAMILIES = frozenset(["alone", "generic"])
"""Weak families of a time clean that names no concern ("3 months clean")."""
CLEAN_WORDS = frozenset(["clean", "limpio", "limpia"])


def _fellowship_code(kept: list[tuple[int, int, dict[str, Any]]]) -> str | None:
    """The concern of the one fellowship a message names, if it names one (not NA's other_drugs):
    a time clean that names nothing ("3 months clean") is a recovery from it ("Cocaine
    Anonymous... 3 months clean": stimulants; "Gamblers Anonymous... 5 year clean": gambling)."""
    named = {entry["code"] for _, _, entry in kept if entry["weak"] == "fellowship"}
    if len(named) != 1 or "other_drugs" in named:
        return None
    return next(iter(named))


def _longest_first(
    candidates: list[tuple[int, int, dict[str, Any]]],
) -> list[tuple[int, int, dict[str, Any]]]:
    """Non-overlapping matches, longer ones first, then earlier ones (as spaCy's filter_spans),
    returned in document order."""
    last: dict[tuple[int, int, str], dict[str, Any]] = {}
    for start, end, entry in candidates:
        last[(start, end, entry["code"])] = entry  # the same words matched twice: the later entry
    unique = [(start, end, entry) for (start, end, _), entry in last.items()]
    ordered = sorted(unique, key=lambda c: (-(c[1] - c[0]), c[0]))
    taken: set[int] = set()
    kept = []
    for start, end, entry in ordered:
        if not taken.intersection(range(start, end)):
            kept.append((start, end, entry))
            taken.update(range(start, end))
    return sorted(kept, key=lambda c: c[0])


@Language.factory("firststep_concerns", default_config={"data": "concerns.json"})
def make_concerns(nlp: Language, name: str, data: str) -> ConcernFinder:
    """Build the concern finder from its data file."""
    return ConcernFinder(nlp, load_data(data))
