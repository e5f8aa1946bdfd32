"""Loading: the blank default, a named pipeline that is missing, components and threads."""

from __future__ import annotations

import json
import logging
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import spacy

from nlp import Parser, load_parser
from nlp.pipeline import COMPONENTS


def test_default_is_blank_english_with_the_components(parser: Parser) -> None:
    """Without a model the parser is blank English plus every firststep component, and the
    shipped second opinion is loaded and named."""
    assert parser.pipeline_name == "blank:en+firststep+second_opinion"
    assert tuple(parser.nlp.pipe_names[-len(COMPONENTS) :]) == COMPONENTS


def test_components_have_json_config(parser: Parser) -> None:
    """Every component is built by a registered factory from a JSON-serialisable config."""
    config = parser.nlp.config
    for name in COMPONENTS:
        assert config["components"][name]["factory"] == name
        json.dumps(dict(config["components"][name]))


def test_missing_model_falls_back_with_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    """A named pipeline that is not installed: a clear warning, then blank English."""
    with caplog.at_level(logging.WARNING, logger="nlp.pipeline"):
        fallback = load_parser("xx_no_such_pipeline_sm")
    assert fallback.pipeline_name == "blank:en+firststep+second_opinion"
    assert "xx_no_such_pipeline_sm" in caplog.text
    assert fallback.parse("I drink too much").concerns[0].code == "alcohol"


def test_without_the_second_opinion_the_name_says_so() -> None:
    """Rules alone (as the evaluation's baseline runs them) are named without it."""
    rules_only = Parser(second_opinion=False)
    assert rules_only.pipeline_name == "blank:en+firststep"
    assert rules_only.parse("i want to die").crisis is not None


def test_model_is_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without an argument, $FIRSTSTEP_SPACY_MODEL names the pipeline to try."""
    monkeypatch.setenv("FIRSTSTEP_SPACY_MODEL", "xx_missing_from_env")
    assert load_parser().model == "xx_missing_from_env"


def test_parse_from_threads_gives_the_same_results(parser: Parser) -> None:
    """Parsing from several threads at once (as `asyncio.to_thread` does) is safe."""
    texts = ["I drink every day", "my son uses meth", "i want to die", "weekends online"] * 25
    expected = [parser.parse(t).to_dict() for t in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(lambda t: parser.parse(t).to_dict(), texts))
    assert got == expected


def test_parser_never_logs_the_text(parser: Parser, caplog: pytest.LogCaptureFixture) -> None:
    """Nothing the person wrote reaches the logs."""
    secret = "zebrafinch heroin 48104"
    with caplog.at_level(logging.DEBUG):
        parser.parse(secret)
        load_parser(None).parse(secret)
    assert "zebrafinch" not in caplog.text and "48104" not in caplog.text


def test_installed_pipeline_is_used(tmp_path: Path) -> None:
    """A pipeline that spaCy can load (here a saved one, by path) is the base, and named."""
    base = spacy.blank("en")
    base.meta["name"] = "firststep_test_sm"
    base.meta["version"] = "0.0.1"
    base.add_pipe("sentencizer")
    base.to_disk(tmp_path / "pipeline")
    loaded = load_parser(str(tmp_path / "pipeline"))
    assert loaded.pipeline_name == "en_firststep_test_sm-0.0.1+firststep+second_opinion"
    assert loaded.nlp.pipe_names[0] == "sentencizer"
    assert loaded.parse("my son is on heroin").concerns[0].experiencer == "family"


def test_string_store_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """New words grow spaCy's string store; past a bound the pipeline is rebuilt, results kept."""
    fresh = load_parser(None)
    monkeypatch.setattr("nlp.parser.MAX_VOCAB_STRINGS", len(fresh.nlp.vocab.strings) + 50)
    first = fresh.nlp
    fresh.parse(" ".join(f"qzx{i}" for i in range(100)))
    assert fresh.nlp is not first
    assert len(fresh.nlp.vocab.strings) < len(first.vocab.strings)
    assert fresh.parse("my wife drinks").concerns[0].experiencer == "family"
