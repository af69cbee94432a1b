"""Importing IATI activity files (the real publisher samples in ../shared/data/iati/samples)."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from fourw import iati_import
from members.models import Organisation
from projects.models import Project
from tests.conftest import SHARED

SAMPLES = SHARED / "data" / "iati" / "samples"


def _run(name, **options):
    out = StringIO()
    call_command("import_iati", str(SAMPLES / name), stdout=out, **options)
    return out.getvalue()


def test_activity_of_a_member_becomes_a_draft_and_reimport_updates(demo):
    Organisation.objects.filter(slug="deirna").update(iati_identifier="XX-EXAMPLE-NGO")
    before = Project.objects.count()
    out = _run("synthetic-nes-activity-2.03.xml")
    assert "create  XX-EXAMPLE-NGO-PRJ-2024-001 -> deirna" in out
    project = Project.objects.get(external_id="XX-EXAMPLE-NGO-PRJ-2024-001")
    assert Project.objects.count() == before + 1
    assert project.review_state == "draft" and project.organisation.slug == "deirna"
    assert project.title_en == "Psychosocial support for children in Hajin sub-district"
    assert [p.pcode for p in project.places.all()] == ["SY090201"]
    # DAC 72010 is our emergency relief; cluster PRO maps to the first of our protection sectors.
    assert {s.slug for s in project.sectors.all()} == {"relief", "community-security"}
    assert (project.actual_start.isoformat(), project.planned_end.isoformat()) == ("2024-03-10", "2024-12-31")
    assert project.budget == 50000 and project.currency == "USD"
    assert [(o.quantity, o.unit) for o in project.outputs.all()] == [(420, "Number of children reached")]
    assert project.partners.get().name == "Example Foundation (donor)"
    out = _run("synthetic-nes-activity-2.03.xml")
    assert "update  XX-EXAMPLE-NGO-PRJ-2024-001" in out
    assert Project.objects.count() == before + 1


def test_foreign_publishers_are_refused_or_proposed(demo):
    before = (Project.objects.count(), Organisation.objects.count())
    out = _run("acfspain-ph.xml")
    assert out.count("refuse") == 6 and "ACTION AGAINST HUNGER SPAIN (ES-CIF-G81164105)" in out
    assert "is not a known code" in out  # its vocabulary-99 sectors
    assert (Project.objects.count(), Organisation.objects.count()) == before
    _run("acfspain-ph.xml", create_organisations="al-jazira")
    proposed = Organisation.objects.get(iati_identifier="ES-CIF-G81164105")
    assert proposed.status == "applicant"  # the technical team decides; nothing becomes public
    assert proposed.projects.count() == 6
    assert not proposed.projects.filter(review_state="published").exists()


def test_dry_run_writes_nothing(demo):
    before = Project.objects.count()
    out = _run("usaid-bb.xml", dry_run=True, create_organisations="raqqa")
    assert "propose" in out and "Dry run" in out
    assert Project.objects.count() == before


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<iati-activities version='2.03'><iati-activity>", "not well-formed XML"),
        (
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><iati-activities>&e;</iati-activities>',
            "DOCTYPE and ENTITY declarations are not accepted",
        ),
        (b"<iati-organisations version='2.03'/>", "not an IATI activity file"),
        (b"<iati-activities version='1.05'/>", "Only IATI version 2"),
    ],
)
def test_bad_files_are_explained(demo, data, message):
    result = iati_import.read(data)
    assert message in result.error
    assert result.activities == []


def test_command_refuses_a_broken_file(demo, tmp_path):
    path = tmp_path / "broken.xml"
    path.write_bytes(b"<iati-activities version='2.03'><oops>")
    with pytest.raises(CommandError, match="not well-formed"):
        call_command("import_iati", str(path), stdout=StringIO())


def test_upload_in_the_browser_page_previews_then_imports(client, people):
    from django.core.files.uploadedfile import SimpleUploadedFile

    Organisation.objects.filter(slug="deirna").update(iati_identifier="XX-EXAMPLE-NGO")
    client.force_login(people["tech_officer"])
    data = (SAMPLES / "synthetic-nes-activity-2.03.xml").read_bytes()
    response = client.post("/ar/4w/import/", {"file": SimpleUploadedFile("activities.xml", data)})
    assert response.context["activities"].activities[0].action == "create"
    assert not Project.objects.filter(external_id="XX-EXAMPLE-NGO-PRJ-2024-001").exists()
    client.post("/ar/4w/import/", {"token": response.context["token"]})
    assert Project.objects.filter(external_id="XX-EXAMPLE-NGO-PRJ-2024-001").exists()
