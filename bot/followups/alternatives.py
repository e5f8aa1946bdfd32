"""Other groups to offer after a follow-up: a different kind, or online, from directory.match."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from sqlmodel import Session, select

from bot.followups.models import Plan
from nlp.result import Concern, ParseResult, Preferences

log = logging.getLogger(__name__)


def _concerns_of(session: Session, group_id: int) -> tuple[list[str], bool, Any]:
    from directory.models import Fellowship, Group, GroupConcern

    group = session.get(Group, group_id)
    if group is None:
        return [], False, None
    fellowship = session.get(Fellowship, group.fellowship_id)
    codes = list(fellowship.concern_codes if fellowship else [])
    extra = session.exec(select(GroupConcern.code).where(GroupConcern.group_id == group_id)).all()
    codes += [c for c in extra if c not in codes]
    return codes, bool(fellowship and fellowship.for_family), group


def alternatives(
    session: Session, *, plan: Plan, now: datetime, online: bool = False, limit: int = 3
) -> list[Any]:
    """Groups of a different kind than the planned one (or online ones) for the same concerns."""
    from directory.match import MatchRequest, match_groups
    from directory.models import Fellowship

    codes, for_family, group = _concerns_of(session, plan.group_id)
    if group is None:
        return []
    fellowship = session.get(Fellowship, group.fellowship_id)
    twelve_step = fellowship is not None and str(fellowship.approach) == "twelve-step"
    experiencer = "family" if for_family else "self"
    attempts: list[Preferences] = []
    if online:
        attempts.append(Preferences(format="online"))
    else:
        if twelve_step:
            attempts.append(Preferences(approach="secular"))
        if str(group.format) != "online":
            attempts.append(Preferences(format="online"))
        attempts.append(Preferences())
    for preferences in attempts:
        parse = ParseResult(
            concerns=[Concern(code=c, experiencer=experiencer) for c in codes],  # type: ignore[arg-type]
            crisis=None,
            preferences=preferences,
        )
        request = MatchRequest.from_parse(
            parse.to_dict(),
            latitude=group.latitude,
            longitude=group.longitude,
            timezone=plan.timezone,
        )
        result = match_groups(
            session, request, now=now, limit=limit + 3, exclude_group_ids=(plan.group_id,)
        )
        found = [
            s
            for s in result.suggestions
            if online or fellowship is None or s.fellowship_name != fellowship.name
        ]
        if found:
            return found[:limit]
    return []
