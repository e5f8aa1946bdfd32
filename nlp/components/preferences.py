"""`firststep_preferences`: format, approach, audience, language, days, time, place, medication."""

from __future__ import annotations

import re
from typing import Any

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from nlp.components.concerns import SPAN_KEY as CONCERN_SPANS
from nlp.components.gated import GatedMatcher
from nlp.components.tokens import TokenView, token_views
from nlp.resources import load_data

if not Doc.has_extension("fs_preferences"):
    Doc.set_extension("fs_preferences", default=None)

_PLACE_PREFIXES = frozenset(
    [
        "new",
        "san",
        "santa",
        "los",
        "las",
        "st",
        "saint",
        "fort",
        "ft",
        "el",
        "la",
        "port",
        "north",
        "south",
        "east",
        "west",
        "mount",
        "mt",
        "lake",
        "palm",
        "salt",
        "grand",
        "little",
        "big",
        "upper",
        "lower",
    ]
)
_CONNECTORS = frozenset({"de", "del", "la", "upon", "on", "under", "le", "of"})
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri"]
DAY_ORDER = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
_US_ZIP = re.compile(
    r"(?<![\d$£€.,])\b\d{5}(?:-\d{4})?\b(?![.,]?\d)"
    r"(?! ?(?:dollars|bucks|usd|k\b|\$|pounds|euros|people|times|miles|steps|calories|mg))"
)
_UK_POSTCODE = re.compile(r"\b(?:[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}|GIR ?0AA)\b", re.IGNORECASE)
_CA_POSTCODE = re.compile(
    r"\b[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d\b", re.IGNORECASE
)
_CLOCK = re.compile(
    r"\b(\d{1,2})(?:[:.](\d{2}))? ?(am|pm|a\.m\.|p\.m\.)(?!\w)|\b([01]?\d|2[0-3]):([0-5]\d)\b",
    re.IGNORECASE,
)


