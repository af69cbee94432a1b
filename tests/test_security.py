"""Issue 10: each defect an attacker or a careless user found, reproduced, and kept closed."""

import os
import subprocess
from pathlib import Path

import pytest

from members.models import Organisation
from tests.test_membership import form_data  # noqa: F401 - fixture

SPOOF = "\u202e" + "tnempoleveD rof noitazinagrO anrieD"  # displays as "Deirna Organization for Development"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name_en", SPOOF),
        ("name_en", "Deirna\u200f Organization"),
        ("name_ar", "منظمة\r\nديرنا"),
        ("acronym", "D\u2066N"),
    ],
)
def test_an_applicant_cannot_hide_direction_or_control_characters_in_a_name(client, form_data, field, value):  # noqa: F811
    before = Organisation.objects.count()
    response = client.post("/ar/members/apply/", {**form_data, field: value})
    assert response.status_code == 200
    assert "أحرف غير مرئية" in response.content.decode()  # the refusal, in the reader's language
    assert Organisation.objects.count() == before


def test_an_organisation_admin_cannot_rename_to_a_spoofed_name(as_user):
    client = as_user("astefir_admin")
    organisation = Organisation.objects.filter(affiliations__person__email="admin@demo.civnet.invalid").first()
    response = client.post(f"/en/my/{organisation.slug}/profile/", {"name_en": SPOOF, "name_ar": organisation.name_ar})
    assert response.status_code == 200
    organisation.refresh_from_db()
    assert "\u202e" not in organisation.name_en


def test_the_rate_limited_sign_in_page_is_in_the_reader_language(client, demo, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "1/m/ip"}
    client.post("/ar/accounts/login/", {"login": "someone@example.org", "password": "x"})
    response = client.post("/ar/accounts/login/", {"login": "someone@example.org", "password": "x"})
    assert response.status_code == 429
    page = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert "Too many attempts" not in page  # translated, not bare English


def test_demo_email_links_follow_the_port_make_run_serves():
    root = Path(__file__).resolve().parent.parent
    env = {k: v for k, v in os.environ.items() if k != "CIVNET_BASE_URL"}
    out = subprocess.run(
        ["make", "-n", "run", "PORT=8123"], cwd=root, capture_output=True, text=True, env=env, check=True
    ).stdout
    assert "emails link to http://127.0.0.1:8123" in out
