"""What is loaded at start is frozen out of the garbage collector's walks, before serving."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.ops import webhook
from bot.ops.webhook import GC_THRESHOLDS, settle_heap
from bot.settings import build_settings
from tests.ops.echo_bot import NamedParser, build_echo
from tests.ops.stub_api import TOKEN


@pytest.fixture
def heap() -> Iterator[None]:
    """Give the collector back its state after the test."""
    thresholds = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*thresholds)


def tracked(thing: object) -> bool:
    """Whether the collector's walks see this object."""
    return any(o is thing for o in gc.get_objects())


def test_what_is_loaded_is_frozen_and_young_objects_are_collected_less_often(heap: None) -> None:
    loaded = {"pipeline": [1, 2, 3]}
    assert tracked(loaded)
    settle_heap()
    assert not tracked(loaded)  # in the permanent generation: never walked again
    assert gc.get_freeze_count() > 0
    assert gc.get_threshold() == GC_THRESHOLDS
    made_later: dict[str, Any] = {"update": []}
    assert tracked(made_later)  # what comes after is collected as before


def test_firststep_run_settles_the_heap_after_loading_and_before_serving(
    heap: None, sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    order: list[str] = []
    monkeypatch.setattr(webhook, "warm_up", lambda: order.append("places loaded"))
    real_settle = webhook.settle_heap

    def settle() -> None:
        order.append("heap settled")
        real_settle()

    async def serve(*_: Any, **__: Any) -> int:
        order.append(f"serving with {gc.get_freeze_count() > 0 and 'a frozen heap'}")
        return webhook.EXIT_OK

    monkeypatch.setattr(webhook, "settle_heap", settle)
    monkeypatch.setattr(webhook, "serve", serve)
    settings = build_settings(
        TELEGRAM_BOT_TOKEN=TOKEN, DATABASE_URL=sqlite_url, FIRSTSTEP_DATA_DIR=str(tmp_path)
    )
    code = webhook.run_bot(
        settings, build_application=build_echo, load_parser=lambda *_: NamedParser()
    )
    assert code == webhook.EXIT_OK
    assert order == ["places loaded", "heap settled", "serving with a frozen heap"]