class PreferenceFinder:
    """Reads the person's wishes about the group from one message."""

    def __init__(self, nlp: Language, data: dict[str, Any], places: list[str]) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="NORM")
        self.labels: dict[str, tuple[str, Any]] = {}

        def add(label: str, field: str, value: Any, terms: list[str]) -> None:
            """Register the terms that give `field` = `value`."""
            self.labels[label] = (field, value)
            self.matcher.add(label, [nlp.make_doc(t) for t in terms])

        for value, terms in data["format"].items():
            add(f"format:{value}", "format", value, terms)
        for value, terms in data["approach"].items():
            add(f"approach:{value}", "approach", value, terms)
        for value, terms in data["audience"].items():
            add(f"audience:{value}", "audience", value, terms)
        for name, code in data["languages"].items():
            add(f"language:{name}", "language", code, [name])
        for name, days in data["days"].items():
            add(f"days:{name}", "days", days, [name])
        for value, terms in data["time_of_day"].items():
            add(f"time:{value}", "time_of_day", value, terms)
        add("medication", "medication", True, data["medication"])
        self.ignore = GatedMatcher(nlp.vocab)
        for i, pattern in enumerate([*data["audience_ignore"], *data.get("format_ignore", [])]):
            self.ignore.add(f"ignore{i}", [pattern])
        self.request_cues = frozenset(data.get("request_cues", []))
        self.day_abbreviations: dict[str, str] = data["day_abbreviations"]
        self.day_negators = frozenset(data["day_negators"])
        self.time_negators = frozenset(data["time_negators"])
        self.med_negators = frozenset(data["medication_negators"])
        self.language_ignore_next = frozenset(data["language_ignore_next"])
        self.spanish_words = frozenset(data["spanish_words"])
        self.spanish_only = frozenset(data["spanish_not_english"])
        self.location_preps = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.location_preps.add("prep", [nlp.make_doc(p) for p in data["location_preps"]])
        self.location_stop = frozenset(data["location_stop"])
        self.places = frozenset(places)
        self.format_negators = frozenset(data["format_negators"])
        self.negations = frozenset(
            {"not", "no", "never", "without", "nothing", "none", "n't", "sin", "ni"}
        )

    def _negated(self, doc: Doc, start: int, words: frozenset[str], window: int = 3) -> bool:
        """Whether one of `words` is among the `window` tokens before `start` (same clause)."""
        views = token_views(doc)
        for token in reversed(views[max(0, start - window) : start]):
            if token.punct:
                return False
            if token.norm in words or token.lower in words:
                return True
        return False

    def __call__(self, doc: Doc) -> Doc:
        """Set `doc._.fs_preferences` to a dict of the taxonomy's preference fields."""
        prefs: dict[str, Any] = {
            "format": None, "approach": None, "audience": [], "language": None,
            "days": [], "time_of_day": None, "location": None, "medication": False,
        }  # fmt: skip
        ignored = {i for _, s, e in self.ignore(doc) for i in range(s, e)}
        views = token_views(doc)
        concern_tokens = {
            i for span in doc.spans.get(CONCERN_SPANS, []) for i in range(span.start, span.end)
        }
        secular = spiritual = False
        days: set[str] = set()
        excluded: set[str] = set()
        formats: set[str] = set()
        for match_id, start, end in sorted(self.matcher(doc), key=lambda m: (m[1], -m[2])):
            field, value = self.labels[doc.vocab.strings[match_id]]
            if ignored.intersection(range(start, end)):
                continue
            if field in ("days", "time_of_day", "format") and self._habit(
                views, start, end, concern_tokens
            ):
                continue  # "coke at weekends", "drinks every evening": a habit, not a wish
            negated = self._negated(doc, start, self.negations, window=5)
            if field == "format":
                if self._negated(doc, start, self.format_negators, window=5):
                    value = "in_person" if value == "online" else "online"
                formats.add(value)
            elif field == "approach":
                if value == "secular" or negated:
                    secular = True
                else:
                    spiritual = True
            elif field == "audience":
                if value not in prefs["audience"] and not negated:
                    prefs["audience"].append(value)
            elif field == "language":
                nxt = doc[end].norm_ if end < len(doc) else ""
                if nxt not in self.language_ignore_next and not negated:
                    prefs["language"] = prefs["language"] or value
            elif field == "days":
                if not self._negated(doc, start, self.day_negators):
                    days.update(value)
                elif len(value) == 1:
                    excluded.update(value)
                if set(value) == set(WEEKDAYS) and "night" in doc[start:end].text.lower():
                    prefs["time_of_day"] = prefs["time_of_day"] or "evening"
            elif field == "time_of_day":
                if not self._negated(doc, start, self.time_negators, window=2):
                    prefs["time_of_day"] = prefs["time_of_day"] or value
            elif field == "medication" and not self._negated(doc, start, self.med_negators):
                prefs["medication"] = True
        if len(formats) == 1:
            prefs["format"] = formats.pop()  # both named ("online or in person"): no preference
        text = doc.text
        days.update(self._day_abbreviations(views))
        prefs["days"] = [d for d in DAY_ORDER if d in days - excluded]
        if secular:
            prefs["approach"] = "secular"
        elif spiritual:
            prefs["approach"] = "spiritual"
        if prefs["time_of_day"] is None:
            prefs["time_of_day"] = self._clock_time(text)
        if prefs["language"] is None and self._written_in_spanish(views):
            prefs["language"] = "es"
        prefs["location"] = self._location(doc, views, text)
        doc._.fs_preferences = prefs
        return doc

    def _habit(
        self, views: list[TokenView], start: int, end: int, concern_tokens: set[int]
    ) -> bool:
        """Whether a day, time or format mention says when or how the person (or someone close)
        uses, not what they ask of a group: its clause states a concern ("i drink pretty much
        every weekend") and says nothing of meeting or of when the person can go (no word of
        asking: "meetings on weekends", "I can only go on Saturdays" are wishes)."""
        if not concern_tokens.intersection(range(start - CLAUSE_REACH, end + CLAUSE_REACH)):
            return False  # no concern near: the common case, decided without the clause
        lo, hi = start, end
        while lo > 0 and start - lo < CLAUSE_REACH and not _ends_clause(views[lo - 1]):
            lo -= 1
        while hi < len(views) and hi - end < CLAUSE_REACH and not _ends_clause(views[hi]):
            hi += 1
        if not concern_tokens.intersection(range(lo, hi)):
            return False  # the concern is in another clause
        clause = " " + " ".join(t.lower for t in views[lo : min(len(views), hi + 1)]) + " "
        return not any(f" {cue} " in clause for cue in self.request_cues)

    def _day_abbreviations(self, views: list[TokenView]) -> set[str]:
        """ "Sat", "Tues", "thurs": capitalised, or next to another day or a time."""
        found: set[str] = set()
        shouting = bool(views) and views[0].upper
        for i, token in enumerate(views):
            day = self.day_abbreviations.get(token.lower.rstrip("."))
            if day is None:
                continue
            context = any(
                j != i
                and (
                    t.lower.rstrip(".") in self.day_abbreviations
                    or t.like_num
                    or t.lower in ("or", "/", "&")
                )
                for j, t in enumerate(views[max(0, i - 2) : i + 3], start=max(0, i - 2))
            )
            if token.title or (token.upper and len(views) > 1 and not shouting) or context:
                if token.lower in ("sun", "sat", "wed") and not context and i == 0:
                    continue
                found.add(day)
        return found

    def _known_place(self, doc: Doc, views: list[TokenView], start: int) -> str | None:
        """A known city or state written in lower case ("im in detroit", "near san diego")."""
        for size in (3, 2, 1):
            words = views[start : start + size]
            if (
                len(words) == size
                and all(w.alpha for w in words)
                and " ".join(w.lower for w in words) in self.places
            ):
                return doc[start : start + size].text
        return None

    def _place_name(self, doc: Doc, start: int, shouting: bool) -> str | None:
        """Capitalised words from `start` ("San Antonio", "Stratford-upon-Avon", "St. Louis")."""
        words: list[int] = []
        for token in doc[start : start + 6]:
            capital = (
                token.is_upper and token.is_alpha
                if shouting
                else (token.is_title or (token.is_upper and len(token) > 1))
            )
            if token.text in ("St.", "St", "Ft.", "Mt.") or (capital and token.is_alpha):
                if token.lower_ in self.location_stop:
                    break
                words.append(token.i)
            elif words and (token.text in ("-", "'s") or token.lower_ in _CONNECTORS):
                words.append(token.i)
            else:
                break
        while words and (doc[words[-1]].lower_ in _CONNECTORS or doc[words[-1]].is_punct):
            words.pop()
        if not words:
            return None
        if shouting and doc[words[0]].lower_ not in _PLACE_PREFIXES:
            words = words[:1]  # ALL CAPS: every word looks like a name; keep the first
        return doc[words[0] : words[-1] + 1].text

    @staticmethod
    def _clock_time(text: str) -> str | None:
        """ "7pm", "10:30 am", "19:00" as a time of day."""
        for m in _CLOCK.finditer(text):
            if m.group(1):
                hour = int(m.group(1)) % 12
                if m.group(3).lower().startswith("p"):
                    hour += 12
            else:
                hour = int(m.group(4))
            if hour < 12:
                return "morning"
            return "afternoon" if hour < 17 else "evening"
        return None

    def _written_in_spanish(self, views: list[TokenView]) -> bool:
        """A message mostly in Spanish (common Spanish words that are not English)."""
        words = [t.lower for t in views if t.alpha]
        if len(words) < 3:
            return any(w in self.spanish_only and len(w) > 3 for w in words)  # "Tengo depresión"
        spanish = sum(w in self.spanish_words for w in words)
        only = sum(w in self.spanish_only for w in words)
        return only >= 2 and spanish / len(words) >= 0.25

    def _location(self, doc: Doc, views: list[TokenView], text: str) -> str | None:
        """A postal code, or a capitalised place name after "in", "near", "around"..."""
        for pattern in (_CA_POSTCODE, _UK_POSTCODE, _US_ZIP):
            m = pattern.search(text)
            if m:
                return m.group(0)
        alpha = [t.upper for t in views if t.alpha]
        shouting = sum(alpha) > 0.6 * max(1, len(alpha))
        for _, _start, end in self.location_preps(doc):
            name = self._place_name(doc, end, shouting) or self._known_place(doc, views, end)
            if name:
                return name
        return None


CLAUSE_REACH = 12
"""How far a clause is read around a day or format mention (tokens)."""


def _ends_clause(token: TokenView) -> bool:
    """Punctuation, or "but", that ends a clause."""
    return token.text in (".", ",", "!", ";", ":") or token.lower in ("but", "pero")


@Language.factory(
    "firststep_preferences", default_config={"data": "preferences.json", "places": "places.json"}
)
def make_preferences(nlp: Language, name: str, data: str, places: str) -> PreferenceFinder:
    """Build the preference finder from its data file (and keep "Wed" one token, not "We'd")."""
    cfg = load_data(data)
    tokenizer = nlp.tokenizer
    if isinstance(tokenizer, Tokenizer):
        for case in cfg.get("tokenizer_special_cases", []):
            tokenizer.add_special_case(case, [{ORTH: case}])
    return PreferenceFinder(nlp, cfg, load_data(places)["places"])
