"""Issue 9 for projects and the 4W view: every figure adds up the way the page says it does, charts and the map fit
their box in both directions, the matrix is readable on a phone, the edit form never loses edits, drafts can be
deleted, and the import page is linked from where people need it."""

import datetime
import re

import pytest
from django.utils import translation
from lxml import html as lxml_html

from core.models import AuditEvent
from fourw import charts, selectors
from members.models import Organisation, Sector
from places.models import Place
from places.services import community_add
from projects import services
from projects.models import Project
from tests.conftest import ARTIFACTS, PERSONAS
from tests.test_browser import browser  # noqa: F401 - the shared Chromium fixture
from tests.test_crawl import CHECKS, _session_cookie

# --- Every figure adds up the way the page says ------------------------------------------------------------


def _project(organisation, title, *, reached, places, sectors, start=datetime.date(2022, 3, 1)):
    project = services.project_save(
        actor=None,
        organisation=organisation,
        fields={"title_en": title, "status": "ongoing", "actual_start": start, "reached_total": reached},
        sectors=[Sector.objects.get(slug=s) for s in sectors],
        places=[p if isinstance(p, Place) else Place.objects.get(pcode=p) for p in places],
    )
    Project.objects.filter(pk=project.pk).update(review_state=Project.Review.PUBLISHED)
    return project


@pytest.fixture
def crowded(demo):
    """An organisation of its own (so its projects are the whole selection) whose projects work in several places
    of one sub-district, region, governorate and sector at once."""
    organisation = Organisation.objects.create(
        slug="sums-check",
        name_en="Sums Check",
        name_ar="فحص المجاميع",
        status=Organisation.Status.MEMBER,
        region=selectors.regions()[0],
    )
    hajin = Place.objects.get(pcode="SY090201")
    village = community_add(actor=None, parent=hajin, name_ar="قرية التجربة", name_en="Test village")
    made = [
        # Two sub-districts of Deir ez-Zor, a community inside one of them, two sectors.
        _project(organisation, "A", reached=1000, places=["SY090201", "SY090101", village], sectors=["water", "youth"]),
        # A whole district and a sub-district inside it.
        _project(organisation, "B", reached=300, places=["SY0902", "SY090201"], sectors=["water"]),
        # Two regions: Deir ez-Zor and Al-Jazira.
        _project(organisation, "C", reached=70, places=["SY090201", "SY080000"], sectors=["agriculture"]),
        # A whole governorate whose districts are two regions (Raqqa, Euphrates).
        _project(organisation, "D", reached=5, places=["SY11"], sectors=[], start=None),
        # No place at all.
        _project(organisation, "E", reached=2, places=[], sectors=["youth"]),
    ]
    return organisation, made


def _page(client, **params):
    response = client.get("/en/4w/", params)
    assert response.status_code == 200
    return response.context


def test_every_figure_adds_up_as_the_page_says(client, crowded):
    organisation, made = crowded
    context = _page(client, organisation=organisation.slug)
    total = context["matrix"]["totals"]["reached"]
    assert total == sum(p.reached_total for p in made) == 1377
    assert context["matrix"]["totals"]["projects"] == 5
    series = selectors.series(selectors.Selection(organisation=organisation.slug))

    # By year: each project once, in the year it started; the bars add up to the total.
    assert sum(v for _l, v in series["year"]) == total

    # By sector: a project counts once in each of its sectors (or in "no sector given").
    assert sum(v for _l, v in series["sector"]) == sum(p.reached_total * max(1, p.sectors.count()) for p in made)

    # By region: once in each region it works in — A's three places in Deir ez-Zor count once.
    regions = dict(series["region"])
    assert regions["Deir ez-Zor"] == 1000 + 300 + 70
    assert regions["Al-Jazira (Hasakah)"] == 70
    assert regions["Raqqa"] == regions["Euphrates (Tabqa)"] == 5
    worked_in = {"A": 1, "B": 1, "C": 2, "D": 2, "E": 1}  # E: "outside the regions, or no place given"
    assert sum(regions.values()) == sum(p.reached_total * worked_in[p.title_en] for p in made)
    # And a region's bar is what the page totals when filtered by that region.
    for region in selectors.regions():
        filtered = _page(client, organisation=organisation.slug, region=region.slug)["matrix"]["totals"]
        assert regions[str(region.name)] == (filtered["reached"] or 0), region.slug

    # The matrix: once in each row (sub-district, or the coarser place named) and sector.
    cells = [cell for _node, row in context["matrix"]["rows"] for cell in row if cell]
    rows_of = {"A": 2, "B": 2, "C": 2, "D": 1, "E": 0}  # A: Hajin (with its village) and Kisreh; B: SY0902, Hajin
    assert sum(c["reached"] for c in cells) == sum(
        p.reached_total * rows_of[p.title_en] * p.sectors.count() for p in made
    )
    hajin = next(row for node, row in context["matrix"]["rows"] if node.pcode == "SY090201")
    water = [s.slug for s in context["matrix"]["sectors"]].index("water")
    assert hajin[water] == {"projects": 2, "organisations": 1, "reached": 1300}

    # The map and its table: once in each place.
    located = {node.pcode: (reached, count) for node, reached, count in context["map_rows"]}
    assert located == {
        node.pcode: (reached, count)
        for node, reached, count in selectors.points(selectors.Selection(organisation=organisation.slug))
    }
    assert located["SY090201"] == (1000 + 300 + 70, 3)
    assert sum(r for r, _c in located.values()) == sum(p.reached_total * rows_of[p.title_en] for p in made)


