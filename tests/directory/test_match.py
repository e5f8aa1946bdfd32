"""Matching on realistic requests: concerns, family, dual diagnosis, wishes, places, time zones."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session

from directory import crud
from directory.match import REASONS, MatchRequest, MatchResult, match_groups, upcoming_meetings
from directory.models import FellowshipCreate, MeetingCreate
from nlp.result import Concern, ParseResult, Preferences
from tests.directory.conftest import NOW, YPSILANTI, add_group

ALCOHOL = (("alcohol", "self", "current"),)


def names(result: MatchResult) -> list[str]:
    return [s.group_name for s in result.suggestions]


def run(session: Session, **fields: object) -> MatchResult:
    fields.setdefault("place", "Ypsilanti")
    return match_groups(session, MatchRequest(**fields), now=NOW, limit=10)  # type: ignore[arg-type]


def test_alcohol_near_ypsilanti_gives_local_groups_with_reasons(
    session: Session, directory_ids: dict[str, int]
) -> None:
    result = run(session, concerns=ALCOHOL)
    assert result.fits_well and result.note is None
    assert result.place is not None and result.place.name.startswith("Ypsilanti")
    by_name = {s.group_name: s for s in result.suggestions}
    aa = by_name["Tuesday Night AA"]
    assert aa.reasons[0] == "for alcohol"
    assert "12 km away" in aa.reasons
    assert aa.distance_km is not None and 10 < aa.distance_km < 13
    assert aa.next_start == datetime(2026, 6, 2, 19, 0, tzinfo=ZoneInfo("America/Detroit"))
    assert aa.next_end - aa.next_start == timedelta(hours=1)
    assert aa.place == "Somewhere"
    assert aa.kind == "twelve-step" and aa.fellowship_short_name == "AA"
    assert aa.what_to_expect == "Open meetings welcome anyone."
    assert not aa.is_sample and not aa.has_newcomer_contact
    for s in result.suggestions:
        assert s.next_start > NOW
        assert s.next_start.tzinfo is not None


def test_archived_groups_and_groups_without_meetings_never_appear(
    session: Session, directory_ids: dict[str, int]
) -> None:
    result = run(session, concerns=ALCOHOL, days=("tue",), time_of_day="evening")
    ids = {s.group_id for s in result.suggestions}
    assert directory_ids["aa_tue"] in ids
    assert directory_ids["archived"] not in ids
    assert directory_ids["no_meetings"] not in ids


def test_stale_listing_ranks_below_a_verified_one(session: Session) -> None:
    result = run(session, concerns=ALCOHOL, days=("tue",), time_of_day="evening")
    order = names(result)
    assert order.index("Tuesday Night AA") < order.index("Old Listing AA")
    assert result.suggestions[0].reasons[:2] == ["for alcohol", "Tuesday evenings"]


def test_family_member_gets_family_groups_only(session: Session) -> None:
    result = run(session, concerns=(("alcohol", "family", "current"),))
    assert result.fits_well
    assert names(result) == ["Al-Anon Ann Arbor", "Al-Anon Online Sunday"]
    assert all(REASONS["family"] in s.reasons for s in result.suggestions)


def test_person_with_own_concern_is_not_sent_to_family_groups(session: Session) -> None:
    result = run(session, concerns=ALCOHOL)
    assert not any("Al-Anon" in n for n in names(result))


def test_dual_concerns_favour_dual_diagnosis_groups(session: Session) -> None:
    result = run(session, concerns=(*ALCOHOL, ("depression", "self", "current")))
    top = result.suggestions[0]
    assert top.group_name == "DRA Ypsilanti"
    assert "for alcohol and depression" in top.reasons
    assert REASONS["dual"] in top.reasons


def test_secular_wish_puts_secular_groups_first_and_only_them(session: Session) -> None:
    result = run(session, concerns=ALCOHOL, approach="secular")
    assert result.fits_well
    assert names(result) == ["SMART Ann Arbor", "SMART Online Thursday"]
    assert all("secular" in s.reasons for s in result.suggestions)


def test_women_only_wish(session: Session) -> None:
    result = run(session, concerns=ALCOHOL, audience=("women",))
    assert names(result) == ["Ypsi Women's AA"]
    assert "women only" in result.suggestions[0].reasons


def test_women_only_group_is_not_first_for_someone_who_did_not_ask(session: Session) -> None:
    result = run(session, concerns=ALCOHOL)
    assert result.suggestions[0].group_name != "Ypsi Women's AA"


def test_medication_friendly_groups_first_for_a_person_on_medication(session: Session) -> None:
    with_med = run(session, concerns=(("opioids", "self", "current"),), medication=True)
    assert with_med.suggestions[0].group_name == "SMART Ann Arbor"
    assert REASONS["medication"] in with_med.suggestions[0].reasons
    without = run(session, concerns=(("opioids", "self", "current"),))
    assert all(REASONS["medication"] not in s.reasons for s in without.suggestions)


def test_in_person_request_excludes_online_groups(session: Session) -> None:
    result = run(session, concerns=ALCOHOL, format="in_person")
    assert result.fits_well and result.suggestions
    assert all(s.format != "online" and s.join_url is None for s in result.suggestions)


def test_online_request_gives_only_online_groups_in_the_persons_time_zone(
    session: Session,
) -> None:
    result = run(session, concerns=ALCOHOL, format="online", place=None, timezone="Europe/London")
    assert names(result) == ["Early Bird AA Online", "SMART Online Thursday"]
    first = result.suggestions[0]
    assert first.join_url == "https://example.org/join" and first.place is None
    assert first.reasons[-1] == "online"
    assert first.next_start.tzinfo == ZoneInfo("Europe/London")
    assert first.next_start == datetime(2026, 6, 2, 12, 0, tzinfo=ZoneInfo("Europe/London"))


def test_nothing_fits_says_so_and_offers_the_closest_online_groups(session: Session) -> None:
    result = run(session, concerns=(("opioids", "self", "current"),), audience=("veterans",))
    assert not result.fits_well
    assert result.note is not None and "for veterans" in result.note
    assert "NA en Línea" in names(result)
    assert all(s.format == "online" for s in result.suggestions)


def test_an_online_only_group_is_never_offered_for_in_person(session: Session) -> None:
    result = run(
        session, concerns=(("opioids", "self", "current"),), language="es", format="in_person"
    )
    assert not result.fits_well and result.suggestions == []
    assert result.note is not None and "in person" in result.note and "Ypsilanti" in result.note
    assert "Online groups might fit" in result.note


def test_no_group_for_the_concern_gives_an_empty_list_and_a_note(session: Session) -> None:
    result = run(session, concerns=(("eating", "self", "current"),))
    assert result.suggestions == [] and not result.fits_well
    assert result.note


def test_no_concern_asks_what_is_going_on(session: Session) -> None:
    result = run(session, concerns=())
    assert result.suggestions == [] and result.note and not result.fits_well


def test_unknown_place_is_said(session: Session) -> None:
    result = run(session, concerns=ALCOHOL, place="Qwxzzyville")
    assert result.note is not None and "Qwxzzyville" in result.note
    assert all(s.format == "online" for s in result.suggestions)


def test_exclude_and_offset_page_through_without_repeats(session: Session) -> None:
    request = MatchRequest(concerns=ALCOHOL, place="Ypsilanti")
    first = match_groups(session, request, now=NOW, limit=2)
    second = match_groups(session, request, now=NOW, limit=2, offset=2)
    assert len(first.suggestions) == 2 and len(second.suggestions) == 2
    assert not set(names(first)) & set(names(second))
    skip = [s.group_id for s in first.suggestions]
    again = match_groups(session, request, now=NOW, limit=2, exclude_group_ids=skip)
    assert names(again) == names(second)


def test_from_parse_takes_the_parser_output(session: Session) -> None:
    parsed = ParseResult(
        concerns=[Concern("alcohol", "family", "current", "drinking")],
        preferences=Preferences(location="48197", days=["wed"]),
    )
    request = MatchRequest.from_parse(parsed.to_dict(), timezone="America/Detroit")
    assert request.concerns == (("alcohol", "family", "current"),)
    assert request.place == "48197" and request.days == ("wed",)
    result = match_groups(session, request, now=NOW)
    assert result.suggestions[0].group_name == "Al-Anon Ann Arbor"
    assert "Wednesday evenings" not in result.suggestions[0].reasons
    assert "on Wednesdays" in result.suggestions[0].reasons


def test_next_meeting_is_dst_correct_across_the_change(session: Session) -> None:
    """Michigan moves to summer time on 8 March 2026, London only on 29 March."""
    gid = add_group(
        session, "AA", "Tuesday Night AA DST", [(1, time(19), time(20))], where=YPSILANTI
    )
    session.commit()
    now = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
    spans = upcoming_meetings(session, gid, now=now, tz="Europe/London", count=3)
    starts = [s for s, _ in spans]
    london = ZoneInfo("Europe/London")
    assert starts == [
        datetime(2026, 3, 4, 0, 0, tzinfo=london),  # 19:00 EST = 00:00 GMT next day
        datetime(2026, 3, 10, 23, 0, tzinfo=london),  # 19:00 EDT = 23:00 GMT
        datetime(2026, 3, 17, 23, 0, tzinfo=london),
    ]
    local = upcoming_meetings(session, gid, now=now, tz="America/Detroit", count=2)
    assert [s.hour for s, _ in local] == [19, 19]
    assert [s.utcoffset() for s, _ in local] == [timedelta(hours=-5), timedelta(hours=-4)]
    request = MatchRequest(
        concerns=ALCOHOL, place="Ypsilanti", days=("tue",), timezone="America/Detroit"
    )
    result = match_groups(session, request, now=datetime(2026, 3, 4, 12, tzinfo=UTC), limit=10)
    s = {x.group_name: x for x in result.suggestions}["Tuesday Night AA DST"]
    assert s.next_start.hour == 19 and s.next_start.utcoffset() == timedelta(hours=-4)


def test_every_other_week_and_monthly_rhythms(session: Session) -> None:
    gid = add_group(session, "AA", "Fortnightly AA", [], where=YPSILANTI)
    group = crud.get_group(session, group_id=gid)
    assert group is not None
    crud.set_meetings(
        session,
        group=group,
        meetings=[
            MeetingCreate(weekday=1, start=time(19), interval=2, anchor=datetime(2026, 6, 9).date())
        ],
    )
    session.commit()
    spans = upcoming_meetings(session, gid, now=NOW, tz="America/Detroit", count=3)
    assert [s.date().isoformat() for s, _ in spans] == ["2026-06-09", "2026-06-23", "2026-07-07"]
    crud.set_meetings(
        session,
        group=group,
        meetings=[MeetingCreate(weekday=4, start=time(18), freq="monthly", byday="-1FR")],
    )
    session.commit()
    spans = upcoming_meetings(session, gid, now=NOW, tz="America/Detroit", count=2)
    assert [s.date().isoformat() for s, _ in spans] == ["2026-06-26", "2026-07-31"]


def test_schedule_summary_follows_meetings_added_directly(session: Session) -> None:
    gid = add_group(session, "GA", "New GA", [], where=YPSILANTI)
    group = crud.get_group(session, group_id=gid)
    assert group is not None and group.day_mask == 0
    assert (
        run(session, concerns=(("gambling", "self", "current"),), format="in_person")
        .suggestions[0]
        .group_name
        != "New GA"
    )
    crud.add_meeting(session, group=group, data=MeetingCreate(weekday=4, start=time(19, 30)))
    session.commit()
    assert group.day_mask == 1 << 4
    result = run(session, concerns=(("gambling", "self", "current"),), format="in_person")
    assert result.suggestions[0].group_name == "New GA"


def test_hybrid_group_counts_as_near_and_as_online(session: Session) -> None:
    gid = add_group(
        session, "SMART", "SMART Hybrid Ypsi", [(4, time(12), time(13))], where=YPSILANTI,
        format="hybrid", conference_url="https://example.org/hybrid",
    )  # fmt: skip
    session.commit()
    smart = (("gambling", "self", "current"),)
    near = run(session, concerns=smart, format="in_person")
    hybrid = {s.group_id: s for s in near.suggestions}[gid]
    assert hybrid.reasons[-2:] == ["less than 1 km away", REASONS["also_online"]]
    assert hybrid.place == "Somewhere" and hybrid.join_url == "https://example.org/hybrid"
    online = run(session, concerns=smart, format="online", place=None, timezone="America/Detroit")
    assert gid in [s.group_id for s in online.suggestions]


def test_shared_coordinates_work_without_a_place_name(session: Session) -> None:
    request = MatchRequest(
        concerns=ALCOHOL, latitude=YPSILANTI[0], longitude=YPSILANTI[1], timezone="America/Detroit"
    )
    result = match_groups(session, request, now=NOW, limit=10)
    assert result.fits_well and result.place is None
    assert any(s.distance_km is not None and s.distance_km < 1 for s in result.suggestions)


def test_grief_about_someone_close_is_the_persons_own(session: Session) -> None:
    fellowship = crud.create_fellowship(
        session,
        data=FellowshipCreate(
            name="The Compassionate Friends", short_name="TCF", concern_codes=["grief"]
        ),
    )
    assert fellowship.id is not None
    add_group(session, "TCF", "TCF Ypsilanti", [(3, time(19), time(21))], where=YPSILANTI)
    session.commit()
    result = run(session, concerns=(("grief", "family", "current"),))
    assert [s.group_name for s in result.suggestions] == ["TCF Ypsilanti"]
    assert result.suggestions[0].reasons[0] == "for grief and loss"


# ---- distance: an in-person group is offered as one to go to only when it is near (issue 15)


def _far_hybrid(session: Session) -> int:
    gid = add_group(
        session, "GA", "GA Hybrid Ypsi", [(4, time(19), time(20))], where=YPSILANTI,
        format="hybrid", conference_url="https://example.org/ga",
    )  # fmt: skip
    session.commit()
    return gid


def test_a_hybrid_group_far_away_is_offered_online_never_as_near(session: Session) -> None:
    gid = _far_hybrid(session)
    gambling = (("gambling", "self", "current"),)
    for place in ("Sydney", "Chicago", "Denver"):
        result = run(session, concerns=gambling, place=place)
        (ga,) = [s for s in result.suggestions if s.group_id == gid]
        assert ga.place is None and ga.distance_km is None and ga.format == "online"
        assert ga.join_url == "https://example.org/ga"
        assert not any(r.endswith("km away") for r in ga.reasons)
    chicago = run(session, concerns=gambling, place="Chicago")
    assert chicago.note is not None
    assert chicago.note.startswith("The nearest in-person group I know for this is about 330 km")
    sydney = run(session, concerns=gambling, place="Sydney")  # 15,000 km: no number worth saying
    assert sydney.note is not None and sydney.note.startswith("I don't know an in-person group")


def test_an_in_person_group_beyond_40_km_of_a_town_is_not_suggested(session: Session) -> None:
    result = run(session, concerns=ALCOHOL, place="Toledo, OH", format="in_person")
    assert all(s.distance_km is None and s.place is None for s in result.suggestions)
    assert result.note is not None and "about 64 km away" in result.note
    either = run(session, concerns=ALCOHOL, place="Toledo, OH")
    assert either.suggestions and all(s.format == "online" for s in either.suggestions)
    assert either.note is not None and "about 64 km away" in either.note


def test_a_rural_place_looks_up_to_100_km(session: Session) -> None:
    jackson = run(session, concerns=ALCOHOL, place="Jackson, MI", format="in_person")  # 54-65 km
    assert jackson.fits_well and jackson.note is None
    assert all(s.distance_km is not None and 50 < s.distance_km <= 100 for s in jackson.suggestions)
    assert "Tuesday Night AA" in names(jackson)
    coldwater = run(session, concerns=ALCOHOL, place="Coldwater, MI", format="in_person")
    assert all(s.place is None for s in coldwater.suggestions)  # 110 km: too far even so
    assert coldwater.note is not None and "about 110 km away" in coldwater.note
