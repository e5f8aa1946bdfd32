"""The search in progress is a typed object; `to_request()` gives the directory's request."""

from __future__ import annotations

from dataclasses import asdict

from bot.handlers.common import Concern, Search, Wishes
from directory.match import MatchRequest


def test_to_request_carries_what_was_said_and_the_answers() -> None:
    search = Search(
        concerns=[Concern("alcohol", "family", "current")],
        wishes=Wishes(approach="secular", audience=["women"], days=["sat"]),
        format="any",
        place={
            "name": "Ann Arbor",
            "latitude": 42.28,
            "longitude": -83.74,
            "timezone": "America/Detroit",
            "country": "US",
        },
        whom="self",  # the person's answer wins over the words
        referral_focus="dual_diagnosis",
        signals=["minor"],
    )
    request = search.to_request(timezone="America/Detroit", speaks="en")
    assert request == MatchRequest(
        concerns=(("alcohol", "self", "current"),),
        format=None,  # "either is fine" is no wish
        approach="secular",
        audience=("women",),
        days=("sat",),
        speaks="en",
        dual_diagnosis=True,
        young=True,
        latitude=42.28,
        longitude=-83.74,
        timezone="America/Detroit",
    )


def test_a_search_stored_by_an_older_version_reads_back() -> None:
    stored = {
        "concerns": [["gambling", "family", "current"]],
        "prefs": {"approach": "spiritual", "format": "online", "medication": True},
        "format": "online",
        "gone_field": 1,
    }
    search = Search.from_dict(stored)
    assert search.concerns == [Concern("gambling", "family", "current")]
    assert search.wishes == Wishes(approach="spiritual", medication=True)
    assert search.format == "online"


def test_a_search_survives_its_stored_form() -> None:
    search = Search(concerns=[Concern("grief")], wishes=Wishes(days=["mon"]), offset=3)
    assert Search.from_dict(asdict(search)) == search