def test_demo_regions_never_exceed_the_total(client, demo):
    context = _page(client)
    total = context["matrix"]["totals"]["reached"]
    series = selectors.series(selectors.Selection())
    for label, value in series["region"]:
        assert value <= total, label
    assert sum(v for _l, v in series["year"]) == total


# --- Charts and map fit their box ---------------------------------------------------------------------------


def _texts(svg: str):
    return lxml_html.fromstring(svg).iter("text")


@pytest.mark.parametrize("rtl", [True, False])
def test_bar_labels_start_on_the_reading_side_inside_the_box(rtl):
    long = "Education, protection and psychosocial support in every sub-district of the region " * 3
    with translation.override("en"):
        svg = charts.bars_svg([(long, 42045), ("المياه", 50000), ("Water", 0)], rtl=rtl, title="t")
    assert f'direction="{"rtl" if rtl else "ltr"}"' in svg
    for text in _texts(svg):
        assert text.get("text-anchor") == "start"
        for tspan in text.iter("tspan"):
            x = float(tspan.get("x"))
            width = charts.text_width(tspan.text, charts.FONT)
            # Text runs from x towards the reading end: leftwards in right-to-left, rightwards otherwise.
            left, right = (x - width, x) if rtl else (x, x + width)
            assert 0 <= left and right <= charts.BAR_WIDTH, tspan.text
    assert "…" in svg and f"<title>{long}: 42,045</title>" in svg  # shortened, whole in its title


def test_map_draws_the_regions_as_shapes_with_names(client, demo):
    html = client.get("/ar/4w/").content.decode()
    assert html.count("<path") > 40  # the sub-districts of three governorates, their borders
    assert "<circle" not in html
    assert "هجين" in html and "SY090201" in html  # names and P-codes, in the table beside the map too
    assert "CC BY 3.0 IGO" in html and "data.humdata.org" in html
    assert not re.search(r'(src|href)="https?://(?!data\.humdata|creativecommons|www\.geoboundaries)', html)


# --- In Chromium: ar and en, phone and desktop ------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["ar", "ku", "syr", "en"])
def test_fourw_fits_phone_and_desktop(browser, live_server, transactional_db, demo, lang):  # noqa: F811
    ARTIFACTS.mkdir(exist_ok=True)
    problems = []
    for width, height in ((375, 812), (1280, 900)):
        context = browser.new_context(viewport={"width": width, "height": height}, locale=lang)
        tab = context.new_page()
        requests = []
        tab.on("request", lambda r, seen=requests: seen.append(r.url))
        for query in ("", "?region=deir-ez-zor", "?place=SY0902"):
            tab.goto(f"{live_server.url}/{lang}/4w/{query}")
            problems += [f"{width}px {query}: {p}" for p in tab.evaluate(CHECKS)]
        tab.goto(f"{live_server.url}/{lang}/4w/")
        tab.screenshot(path=str(ARTIFACTS / f"issue9-4w-{lang}-{width}.png"), full_page=True)
        # The matrix: the place column stays in view when the sectors scroll.
        box = tab.locator(".matrix-scroll")
        box.evaluate("el => { el.scrollLeft = (getComputedStyle(el).direction === 'rtl' ? -1 : 1) * 2000 }")
        sticky = tab.locator("table.matrix tbody th").first.bounding_box()
        outer = box.bounding_box()
        assert outer["x"] - 1 <= sticky["x"] and sticky["x"] + sticky["width"] <= outer["x"] + outer["width"] + 1
        box.screenshot(path=str(ARTIFACTS / f"issue9-4w-matrix-{lang}-{width}.png"))
        if width == 1280:
            # Most sectors are in view on a desktop without scrolling.
            box.evaluate("el => { el.scrollLeft = 0 }")
            shown = tab.evaluate(
                """() => { const b = document.querySelector('.matrix-scroll').getBoundingClientRect();
                return [...document.querySelectorAll('table.matrix thead th')]
                  .filter(th => { const r = th.getBoundingClientRect(); return r.left >= b.left - 1 && r.right <= b.right + 1; })
                  .length; }"""
            )
            assert shown >= 9, shown
        assert all(r.startswith(live_server.url) for r in requests), [r for r in requests if live_server.url not in r]
        context.close()
    assert not problems, "\n".join(problems)


