"""Every word the matcher says about a group, in one table (the bot shows these as they are)."""

from __future__ import annotations

REASONS: dict[str, str] = {
    "concern": "for {concerns}",
    "family": "for family and friends",
    "dual": "for both mental health and substance use",
    "secular": "secular",
    "twelve-step": "a twelve-step group",
    "faith-based": "faith-based",
    "audience": "{audience}",
    "language": "in {language}",
    "days_time": "{day} {time}",
    "days": "on {day}",
    "time": "{time}",
    "medication": "welcomes people on medication",
    "online": "online",
    "also_online": "you can also join online",
    "distance": "{km} km away",
    "distance_near": "less than 1 km away",
    "newcomer_contact": "a volunteer there can welcome you",
    "open": "open to anyone",
}

CONCERN_WORDS: dict[str, str] = {
    "alcohol": "alcohol",
    "opioids": "opioids",
    "stimulants": "stimulants",
    "cannabis": "cannabis",
    "other_drugs": "drug use",
    "gambling": "gambling",
    "tobacco": "smoking and nicotine",
    "depression": "depression",
    "bipolar": "bipolar disorder",
    "anxiety": "anxiety",
    "trauma": "trauma",
    "grief": "grief and loss",
    "psychosis": "hearing voices and psychosis",
    "eating": "eating problems",
}

AUDIENCE_WORDS: dict[str, str] = {
    "women": "women only",
    "men": "men only",
    "lgbtq": "LGBTQ+",
    "young_adults": "for young people",
    "veterans": "for veterans",
    "family": "for family and friends",
    "newcomers": "for newcomers",
    "seniors": "for seniors",
    "people_of_color": "for people of color",
    "indigenous": "for Indigenous people",
    "teens": "for teenagers",
}

# plural forms for "Tuesday evenings", "on Tuesdays"
DAY_WORDS: tuple[str, ...] = (
    "Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays", "Sundays",
)  # fmt: skip
DAY_SINGULAR: tuple[str, ...] = (
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
)  # fmt: skip
TIME_WORDS: dict[str, str] = {
    "morning": "mornings",
    "afternoon": "afternoons",
    "evening": "evenings",
}

LANGUAGE_NAMES: dict[str, str] = {
    "en": "English", "es": "Spanish", "fr": "French", "de": "German", "it": "Italian",
    "pt": "Portuguese", "pl": "Polish", "ru": "Russian", "uk": "Ukrainian", "ar": "Arabic",
    "zh": "Chinese", "ja": "Japanese", "ko": "Korean", "vi": "Vietnamese", "tl": "Tagalog",
    "hi": "Hindi", "fa": "Persian", "he": "Hebrew", "nl": "Dutch", "sv": "Swedish",
    "asl": "American Sign Language",
}  # fmt: skip

NOTES: dict[str, str] = {
    "no_concern": "Tell me a little about what is going on, so I can look for a group that fits.",
    "need_place": "Tell me a town or zip code, so I can look for meetings near you.",
    "unknown_place": "I could not find the place {place}; try a nearby town or a zip code.",
    "nothing_fits": "I couldn't find a group that fits everything you asked for ({wishes}). "
    "These online groups are the closest.",
    "nothing_fits_no_online": "I couldn't find a group that fits everything you asked for "
    "({wishes}), and no online group either.",
    "nothing_in_person": "I couldn't find a group you can go to in person that fits everything "
    "you asked for ({wishes}). Online groups might fit: change what you asked to see them.",
    "nothing_at_all": "I couldn't find a group for this in the directory yet.",
    "no_more": "That's all the groups that fit; I have no more to show.",
}

WISH_WORDS: dict[str, str] = {
    "in_person": "in person",
    "near": "near {place}",
    "online": "online",
    "secular": "secular",
    "medication": "welcoming people on medication",
}


def concern_phrase(codes: list[str]) -> str:
    """'alcohol', 'alcohol and depression', 'alcohol, opioids and depression'."""
    words = [CONCERN_WORDS.get(c, c.replace("_", " ")) for c in codes]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def language_name(code: str) -> str:
    """A language's English name from its ISO 639-1 code (the code itself when unknown)."""
    return LANGUAGE_NAMES.get(code.lower(), code)
