"""The demo command builds the coalition from the seed documents and is idempotent."""

import io
import json
import unicodedata
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command

from coalition.models import Body, Coalition, Region
from members.models import Organisation
from tests.conftest import SHARED


def _clusters(text: str) -> list[str]:
    """Letters with their combining marks."""
    clusters: list[str] = []
    for ch in text:
        if unicodedata.combining(ch) and clusters:
            clusters[-1] += ch
        else:
            clusters.append(ch)
    return clusters


def _snapshot():
    """Every row of every table of CivNet's own apps (any app inside the project folder), serialised."""
    models = [m for m in apps.get_models() if Path(m._meta.app_config.path).is_relative_to(settings.BASE_DIR)]
    assert {"campaigns", "newsletters", "projects", "members"} <= {m._meta.app_label for m in models}
    return {m._meta.label: serializers.serialize("json", m.objects.order_by("pk")) for m in models}


def test_running_twice_changes_nothing(demo, tmp_path):
    credentials = tmp_path / "credentials.json"
    call_command("load_demo", credentials=str(credentials), stdout=io.StringIO())
    before = _snapshot()
    passwords = json.loads(credentials.read_text())
    out = io.StringIO()
    call_command("load_demo", credentials=str(credentials), stdout=out)
    assert "Demo data: 0 rows created or changed." in out.getvalue()
    assert _snapshot() == before
    assert json.loads(credentials.read_text()) == passwords  # the printed passwords stay valid


def test_personas_are_printed_with_working_passwords(demo, tmp_path):
    from django.contrib.auth import authenticate

    out = io.StringIO()
    call_command("load_demo", credentials=str(tmp_path / "c.json"), stdout=out)
    lines = [line for line in out.getvalue().splitlines() if "password:" in line]
    assert len(lines) == 5
    email, password = lines[0].split()[-3], lines[0].split()[-1]
    assert authenticate(email=email, password=password) is not None


def test_coalition_names_are_those_of_the_seed(demo):
    seed = next((SHARED / "seeds").glob("001_*.txt")).read_text(encoding="utf-8")
    coalition = Coalition.current()
    for name in (coalition.name_ar, coalition.name_ku):
        assert name in seed
    # The seed's Syriac is in visual order; stored in logical order, its letters reversed give the seed's words.
    visual = "".join(reversed(_clusters(coalition.name_syr)))
    assert visual.replace(" ", "") in seed.replace(" ", "")
    assert coalition.name_syr.startswith("ܚܘܝܕ")  # "coalition", the first word read right to left
    assert coalition.vision_en.rstrip(".") in seed
    for goal in coalition.goals_en.splitlines():
        assert goal.rstrip(".") in seed


def test_member_organisations_of_the_newsletter_are_there(demo):
    seed = next((SHARED / "seeds").glob("000_*.txt")).read_text(encoding="utf-8")
    for slug in (
        "for-them",
        "tayif",
        "ella",
        "hope-restoration",
        "insaaf",
        "deirna",
        "green-women",
        "ashtar",
        "seeds-of-peace",
        "bedaya",
    ):
        org = Organisation.objects.get(slug=slug)
        assert org.name_en.split(" ")[0] in seed
        assert org.name_ar, f"{slug} has no Arabic name"
        assert org.status == "member"


def test_four_regions_and_their_bodies(demo):
    assert list(Region.objects.values_list("slug", flat=True)) == ["al-jazira", "raqqa", "euphrates", "deir-ez-zor"]
    assert Body.objects.filter(kind="local_board").count() == 4
    assert Body.objects.get(slug="operational-body-deir-ez-zor").is_elected
