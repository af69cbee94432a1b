"""An appeal's public page shows its collection points on a map of the coalition's governorates (issue 14): one
numbered marker per point, the same number as the point's in the list under it, every marker and name inside the
map's box in both directions, and nothing a public page must not show."""

import re

import pytest

from appeals.models import Appeal, CollectionPoint, Truck
from core import reference
from places.models import Place
from tests.test_browser import browser  # noqa: F401 - the shared Chromium fixture
from tests.test_crawl import CHECKS, PHONE

SLUG = "here-is-syria"


def _svg(html: str) -> str:
    found = re.search(r'<svg class="points-map".*?</svg>', html, re.S)
    assert found, "the page has no map of its collection points"
    return found.group(0)


def _markers(svg: str) -> list[tuple[int, str, float, float, float]]:
    """(number, title, cx, cy, r) of every marker."""
    return [
        (int(number), title, float(cx), float(cy), float(r))
        for title, cx, cy, r, number in re.findall(
            r'<g class="marker status-\w+"><title>(.*?)</title><circle cx="([\d.]+)" cy="([\d.]+)" r="([\d.]+)"/>'
            r"<text [^>]*>(\d+)</text></g>",
            svg,
        )
    ]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_public_page_maps_every_point_with_the_number_of_the_list(client, demo, lang):
    appeal = Appeal.objects.get(slug=SLUG)
    points = CollectionPoint.objects.filter(appeal=appeal).count()
    assert points >= 2
    html = client.get(f"/{lang}/appeals/{SLUG}/").content.decode()
    svg = _svg(html)
    assert 'role="img"' in svg and re.search(r'aria-label="[^"]+"', svg)
    assert f'direction="{"rtl" if lang == "ar" else "ltr"}"' in svg
    assert "style=" not in svg  # strict CSP: styles live in appeals.css
    markers = _markers(svg)
    assert len(markers) == points
    assert sorted(m[0] for m in markers) == list(range(1, points + 1))
    # The list below the map numbers its items the same way, each number beside the point its marker names.
    listed = re.findall(r'<span class="point-number">(\d+)</span> <strong><bdi[^>]*>(.*?)</bdi>', html)
    assert [int(n) for n, _name in listed] == list(range(1, points + 1))
    titles = {number: title for number, title, *_xy in markers}
    for number, organisation in listed:
        assert organisation in titles[int(number)]
    assert html.index('<svg class="points-map"') < html.index('<span class="point-number">')
    # Every marker wholly inside the box.
    width, height = map(float, re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg).groups())
    for _n, _t, cx, cy, r in markers:
        assert r <= cx <= width - r and r <= cy <= height - r
    # The governorates' names inside the box too (generously: about 0.7 em per letter).
    for x, name in re.findall(r'<text class="maplabel" x="([\d.]+)" y="[\d.]+" text-anchor="middle">(.*?)</text>', svg):
        half = len(name) * 12 * 0.7 / 2
        assert half <= float(x) <= width - half, name
    # Attribution of the outlines under the map.
    assert "CC BY 3.0 IGO" in html


def test_the_map_shows_no_driver_plate_or_donor(client, demo):
    restricted = {"A private donor (demo, no consent)", "Hasakah Traders' Association (demo)"}
    for truck in Truck.objects.all():
        restricted.update(v for v in (truck.plate, truck.driver_name, truck.driver_phone) if v)
    for lang in ("en", "ar"):
        svg = _svg(client.get(f"/{lang}/appeals/{SLUG}/").content.decode())
        for value in restricted:
            assert value not in svg


def test_a_point_without_coordinates_sits_in_its_nearest_outlined_place(client, demo):
    point = CollectionPoint.objects.filter(appeal__slug=SLUG).select_related("place").first()
    # A community the gazetteer gives no coordinates, below the point's outlined place: still on the map.
    community = Place.objects.create(level=Place.Level.COMMUNITY, parent=point.place, name_en="Nowhere Mapped (demo)")
    CollectionPoint.objects.filter(pk=point.pk).update(place=community)
    Place.objects.filter(pk=community.pk).update(latitude=None, longitude=None)
    reference.bump("appeals")  # the public account is cached until the next write to an appeal
    reference.clear()
    html = client.get(f"/en/appeals/{SLUG}/").content.decode()
    markers = _markers(_svg(html))
    assert len(markers) == CollectionPoint.objects.filter(appeal__slug=SLUG).count()
    assert any("Nowhere Mapped (demo)" in title for _n, title, *_xy in markers)


def test_the_printed_report_has_the_same_map(client, demo):
    page = _markers(_svg(client.get(f"/en/appeals/{SLUG}/").content.decode()))
    printed = _markers(_svg(client.get(f"/en/appeals/{SLUG}/print/").content.decode()))
    assert page == printed


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_page_and_its_map_fit_a_phone(browser, live_server, transactional_db, demo, lang):  # noqa: F811
    """At 375 px, in both directions: no sideways scrolling, every label of the SVG inside its box (the crawl's
    checks), and the map drawn."""
    context = browser.new_context(viewport=PHONE, locale=lang)
    tab = context.new_page()
    for url in (f"/{lang}/appeals/{SLUG}/", f"/{lang}/appeals/{SLUG}/print/"):
        tab.goto(live_server.url + url)
        assert tab.evaluate(CHECKS) == [], url
        box = tab.locator("svg.points-map").bounding_box()
        assert box and 0 <= box["x"] and box["x"] + box["width"] <= PHONE["width"]
        assert (
            tab.locator("svg.points-map g.marker").count() == CollectionPoint.objects.filter(appeal__slug=SLUG).count()
        )
    context.close()
