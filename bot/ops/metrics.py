"""Prometheus metrics: counts and latencies only, never a chat id, a name or a word in a label."""

from __future__ import annotations

from collections.abc import Iterator

import sqlalchemy as sa
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy.engine import Engine
from sqlmodel import col

from bot.clock import Clock

UPDATE_KINDS = ("message", "command", "callback_query", "edited_message", "other")
_LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class Metrics:
    """The bot's metrics in a registry of their own (one per Application, so tests stay apart)."""

    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        self.registry = registry or CollectorRegistry()
        r = self.registry
        self.updates = Counter(
            "firststep_updates", "Updates handled, by kind.", ["kind"], registry=r
        )
        self.update_errors = Counter(
            "firststep_update_errors", "Updates whose handling raised an error.", registry=r
        )
        self.flood_dropped = Counter(
            "firststep_flood_dropped", "Incoming messages ignored by flood control.", registry=r
        )
        self.replies = Counter(
            "firststep_replies",
            "Messages the bot sent or edited, by API method.",
            ["method"],
            registry=r,
        )
        self.telegram_errors = Counter(
            "firststep_telegram_errors",
            "Bot API calls that failed, by error type.",
            ["error"],
            registry=r,
        )
        self.crisis_responses = Counter(
            "firststep_crisis_responses", "Crisis replies sent.", registry=r
        )
        self.retention_deleted = Counter(
            "firststep_retention_deleted_people", "People deleted by the retention job.", registry=r
        )
        self.update_seconds = Histogram(
            "firststep_update_seconds",
            "Bot-side time to handle one update.",
            buckets=_LATENCY_BUCKETS,
            registry=r,
        )
        self.update_own_seconds = Histogram(
            "firststep_update_own_seconds",
            "Bot-side time to handle one update, not counting waits for Bot API calls.",
            buckets=_LATENCY_BUCKETS,
            registry=r,
        )
        self.telegram_seconds = Histogram(
            "firststep_telegram_request_seconds",
            "Time of one Bot API call, by method.",
            ["method"],
            buckets=_LATENCY_BUCKETS,
            registry=r,
        )
        self.leader = Gauge(
            "firststep_leader", "1 while this process serves, 0 while it stands by.", registry=r
        )
        self.in_flight = Gauge(
            "firststep_updates_in_flight", "Updates being handled right now.", registry=r
        )
        for kind in UPDATE_KINDS:
            self.updates.labels(kind=kind)
        self._followups: FollowUpCollector | None = None

    def watch_followups(self, engine: Engine, clock: Clock) -> None:
        """Report follow-ups due / sent / skipped / failed from the database at each scrape."""
        if self._followups is None:
            self._followups = FollowUpCollector(engine, clock)
            self.registry.register(self._followups)

    def exposition(self) -> bytes:
        """The metrics in Prometheus' text format."""
        return generate_latest(self.registry)


class FollowUpCollector(Collector):
    """Follow-ups by state, counted in the database (the truth, shared by both processes)."""

    def __init__(self, engine: Engine, clock: Clock) -> None:
        self.engine, self.clock = engine, clock

    def collect(self) -> Iterator[GaugeMetricFamily]:
        """One gauge: how many follow-ups are due now and how many are in each state."""
        from bot.followups.models import FollowUp, FollowUpState

        family = GaugeMetricFamily(
            "firststep_followups",
            "Follow-ups due now (state=due) and by state (sent, skipped, failed, ...).",
            labels=["state"],
        )
        try:
            with self.engine.connect() as connection:
                rows: dict[str, int] = dict(
                    connection.execute(
                        sa.select(col(FollowUp.state), sa.func.count()).group_by(
                            col(FollowUp.state)
                        )
                    ).all()
                )
                due = connection.execute(
                    sa.select(sa.func.count()).where(
                        col(FollowUp.state) == FollowUpState.pending,
                        col(FollowUp.due_at) <= self.clock.now(),
                    )
                ).scalar_one()
        except sa.exc.SQLAlchemyError:
            return  # the database is away: /readyz says so; no made-up numbers here
        family.add_metric(["due"], due)
        for state in FollowUpState:
            family.add_metric([state.value], rows.get(state.value, 0))
        yield family


def update_kind(update: object) -> str:
    """A fixed label for what kind of update this is (no content, no ids)."""
    message = getattr(update, "message", None)
    if message is not None:
        text = getattr(message, "text", None) or ""
        return "command" if text.startswith("/") else "message"
    if getattr(update, "callback_query", None) is not None:
        return "callback_query"
    if getattr(update, "edited_message", None) is not None:
        return "edited_message"
    return "other"
