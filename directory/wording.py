"""Every word the matcher says about a group, in one table (the bot shows these as they are).

Each is wrapped in `_()`: read from outside (`wording.REASONS`) it comes out in the current
locale (see i18n); the functions here translate what they read themselves.
"""

from __future__ import annotations

from i18n import _, translate, translate_module
from nlp import concern_codes

REASONS: dict[str, str] = {
    "concern": _("for {concerns}"),
    "family": _("for family and friends"),
    "dual": _("for both mental health and substance use"),
    "secular": _("secular"),
    "twelve-step": _("a twelve-step group"),
    "faith-based": _("faith-based"),
    "audience": _("{audience}"),
    "language": _("in {language}"),
    "days_time": _("{day} {time}"),
    "days": _("on {day}"),
    "time": _("{time}"),
    "medication": _("welcomes people on medication"),
    "online": _("online"),
    "also_online": _("you can also join online"),
    "distance": _("{km} km away"),
    "distance_near": _("less than 1 km away"),
    "newcomer_contact": _("a volunteer there can welcome you"),
    "open": _("open to anyone"),
}

CONCERN_WORDS: dict[str, str] = dict(concern_codes.GROUP_WORDS)  # the registry's words

AUDIENCE_WORDS: dict[str, str] = {
    "women": _("women only"),
    "men": _("men only"),
    "lgbtq": _("LGBTQ+"),
    "young_adults": _("for young people"),
    "veterans": _("for veterans"),
    "family": _("for family and friends"),
    "newcomers": _("for newcomers"),
    "seniors": _("for seniors"),
    "people_of_color": _("for people of color"),
    "indigenous": _("for Indigenous people"),
    "teens": _("for teenagers"),
}

# plural forms for "Tuesday evenings", "on Tuesdays"
DAY_WORDS: tuple[str, ...] = (
    _("Mondays"), _("Tuesdays"), _("Wednesdays"), _("Thursdays"), _("Fridays"), _("Saturdays"),
    _("Sundays"),
)  # fmt: skip
DAY_SINGULAR: tuple[str, ...] = (
    _("Monday"), _("Tuesday"), _("Wednesday"), _("Thursday"), _("Friday"), _("Saturday"),
    _("Sunday"),
)  # fmt: skip
AND: str = _("{first} and {last}")  # the end of a list: "alcohol, opioids and depression"
TIME_WORDS: dict[str, str] = {
    "morning": _("mornings"),
    "afternoon": _("afternoons"),
    "evening": _("evenings"),
}

LANGUAGE_NAMES: dict[str, str] = {
    "en": _("English"),
    "es": _("Spanish"),
    "fr": _("French"),
    "de": _("German"),
    "it": _("Italian"),
    "pt": _("Portuguese"),
    "pl": _("Polish"),
    "ru": _("Russian"),
    "uk": _("Ukrainian"),
    "ar": _("Arabic"),
    "zh": _("Chinese"),
    "ja": _("Japanese"),
    "ko": _("Korean"),
    "vi": _("Vietnamese"),
    "tl": _("Tagalog"),
    "hi": _("Hindi"),
    "fa": _("Persian"),
    "he": _("Hebrew"),
    "nl": _("Dutch"),
    "sv": _("Swedish"),
    "asl": _("American Sign Language"),
}

NOTES: dict[str, str] = {
    "no_concern": _(
        "Tell me a little about what is going on, so I can look for a group that fits."
    ),
    "need_place": _("Tell me a town or zip code, so I can look for meetings near you."),
    "unknown_place": _("I could not find the place {place}; try a nearby town or a zip code."),
    "nothing_fits": _(
        "I couldn't find a group that fits everything you asked for ({wishes}). "
        "These online groups are the closest."
    ),
    "nothing_fits_no_online": _(
        "I couldn't find a group that fits everything you asked for "
        "({wishes}), and no online group either."
    ),
    "nothing_in_person": _(
        "I couldn't find a group you can go to in person that fits everything "
        "you asked for ({wishes}). Online groups might fit: change what you asked to see them."
    ),
    "nothing_at_all": _("I couldn't find a group for this in the directory yet."),
    "no_more": _("That's all the groups that fit; I have no more to show."),
    "nearest_in_person": _(
        "The nearest in-person group I know for this is about {km} km away, too far to suggest."
    ),
    "none_in_person": _("I don't know an in-person group for this near you yet."),
    "online_below": _("These meet online."),
}

WISH_WORDS: dict[str, str] = {
    "in_person": _("in person"),
    "near": _("near {place}"),
    "online": _("online"),
    "secular": _("secular"),
    "medication": _("welcoming people on medication"),
}


def concern_phrase(codes: list[str]) -> str:
    """'alcohol', 'alcohol and depression', 'alcohol, opioids and depression'."""
    words = [translate(CONCERN_WORDS[c]) for c in codes]
    if len(words) <= 1:
        return "".join(words)
    return translate(AND).format(first=", ".join(words[:-1]), last=words[-1])


def language_name(code: str) -> str:
    """A language's name from its ISO 639-1 code, in the current locale (the code when unknown)."""
    return translate(LANGUAGE_NAMES.get(code.lower(), code))


translate_module(__name__)
