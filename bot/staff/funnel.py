"""A clinician's funnel: counts and a pseudonymous line for clients who agreed to share; for
everyone else only counts over all weeks together, under the small-count rule
(bot.staff.small_counts), so a client who said no cannot be picked out of "1 started, 1 went".

People the retention job deleted are still counted, from the anonymous per-link, per-week tallies it
keeps (bot.ops.retention folds them with `stages_reached` and `arrival_week` from here, so a
clinician's counts are the same before and after a deletion).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlmodel import Session, col, select

from bot import strings
from bot.models import Event, EventKind
from bot.ops.models import ReferralTally
from bot.staff.models import Referral, ReferralLink
from bot.staff.small_counts import shown_counts, small_note

STAGES: tuple[str, ...] = ("started", "matched", "planned", "went", "no_answer")
HELLO_STAGES = ("hello_offered", "hello_accepted", "hello_introduced", "hello_went")
STAGE_LABELS = strings.FUNNEL_STAGES
_EVENT_STAGES = {
    EventKind.matched.value: "matched",
    EventKind.planned.value: "planned",
    EventKind.went.value: "went",
    EventKind.no_answer.value: "no_answer",
    **{EventKind(stage).value: stage for stage in HELLO_STAGES},  # a volunteer's hello (counts)
}


@dataclass(frozen=True)
class ClientLine:
    """One consenting client's progress, under a pseudonym (no words, no groups)."""

    pseudonym: str
    since: date
    stages: frozenset[str]


@dataclass
class Funnel:
    """Counts per stage overall and per week of arrival, plus lines for consenting clients.

    `totals` and `weeks` count everyone (they are what the retention job's tallies keep equal);
    what is shown is `shared_totals` / `shared_weeks` (clients who agreed) and `others` (the rest).
    """

    totals: dict[str, int]
    weeks: list[tuple[date, dict[str, int]]]
    shared_totals: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STAGES, 0))
    shared_weeks: list[tuple[date, dict[str, int]]] = field(default_factory=list)
    others: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STAGES, 0))
    clients: list[ClientLine] = field(default_factory=list)
    counts_only: int = 0  # still here, did not say yes to sharing
    retired: int = 0  # deleted by the retention job: kept as anonymous counts only
    hellos: dict[str, int] = field(default_factory=lambda: dict.fromkeys(HELLO_STAGES, 0))


def pseudonym(referral_id: int, link_code: str) -> str:
    """A stable, meaningless name for a referral ("client 3FA9")."""
    digest = hashlib.sha256(f"{link_code}:{referral_id}".encode()).hexdigest()
    return f"client {digest[:4].upper()}"


def week_start(day: date) -> date:
    """The Monday of a day's week."""
    return day - timedelta(days=day.weekday())


def arrival_day(at: datetime) -> date:
    """The UTC day a referral arrived (naive datetimes from the database are UTC)."""
    return _aware(at).astimezone(UTC).date()


def arrival_week(at: datetime) -> date:
    """The Monday of the UTC week a referral arrived: the week it is counted in."""
    return week_start(arrival_day(at))


def clinician_funnel(
    session: Session, *, clinician_user_id: int, now: datetime, weeks: int = 8
) -> Funnel:
    """The funnel of everyone who came through the clinician's links."""
    rows = session.exec(
        select(Referral, ReferralLink.code)
        .join(ReferralLink, col(Referral.link_id) == col(ReferralLink.id))
        .where(ReferralLink.clinician_user_id == clinician_user_id)
        .order_by(col(Referral.at))
    ).all()
    reached = stages_reached(session, [referral for referral, _ in rows])
    first_week = week_start(now.astimezone(UTC).date()) - timedelta(weeks=weeks - 1)
    per_week: dict[date, dict[str, int]] = {
        first_week + timedelta(weeks=i): dict.fromkeys(STAGES, 0) for i in range(weeks)
    }
    shared_week = {start: dict.fromkeys(STAGES, 0) for start in per_week}
    funnel = Funnel(totals=dict.fromkeys(STAGES, 0), weeks=[])
    for referral, code in rows:
        stages = reached[referral.id or 0]
        arrived = arrival_day(referral.at)
        week = arrival_week(referral.at)
        for stage in stages:
            if stage in funnel.hellos:  # a volunteer's hello: counted for everyone together
                funnel.hellos[stage] += 1
                continue
            funnel.totals[stage] += 1
            if week in per_week:
                per_week[week][stage] += 1
            if referral.consent:
                funnel.shared_totals[stage] += 1
                if week in shared_week:
                    shared_week[week][stage] += 1
            else:
                funnel.others[stage] += 1
        if referral.consent:
            line = ClientLine(pseudonym(referral.id or 0, code), arrived, frozenset(stages))
            funnel.clients.append(line)
        else:
            funnel.counts_only += 1
    _add_tallies(session, funnel, per_week, clinician_user_id)
    funnel.weeks = sorted(per_week.items())
    funnel.shared_weeks = sorted(shared_week.items())
    return funnel


