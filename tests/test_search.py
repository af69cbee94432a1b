"""Directory search finds organisations by any name or their description, whatever the spelling."""

import pytest

from members import services
from members.models import Organisation
from members.selectors import organisation_by_name


@pytest.fixture
def hope(demo):
    """An organisation whose names carry every variant: hamza, taa marbuta, alef maqsura, accents, digits."""
    org = Organisation.objects.get(slug="hope-restoration")
    services.organisation_update(
        actor=None,
        organisation=org,
        fields={
            "name_ar": "جمعيّة إستعادة الأمل للمستشفى",
            "name_ku": "Komeleya Vegerandina Hêviyê ya Sivîl",
            "description_ar": "تأسست عام ٢٠١٩ وتعمل في مدينة الرقة على دعم سُبُل العيش",
        },
    )
    return org


def _names(client, query, lang="ar"):
    response = client.get(f"/{lang}/members/", {"q": query})
    assert response.status_code == 200
    return [o.slug for o in response.context["page"].object_list]


@pytest.mark.parametrize(
    "query",
    [
        "استعادة",  # bare alef for إ
        "إستعادة",  # as written
        "أستعاده",  # other hamza, haa for taa marbuta
        "الامل",  # no hamza
        "للمستشفي",  # yaa for alef maqsura
        "جمعيه استعاده",  # haa for taa marbuta, no shadda
        "جمعـــية إستعـادة",  # tatweel
        "سبل العيش",  # harakat in the stored text
        "2019",  # Arabic-Indic digits stored, ASCII typed
        "۲۰۱۹",  # Eastern digits typed
        "٢٠١٩",
        "sivil",  # Kurmanji without accents
        "Sivîl",
        "HÊVIYÊ",
        "hope restoration",  # English name
    ],
)
def test_search_finds_every_variant(client, hope, query):
    assert _names(client, query) == ["hope-restoration"]


def test_search_across_languages_of_the_page(client, hope):
    assert _names(client, "استعادة", lang="en") == ["hope-restoration"]
    assert _names(client, "sivil", lang="ku") == ["hope-restoration"]


def test_search_by_description(client, demo):
    assert "insaaf" in _names(client, "Hawama")


def test_all_words_must_match(client, hope):
    assert _names(client, "الأمل الرقة") == ["hope-restoration"]
    assert _names(client, "الأمل دمشق") == []


def test_no_match_says_so(client, demo):
    response = client.get("/en/members/", {"q": "zzzz-nothing"})
    assert "No organisation found." in response.content.decode()


def test_filters_by_region_and_sector(client, demo):
    response = client.get("/en/members/", {"region": "deir-ez-zor", "sector": "water"})
    assert sorted(o.slug for o in response.context["page"].object_list) == ["bedaya", "insaaf"]


def test_htmx_request_gets_only_the_results(client, demo):
    response = client.get("/ar/members/", {"q": "ديرنا"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="results"')
    assert "<html" not in html
    assert "deirna" in html


def test_malicious_query_is_harmless(client, demo):
    for query in ("%", "_", "' OR 1=1 --", "<script>alert(1)</script>", "x" * 5000):
        response = client.get("/en/members/", {"q": query})
        assert response.status_code == 200
        assert "<script>alert(1)</script>" not in response.content.decode()


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Astefir Al-Zour Organization", "astefir-al-zour"),
        ("  astefir al-zour ORGANIZATION ", "astefir-al-zour"),  # case, spaces, punctuation
        ("منظمة عصافير الزور", "astefir-al-zour"),
        ("مركز اسو للاستشارات والدراسات الاستراتيجية", "aso-center"),  # bare alef for آ
        ("Navenda ASO ji bo Sewirmendi u Lekolinen Stratejik", "aso-center"),  # Kurmanji without accents
        ("aso", "aso-center"),  # the acronym
        ("Furat Youth Initiative", "furat-youth-initiative"),  # an applicant is found too
    ],
)
def test_organisation_by_name(demo, name, slug):
    found = organisation_by_name(name)
    assert (found.slug if found else None) == slug


def test_organisation_by_name_needs_a_whole_name(demo):
    for name in ("", "  ", "-", "Astefir", "Organization", "%", "Unknown Organisation"):
        assert organisation_by_name(name) is None, name


def test_organisation_by_name_skips_rejected_applicants(demo):
    rejected = Organisation(
        slug="rejected-example",
        name_en="Rejected Example Association",
        region=Organisation.objects.get(slug="astefir-al-zour").region,
        status=Organisation.Status.REJECTED,
    )
    rejected.search_text = rejected.build_search_text()
    rejected.save()
    assert organisation_by_name("Rejected Example Association") is None