# --- The edit form loses nothing; drafts can be deleted ------------------------------------------------------

ORG = "astefir-al-zour"


def _form_data(**changes):
    from tests.test_projects import _form_data as base

    return base(**changes)


def test_submit_button_sends_the_edits_with_it(client, people):
    client.force_login(people["astefir_editor"])
    client.post(f"/en/my/{ORG}/projects/new/", _form_data(title_en="Pipes of Hajin"))
    project = Project.objects.get(title_en="Pipes of Hajin")
    page = lxml_html.fromstring(client.get(f"/en/my/{ORG}/projects/{project.code}/").content)
    # Every button that submits the project sits in the form with the edits (no separate form to lose them).
    buttons = [b for b in page.iter("button") if "submit for publication" in (b.text_content() or "").lower()]
    assert buttons
    for button in buttons:
        form = next(a for a in button.iterancestors() if a.tag == "form")
        assert form.xpath(".//input[@name='title_en']"), "the submit button is not in the form with the fields"

    response = client.post(
        f"/en/my/{ORG}/projects/{project.code}/", _form_data(title_en="Pipes of Hajin, phase 2", then="submit")
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.title_en == "Pipes of Hajin, phase 2"  # saved first
    assert project.review_state == Project.Review.SUBMITTED


def test_save_and_submit_keeps_the_edits_when_submission_is_refused(client, people):
    client.force_login(people["astefir_editor"])
    client.post(f"/en/my/{ORG}/projects/new/", _form_data(title_en="Half done", sectors=[]))
    project = Project.objects.get(title_en="Half done")
    response = client.post(
        f"/en/my/{ORG}/projects/{project.code}/",
        _form_data(title_en="Half done, edited", sectors=[], then="submit"),
        follow=True,
    )
    project.refresh_from_db()
    assert project.title_en == "Half done, edited" and project.review_state == Project.Review.DRAFT
    assert "was saved, but it has problems to correct" in response.content.decode()


def test_an_empty_project_is_not_saved(client, people):
    client.force_login(people["astefir_editor"])
    before = Project.objects.count()
    response = client.post(f"/en/my/{ORG}/projects/new/", _form_data(title_en="", title_ar=""))
    assert response.status_code == 200
    assert Project.objects.count() == before
    assert "Give the project a title" in response.content.decode()
    # Every door: the service refuses it too.
    with pytest.raises(services.Refused):
        services.project_save(
            actor=people["astefir_editor"],
            organisation=Organisation.objects.get(slug=ORG),
            fields={},
            sectors=[],
            places=[],
        )


def test_editors_delete_drafts_never_published(client, people):
    organisation = Organisation.objects.get(slug=ORG)
    draft = services.project_save(
        actor=people["astefir_editor"],
        organisation=organisation,
        fields={"title_en": "Not needed"},
        sectors=[],
        places=[],
    )
    url = f"/en/my/{ORG}/projects/{draft.code}/delete/"
    for who, status in (("astefir_delegate", 403), ("deirna_admin", 404)):
        client.force_login(people[who])
        assert client.get(url).status_code == status
        assert client.post(url).status_code == status
    client.force_login(people["astefir_editor"])
    assert (
        f'href="/en/my/{ORG}/projects/{draft.code}/delete/"'
        in client.get(f"/en/my/{ORG}/projects/{draft.code}/").content.decode()
    )
    confirm = client.get(url)
    assert confirm.status_code == 200 and b'method="post"' in confirm.content  # asks first, without script
    assert client.post(url).status_code == 302
    assert not Project.objects.filter(pk=draft.pk).exists()
    event = AuditEvent.objects.get(action=AuditEvent.Action.PROJECT_DELETED, target_id=str(draft.pk))
    assert event.actor == people["astefir_editor"] and event.data["title"] == "Not needed"


def test_what_was_published_once_is_never_deleted(client, people):
    project = _project(Organisation.objects.get(slug=ORG), "Public once", reached=1, places=[], sectors=["water"])
    AuditEvent.objects.create(
        action=AuditEvent.Action.PROJECT_PUBLISHED, target_type="projects.project", target_id=str(project.pk)
    )
    client.force_login(people["astefir_editor"])
    url = f"/en/my/{ORG}/projects/{project.code}/delete/"
    assert client.post(url).status_code == 302
    Project.objects.filter(pk=project.pk).update(review_state=Project.Review.RETURNED, published_at=None)
    assert "delete/" not in client.get(f"/en/my/{ORG}/projects/{project.code}/").content.decode()
    client.post(url)
    assert Project.objects.filter(pk=project.pk).exists()
    with pytest.raises(services.Refused):
        services.project_delete(actor=people["astefir_editor"], project=project)


def test_untitled_drafts_stay_reachable(client, people):
    organisation = Organisation.objects.get(slug=ORG)
    untitled = Project.objects.create(organisation=organisation)  # as an older version of CivNet saved them
    client.force_login(people["astefir_editor"])
    page = lxml_html.fromstring(client.get(f"/en/my/{ORG}/projects/").content)
    link = page.xpath(f"//a[@href='/en/my/{ORG}/projects/{untitled.code}/']")
    assert link and link[0].text_content().strip()  # a link with words to click


# --- Where the import page is linked, who sees an organisation's projects -------------------------------------


def test_import_page_is_linked_for_those_who_may_import(client, people):
    import_link = 'href="/en/4w/import/"'
    for who, linked in (
        ("astefir_editor", True),
        ("astefir_admin", True),
        ("tech_officer", True),
        ("astefir_delegate", False),
    ):
        client.force_login(people[who])
        assert (import_link in client.get("/en/4w/").content.decode()) is linked, who
        projects = client.get(f"/en/my/{ORG}/projects/")
        assert projects.status_code == 200, who  # every person of the organisation sees its projects
        assert (import_link in projects.content.decode()) is linked, who
        if linked:
            assert client.get("/en/4w/import/").status_code == 200
    client.logout()
    assert import_link not in client.get("/en/4w/").content.decode()


def test_signatories_read_their_projects_without_edit_links(client, people):
    client.force_login(people["astefir_delegate"])
    html = client.get(f"/en/my/{ORG}/projects/").content.decode()
    assert f"/en/my/{ORG}/projects/new/" not in html and "/edit" not in html
    assert not re.search(rf'href="/en/my/{ORG}/projects/p[0-9a-f]+/"', html)


# --- Dates, plurals -----------------------------------------------------------------------------------------


def test_project_dates_are_day_first_and_isolated(client, demo):
    project = Project.objects.published().exclude(actual_start=None).first()
    for lang in ("en", "ar"):
        html = client.get(f"/{lang}/projects/{project.code}/").content.decode()
        iso = project.actual_start.isoformat()
        assert f'<bdi><time datetime="{iso}">{project.actual_start.day} ' in html, lang
        assert "ltr-num" not in html
        listing = client.get(f"/{lang}/projects/").content.decode()
        assert not re.search(r"\b\d{2}/\d{2}/\d{4}\b", listing)  # no numeric dates whose order depends on locale


def test_one_person_reached_is_singular(client, crowded):
    organisation, _made = crowded
    Project.objects.filter(organisation=organisation).exclude(title_en="A").delete()
    Project.objects.filter(organisation=organisation).update(reached_total=1)
    html = client.get("/en/4w/", {"organisation": organisation.slug}).content.decode()
    assert "1 person reached" in html and "1 people" not in html


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_project_pages_fit_phone_and_desktop(browser, live_server, transactional_db, demo, lang):  # noqa: F811
    from django.contrib.auth import get_user_model

    editor = get_user_model().objects.get(email=PERSONAS["astefir_editor"])
    draft = services.project_save(
        actor=editor,
        organisation=Organisation.objects.get(slug=ORG),
        fields={"title_ar": "مسودة للتجربة", "title_en": "A draft to try"},
        sectors=[],
        places=[],
    )
    published = Project.objects.published().exclude(actual_start=None).first()
    pages = {
        "list": f"/{lang}/my/{ORG}/projects/",
        "form": f"/{lang}/my/{ORG}/projects/{draft.code}/",
        "delete": f"/{lang}/my/{ORG}/projects/{draft.code}/delete/",
        "detail": f"/{lang}/projects/{published.code}/",
    }
    problems = []
    for width, height in ((375, 812), (1280, 900)):
        context = browser.new_context(viewport={"width": width, "height": height}, locale=lang)
        context.add_cookies([{"name": "sessionid", "value": _session_cookie(editor), "url": live_server.url}])
        tab = context.new_page()
        for name, url in pages.items():
            tab.goto(live_server.url + url)
            problems += [f"{width}px {url}: {p}" for p in tab.evaluate(CHECKS)]
            tab.screenshot(path=str(ARTIFACTS / f"issue9-project-{name}-{lang}-{width}.png"), full_page=True)
        context.close()
    assert not problems, "\n".join(problems)
