"""Directory search finds organisations by any name or their description, whatever the spelling."""

import pytest

from members import services
from members.models import Organisation


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
