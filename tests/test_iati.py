"""IATI 2.03 exports validate against the official schema and use only codes from the codelists."""

from io import StringIO

import pytest
from django.core.management import call_command
from lxml import etree

from fourw import iati
from projects.models import Project
from tests.conftest import SHARED

IATI = SHARED / "data" / "iati"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture(scope="module")
def schema():
    return etree.XMLSchema(etree.parse(str(IATI / "schema" / "iati-activities-schema.xsd")))


def codes(name: str) -> set[str]:
    tree = etree.parse(str(IATI / "codelists" / f"{name}.xml"))
    return {c.text for c in tree.iterfind(".//codelist-item/code")}


# Whole-of-Syria clusters (vocabulary 10, HDX Global Coordination Groups), as mapped in members.Sector.
CLUSTERS = {"PRO", "EDU", "HEA", "WSH", "FSC", "SHL", "ERY", "NUT", "CCM", "LOG"}


def check_codes(doc):
    checks = [
        ("//activity-status/@code", "ActivityStatus"),
        ("//activity-date/@type", "ActivityDateType"),
        ("//participating-org/@role", "OrganisationRole"),
        ("//participating-org/@type", "OrganisationType"),
        ("//reporting-org/@type", "OrganisationType"),
        ("//sector[@vocabulary='1']/@code", "Sector"),
        ("//sector/@vocabulary", "SectorVocabulary"),
        ("//location-reach/@code", "GeographicLocationReach"),
        ("//location-id/@vocabulary", "GeographicVocabulary"),
        ("//administrative/@vocabulary", "GeographicVocabulary"),
        ("//exactness/@code", "GeographicExactness"),
        ("//location-class/@code", "GeographicLocationClass"),
        ("//result/@type", "ResultType"),
        ("//indicator/@measure", "IndicatorMeasure"),
        ("//@default-currency", "Currency"),
        ("//value/@currency", "Currency"),
        ("//recipient-country/@code", "Country"),
        ("//budget/@type", "BudgetType"),
        ("//budget/@status", "BudgetStatus"),
        ("//description/@type", "DescriptionType"),
    ]
    for xpath, codelist in checks:
        used = set(doc.xpath(xpath))
        assert used <= codes(codelist), (xpath, used - codes(codelist))
    assert set(doc.xpath("//sector[@vocabulary='10']/@code")) <= CLUSTERS
    languages = {e.get(XML_LANG) for e in doc.iter() if e.get(XML_LANG)}
    assert languages <= {c.lower() for c in codes("Language")}


def test_coalition_export_is_valid(demo, schema):
    xml = iati.export(Project.objects.published())
    doc = etree.fromstring(xml)
    assert schema.validate(doc), schema.error_log
    assert len(doc.findall("iati-activity")) == Project.objects.published().count()
    check_codes(doc)


def test_every_organisation_export_is_valid(client, demo, schema):
    for slug in Project.objects.published().values_list("organisation__slug", flat=True).distinct():
        response = client.get("/en/4w/", {"organisation": slug, "format": "iati"})
        doc = etree.fromstring(response.content)
        assert schema.validate(doc), (slug, schema.error_log)
        check_codes(doc)
        assert {e.text.rsplit("-", 1)[0] for e in doc.iter("iati-identifier")} == {f"XI-IATI-CIVNET-{slug}"}


def test_export_carries_languages_places_sectors_and_results(demo, people, schema):
    from datetime import date

    from members.models import Organisation, Sector
    from places.models import Place
    from projects import services

    project = services.project_save(
        actor=people["astefir_editor"],
        organisation=Organisation.objects.get(slug="astefir-al-zour"),
        fields={
            "title_en": "School desks",
            "title_ar": "مقاعد مدرسية",
            "title_ku": "Maseyên dibistanê",
            "original_language": "ar",
            "status": "completed",
            "actual_start": date(2021, 7, 1),
            "actual_end": date(2021, 11, 20),
            "targeted_total": 40000,
            "reached_total": 42045,
            "budget": 50000,
            "currency": "USD",
        },
        sectors=[Sector.objects.get(slug="education-protection"), Sector.objects.get(slug="infrastructure")],
        places=[Place.objects.get(pcode="SY090201")],
        outputs=[{"quantity": 12596, "unit": "school desks", "description": "maintained"}],
        partners=[{"name": "Example Foundation", "role": "1"}],
        links=[{"kind": "video", "url": "https://video.example/desks", "title": "Desks repaired"}],
    )
    doc = etree.fromstring(iati.export(Project.objects.filter(pk=project.pk)))
    assert schema.validate(doc), schema.error_log
    check_codes(doc)
    activity = doc.find("iati-activity")
    assert activity.get(XML_LANG) == "ar"
    titles = {n.get(XML_LANG, "ar"): n.text for n in activity.find("title")}
    assert titles == {"ar": "مقاعد مدرسية", "en": "School desks", "ku": "Maseyên dibistanê"}
    assert activity.find("location").get("ref") == "SY090201"
    assert activity.find("location/point/pos").text == "34.83574 40.99698"
    assert sorted((s.get("vocabulary"), s.get("code"), s.get("percentage")) for s in activity.iter("sector")) == [
        ("1", "11220", "50"),
        ("1", "73010", "50"),
        ("10", "EDU", "50"),
        ("10", "ERY", "50"),
    ]
    assert [(d.get("type"), d.get("iso-date")) for d in activity.iter("activity-date")] == [
        ("2", "2021-07-01"),
        ("4", "2021-11-20"),
    ]
    assert activity.find("activity-status").get("code") == "3"
    assert activity.find("participating-org[@role='1']/narrative").text == "Example Foundation"
    actuals = [a.get("value") for a in activity.iter("actual")]
    assert actuals == ["12596", "42045"]
    assert activity.find("budget/value").text == "50000.00"
    assert activity.find("document-link").get("url") == "https://video.example/desks"
    assert set(doc.xpath("//document-link/category/@code")) <= codes("DocumentCategory")


def test_export_command(demo, tmp_path):
    out = tmp_path / "astefir.xml"
    err = StringIO()
    call_command("export_iati", organisation="astefir-al-zour", output=str(out), stderr=err)
    doc = etree.parse(str(out))
    assert (
        len(doc.findall("iati-activity"))
        == Project.objects.published().filter(organisation__slug="astefir-al-zour").count()
    )
    assert "activities written" in err.getvalue()


@pytest.mark.parametrize(
    "data",
    [
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><x>&lol2;</x>',
        b"<iati-activities><unclosed></iati-activities>",
    ],
)
def test_unsafe_or_broken_xml_is_refused(data):
    with pytest.raises(ValueError):
        iati.parse(data)
