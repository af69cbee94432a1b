"""`evaluate_extraction` on annotated texts: the shared development set (dev.jsonl) and CivNet's own texts
(tests/data/extraction), each held to the thresholds of issue 11."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "extraction" / "dev.jsonl"
OWN = Path(__file__).resolve().parent / "data" / "extraction" / "own.jsonl"


def _scores(path) -> dict:
    out = StringIO()
    call_command("evaluate_extraction", str(path), "--json", stdout=out)
    return json.loads(out.getvalue())


def _check(report: dict):
    overall = report["overall"]
    misses = "\n".join(report["misses"])
    assert overall["count"]["share"] >= 0.90, misses
    assert overall["dates"]["share"] >= 0.95, misses
    assert overall["people"]["share"] >= 0.90, misses
    assert overall["problems"]["share"] == 1.0, misses
    assert overall["invalid_or_reversed"]["share"] == 1.0, misses
    assert overall["false_invalid_date"] == 0, misses
    assert overall["places_recall"]["share"] >= 0.85, misses
    # never a silent fix: no date where the annotator has none (an impossible date read as possible)
    assert overall["silent_dates"] == 0, misses


@pytest.mark.skipif(not DEV.exists(), reason="the shared development set is not beside the repository")
def test_development_set_meets_the_thresholds(demo):
    report = _scores(DEV)
    _check(report)
    assert set(report["by_language"]) == {"ar", "en", "ku"}


def test_own_texts_meet_the_thresholds(demo):
    _check(_scores(OWN))


def test_the_command_prints_figures_per_language_and_the_misses(demo, tmp_path):
    gold = tmp_path / "gold.jsonl"
    item = {
        "id": "t-1",
        "lang": "en",
        "text": "The project ran from 1 March 2022 to 30 June 2022 in Hajin and reached 300 people.",
        "projects": [
            {
                "title": "x",
                "start_date": "2022-03-01",
                "end_date": "2022-06-30",
                "date_precision": "day",
                "beneficiaries": 400,
                "places": ["Hajin"],
                "outputs": [],
                "issues": [],
            }
        ],
    }
    gold.write_text(json.dumps(item) + "\n", encoding="utf-8")
    out = StringIO()
    call_command("evaluate_extraction", str(gold), stdout=out)
    text = out.getvalue()
    assert "dates right" in text and "2/2 (100%)" in text
    assert "t-1 project 1 people: 300 instead of 400" in text