def _add_tallies(
    session: Session, funnel: Funnel, per_week: dict[date, dict[str, int]], clinician_user_id: int
) -> None:
    """Counts kept after the retention job deleted referred people (anonymous, counts only)."""
    rows = session.exec(
        select(col(ReferralTally.week_start), col(ReferralTally.stage), col(ReferralTally.count))
        .join(ReferralLink, col(ReferralTally.link_id) == col(ReferralLink.id))
        .where(col(ReferralLink.clinician_user_id) == clinician_user_id)
    ).all()
    for week, stage, count in rows:
        if stage in funnel.hellos:
            funnel.hellos[stage] += count
        if stage not in funnel.totals:
            continue
        funnel.totals[stage] += count
        funnel.others[stage] += count
        if week in per_week:
            per_week[week][stage] += count
        if stage == "started":
            funnel.retired += count


def stages_reached(session: Session, referrals: Sequence[Referral]) -> dict[int, set[str]]:
    """For each referral id, the stages its person reached after arriving ("started" at least)."""
    reached: dict[int, set[str]] = defaultdict(lambda: {"started"})
    by_person = {r.person_id: r for r in referrals}
    if not by_person:
        return reached
    events = session.exec(
        select(Event.person_id, Event.kind, Event.at).where(
            col(Event.person_id).in_(list(by_person)), col(Event.kind).in_(list(_EVENT_STAGES))
        )
    ).all()
    for person_id, kind, at in events:
        referral = by_person[person_id]
        if _aware(at) >= _aware(referral.at):
            reached[referral.id or 0].add(_EVENT_STAGES[kind])
    for referral in referrals:
        reached[referral.id or 0].add("started")
    return reached


def funnel_text(funnel: Funnel) -> str:
    """The funnel as a short plain-text message."""
    totals = " · ".join(f"{funnel.shared_totals[s]} {STAGE_LABELS[s]}" for s in STAGES)
    lines = [strings.FUNNEL_SHARED.format(totals=totals), "", strings.FUNNEL_BY_WEEK]
    for start, counts in funnel.shared_weeks:
        if counts["started"]:
            shown = ", ".join(f"{counts[s]} {STAGE_LABELS[s]}" for s in STAGES)
            lines.append(strings.FUNNEL_WEEK.format(start=start, counts=shown))
    if not any(counts["started"] for _, counts in funnel.shared_weeks):
        lines.append(strings.FUNNEL_NO_WEEKS)
    if funnel.clients:
        lines += ["", strings.FUNNEL_CLIENTS.format(count=len(funnel.clients))]
        lines += [f"  {_client_line(client)}" for client in funnel.clients]
    if funnel.others["started"]:
        lines += ["", _others_line(funnel.others), small_note(strings.FUNNEL_SMALL_NOTE)]
    if funnel.hellos["hello_offered"]:
        lines += ["", _hellos_line(funnel.hellos)]
    return "\n".join(lines)


def _hellos_line(hellos: dict[str, int]) -> str:
    """A volunteer's hello for everyone who came through the links (whether or not they agreed to
    share), so under the small-count rule like the others' counts."""
    shown = shown_counts(hellos, cohort=hellos["hello_offered"])
    if shown is None:
        return small_note(strings.FUNNEL_HELLOS_HIDDEN)
    counts = " · ".join(f"{shown[s]} {STAGE_LABELS[s]}" for s in HELLO_STAGES)
    return strings.FUNNEL_HELLOS.format(hellos=counts)


def _others_line(others: dict[str, int]) -> str:
    """Counts of those who did not share, all weeks together, under the small-count rule."""
    shown = shown_counts(others, cohort=others["started"])
    if shown is None:
        return small_note(strings.FUNNEL_OTHERS_HIDDEN)
    totals = " · ".join(f"{shown[s]} {STAGE_LABELS[s]}" for s in STAGES)
    return strings.FUNNEL_OTHERS.format(totals=totals)


def _client_line(client: ClientLine) -> str:
    steps = ", ".join(
        strings.FUNNEL_STEP[s in client.stages].format(stage=STAGE_LABELS[s])
        for s in ("matched", "planned", "went")
    )
    extra = strings.FUNNEL_NO_ANSWER if "no_answer" in client.stages else ""
    return strings.FUNNEL_CLIENT.format(
        pseudonym=client.pseudonym, since=client.since, steps=steps, extra=extra
    )


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
