"""Importing a 4W table: preview row by row, all or nothing, one transaction; hostile files refused."""

import io
import zipfile
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from core.models import AuditEvent
from projects.models import Project
from tests.conftest import SHARED

HEADER = "Organisation,Sector,Activity,Sub-district P-code,Start date,End date,Status,People reached\n"
HXL = "#org+lead,#sector+cluster,#activity+name,#adm3+code,#date+start,#date+end,#status,#reached+ind\n"


def _table(*rows, hxl=True):
    return (HEADER + (HXL if hxl else "") + "".join(r + "\n" for r in rows)).encode()


GOOD = [
    "Deirna Organization for Development,Protection,Dialogue sessions in Kisreh,SY090101,2023-01-01,2023-03-31,Completed,120",
    "منظمة بداية,WASH,صيانة شبكة المياه,SY090201,01/02/2023,30/04/2023,Completed,900",
]


def _upload(client, data, name="4w.csv"):
    return client.post("/en/4w/import/", {"file": SimpleUploadedFile(name, data)})


def test_preview_then_confirm_imports_in_one_go(client, people):
    client.force_login(people["tech_officer"])
    before = Project.objects.count()
    response = _upload(client, _table(*GOOD))
    assert response.status_code == 200
    preview = response.context["preview"]
    assert preview.ok and [p.action for p in preview.planned] == ["create", "create"]
    assert Project.objects.count() == before  # nothing written by the preview
    response = client.post("/en/4w/import/", {"token": response.context["token"]})
    assert response.status_code == 302
    assert Project.objects.count() == before + 2
    imported = Project.objects.get(title_ar="صيانة شبكة المياه")
    assert imported.organisation.slug == "bedaya" and imported.review_state == "draft"
    assert [p.pcode for p in imported.places.all()] == ["SY090201"]
    assert AuditEvent.objects.filter(action="project.imported").count() == 2


def test_one_bad_row_writes_nothing_and_says_where(client, people):
    client.force_login(people["tech_officer"])
    before = Project.objects.count()
    bad = "Deirna Organization for Development,Protection,Sessions,SY099999,2023-13-01,2023-03-31,Completed,abc"
    response = _upload(client, _table(GOOD[0], bad))
    errors = response.context["preview"].errors
    assert (4, "Sub-district P-code", "“SY099999” is not a P-code of the gazetteer.") in errors
    assert (4, "Start date", "“2023-13-01” is not a valid date.") in errors
    assert (4, "People reached", "“abc” is not a number.") in errors
    assert response.context["token"] is None
    assert Project.objects.count() == before


def test_same_rules_as_typed_projects(client, people):
    client.force_login(people["tech_officer"])
    future = "Deirna Organization for Development,Protection,Sessions,SY090101,2023-01-01,2099-01-01,Completed,10"
    errors = _upload(client, _table(future)).context["preview"].errors
    assert any("cannot end in the future" in message for _n, _c, message in errors)


def test_round_trip_of_our_own_export_updates(client, people, tmp_path):
    client.force_login(people["tech_officer"])
    export = b"".join(client.get("/en/4w/", {"format": "csv"}).streaming_content)
    preview = _upload(client, export).context["preview"]
    assert preview.ok
    assert {p.action for p in preview.planned} == {"update"}
    assert len(preview.planned) == Project.objects.published().count()


def test_editors_import_only_their_own_organisation(client, people):
    client.force_login(people["astefir_editor"])  # an editor of Astefir Al-Zour
    errors = _upload(client, _table(GOOD[0])).context["preview"].errors
    assert errors and "You may not import projects of" in errors[0][2]
    client.force_login(people["astefir_delegate"])  # no editing role anywhere
    assert _upload(client, _table(GOOD[0])).status_code == 404


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("4w.xlsx", b"PK\x03\x04 this is not a zip at all", "not a spreadsheet"),
        ("4w.csv", b"\x00\x01\x02binary\x00", "not a spreadsheet"),
        ("4w.csv", b"x" * (5 * 1024 * 1024 + 10), "larger than 5 MB"),
        ("4w.csv", b"a,b,c\n1,2,3\n", "no organisation column"),
    ],
)
def test_hostile_or_wrong_files(client, people, name, data, message):
    client.force_login(people["tech_officer"])
    response = _upload(client, data, name)
    assert message in response.context["preview"].error


def test_zip_bomb_is_refused_unread(client, people):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", "0" * (60 * 1024 * 1024))
    client.force_login(people["tech_officer"])
    response = _upload(client, buffer.getvalue(), "bomb.xlsx")
    assert "too much data" in response.context["preview"].error


def test_windows_1256_and_bom_and_xlsx(client, people):
    from openpyxl import Workbook

    client.force_login(people["tech_officer"])
    arabic = "منظمة بداية,WASH,صيانة شبكة المياه,SY090201,01/02/2023,30/04/2023,Completed,900"
    assert _upload(client, _table(arabic).decode().encode("cp1256")).context["preview"].ok
    assert _upload(client, b"\xef\xbb\xbf" + _table(arabic)).context["preview"].ok
    book = Workbook()
    sheet = book.active
    for line in _table(arabic).decode().splitlines():
        sheet.append(line.split(","))
    out = io.BytesIO()
    book.save(out)
    assert _upload(client, out.getvalue(), "4w.xlsx").context["preview"].ok


def test_command_dry_run_and_refusal(demo, tmp_path):
    path = tmp_path / "4w.csv"
    path.write_bytes(_table(*GOOD))
    out = StringIO()
    before = Project.objects.count()
    call_command("import_4w", str(path), dry_run=True, stdout=out)
    assert "Dry run: 2 projects would be imported." in out.getvalue()
    assert Project.objects.count() == before
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_4w", str(SHARED / "data" / "hxl" / "4w_sample_hxl.csv"), stdout=StringIO())
    call_command("import_4w", str(path), stdout=StringIO())
    assert Project.objects.count() == before + 2


def test_places_by_name_are_read_at_their_column_level(client, people):
    # "Deir ez-Zor" names a governorate, a district and a sub-district: the column says which.
    client.force_login(people["tech_officer"])
    header = (
        "Organisation,Sector,Activity,Governorate,District,Sub-district,Start date,End date,Status,People reached\n"
    )
    rows = [
        "Deirna Organization for Development,Protection,Sessions A,Deir ez-Zor,,,2023-01-01,2023-03-31,Completed,10",
        "Deirna Organization for Development,Protection,Sessions B,,Deir ez-Zor,,2023-01-01,2023-03-31,Completed,10",
        "Deirna Organization for Development,Protection,Sessions C,,,Hajin,2023-01-01,2023-03-31,Completed,10",
    ]
    preview = _upload(client, (header + "".join(r + "\n" for r in rows)).encode()).context["preview"]
    assert preview.ok
    assert [[p.pcode for p in plan.places] for plan in preview.planned] == [["SY09"], ["SY0901"], ["SY090201"]]
