"""Prometheus metrics: counts and latencies only, never a chat id, a name or a word in a label."""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

METRICS_KEY = "metrics"
UPDATE_KINDS = ("message", "command", "callback_query", "edited_message", "other")
FOLLOWUP_OUTCOMES = ("due", "sent", "skipped", "failed")
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
        self.followups = Counter(
            "firststep_followups",
            "Follow-ups by outcome (due, sent, skipped, failed).",
            ["outcome"],
            registry=r,
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
        for outcome in FOLLOWUP_OUTCOMES:
            self.followups.labels(outcome=outcome)

    def record_followup(self, outcome: str) -> None:
        """Count one follow-up outcome; unknown outcomes are refused (labels stay a fixed set)."""
        if outcome not in FOLLOWUP_OUTCOMES:
            raise ValueError(f"unknown follow-up outcome {outcome!r}")
        self.followups.labels(outcome=outcome).inc()

    def exposition(self) -> bytes:
        """The metrics in Prometheus' text format."""
        return generate_latest(self.registry)


def metrics_of(bot_data: MutableMapping[str, Any]) -> Metrics:
    """The Metrics kept in an Application's bot_data, created on first use."""
    metrics = bot_data.get(METRICS_KEY)
    if not isinstance(metrics, Metrics):
        metrics = Metrics()
        bot_data[METRICS_KEY] = metrics
    return metrics


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
