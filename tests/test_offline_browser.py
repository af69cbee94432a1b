"""The offline outbox in Chromium (Playwright's offline emulation), on a 375 px phone, in Arabic and English:
forms opened online once open offline, records are kept encrypted and survive reloads, are sent once when the line
comes back, replays add nothing, an exported outbox is imported after the site's data was cleared, a refused
record shows its reason and opens again in its form, signing out warns about waiting records, and an update of the
service worker leaves the outbox alone. Screenshots go to test-artifacts/."""

import json
import time

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Error as PlaywrightError

from appeals.models import Item, StockEntry
from governance.models import Assembly, Attendance
from newsletters.models import Activity
from offline import selectors
from offline.models import OutboxReceipt
from projects.models import Project
from tests.offline_helpers import open_point
from tests.test_browser import browser, shot  # noqa: F401 (the browser fixture)
from tests.test_signing_concurrency import _session_for
from trainings.models import Attendance as DayAttendance
from trainings.models import Workshop

pytestmark = pytest.mark.browser

READ_RECORDS = """() => new Promise((resolve, reject) => {
  const open = indexedDB.open("civnet-outbox", 1);
  open.onupgradeneeded = () => open.result.createObjectStore("records", { keyPath: "id" });
  open.onsuccess = () => {
    const request = open.result.transaction("records").objectStore("records").getAll();
    request.onsuccess = () => { open.result.close(); resolve(request.result); };
    request.onerror = () => reject(request.error);
  };
  open.onerror = () => reject(open.error);
})"""
CONTROLLED = "() => navigator.serviceWorker && navigator.serviceWorker.controller !== null"
KEPT = "() => caches.open('civnet-pages').then((c) => c.match(location.pathname)).then(Boolean)"


def _poll(page, script, timeout=20):
    """Wait until an asynchronous script answers true (wait_for_function takes a promise for a true answer)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            if page.evaluate(script):
                return
        except PlaywrightError:  # a page being replaced by the next one
            pass
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout} s: {script}")
        page.wait_for_timeout(200)


def _until(page, condition, timeout=20):
    """Wait for the server's side; the page's events keep being delivered meanwhile."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("the server did not record it in time")
        page.wait_for_timeout(200)


def _url(name, lang, **kwargs):
    with translation.override(lang):
        return reverse(name, kwargs=kwargs or None)


@pytest.fixture
def phone(browser, live_server, transactional_db, demo, settings):  # noqa: F811
    from django.core.cache import cache

    cache.clear()
    settings.CIVNET_BASE_URL = live_server.url
    contexts = []

    def new(person, lang):
        context = browser.new_context(
            viewport={"width": 375, "height": 800}, locale=lang, accept_downloads=True, service_workers="allow"
        )
        context.add_cookies([{"name": "sessionid", "value": _session_for(person), "url": live_server.url}])
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.errors = errors
        page.base = live_server.url
        contexts.append(context)
        return page

    yield new
    for context in contexts:
        context.close()


def _open_online(page, path):
    """Open a form online once: the worker takes the page and a copy of the form is kept."""
    page.goto(page.base + path)
    page.wait_for_function(CONTROLLED, timeout=15000)
    page.reload()  # now through the worker
    _poll(page, KEPT)


def _records(page):
    return page.evaluate(READ_RECORDS)


def _counter(page, expected=None):
    """The header's counter of waiting records ("" when hidden), once it says `expected` (the script fills it)."""
    counter = page.locator("[data-outbox-counter]")
    script = "() => { const c = document.querySelector('[data-outbox-counter]'); return c && %s; }"
    if expected:
        _poll(page, script % f"!c.hidden && c.textContent.includes({json.dumps(expected)})")
    else:
        _poll(page, script % "c.hidden")
    return "" if counter.is_hidden() else counter.inner_text()


def _queue_intake(page, receipt, quantity="4"):
    form = page.locator("form[data-offline=intake]")
    item = Item.objects.get(name_en="Blanket")
    form.locator("[name=item]").select_option(str(item.pk))
    form.locator("[name=unit]").select_option(item.unit)
    form.locator("[name=quantity]").fill(quantity)
    form.locator("[name=receipt]").fill(receipt)
    before = len(_records(page))
    form.locator("button[type=submit]").click()
    _poll(page, f"() => ({READ_RECORDS})().then((r) => r.length > {before})")
    page.locator("[data-outbox-notice]").wait_for()


def _import(page, path):
    page.locator("[data-outbox-import]").set_input_files(path)


def _wait_sent(page, remaining=0):
    _poll(page, f"() => ({READ_RECORDS})().then((r) => r.filter((x) => x.status === 'waiting').length === {remaining})")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_offline_records_are_kept_encrypted_and_sent_once(phone, people, tmp_path, lang):
    editor = people["astefir_editor"]
    point = open_point()
    page = phone(editor, lang)
    point_url = _url("appeals:point", lang, code=point.code)
    activity_url = _url("newsletters:activity_new", lang, slug="astefir-al-zour")
    project_url = _url("projects:create", lang, slug="astefir-al-zour")
    for path in (point_url, activity_url, project_url):
        _open_online(page, path)

    page.context.set_offline(True)
    page.goto(page.base + point_url)
    assert page.evaluate("document.documentElement.hasAttribute('data-offline-copy')")
    # The copy holds the forms only: none of the point's stock or ledger.
    assert page.locator("#stock").count() == 0 and page.locator("#ledger").count() == 0
    receipts = [f"OFF-{lang}-{i}" for i in range(3)]
    for i, receipt in enumerate(receipts):
        _queue_intake(page, receipt, quantity=str(11 + i))
    assert "3" in _counter(page, "3")
    shot(page, f"offline-{lang}-queued")
    page.reload()
    assert "3" in _counter(page, "3")
    stored = _records(page)
    assert len(stored) == 3 and {r["status"] for r in stored} == {"waiting"}
    plain = json.dumps(stored)
    for secret in [*receipts, "quantity", "receipt", "client_uuid", point_url, str(point.code)]:
        assert secret not in plain, f"{secret} readable on the phone"
    # Any page not kept says it needs the network.
    page.goto(page.base + _url("projects:registry", lang))
    assert page.locator("[data-offline-fallback]").count() == 1
    with page.expect_download() as download:
        page.locator("[data-outbox-export]").click()
    exported = tmp_path / "outbox.json"
    download.value.save_as(exported)
    assert len(json.loads(exported.read_text())["records"]) == 3

    page.context.set_offline(False)
    page.goto(page.base + _url("offline:outbox", lang))
    _wait_sent(page)
    page.wait_for_load_state()
    assert StockEntry.objects.filter(receipt__in=receipts).count() == 3
    assert _counter(page, "") == ""
    # The same outbox replayed twice: "already recorded", nothing added.
    answers = []
    page.on("response", lambda r: answers.append(r.status) if r.url.endswith("/offline/submit/") else None)
    for replay in (1, 2):
        page.goto(page.base + _url("offline:outbox", lang))
        _import(page, exported)
        _until(page, lambda expected=3 * replay: len(answers) == expected)
        _poll(page, f"() => ({READ_RECORDS})().then((r) => r.length === 0)")
    assert answers == [200] * 6, answers
    assert StockEntry.objects.filter(receipt__in=receipts).count() == 3
    assert OutboxReceipt.objects.filter(user=editor).count() == 3
    page.goto(page.base + _url("offline:outbox", lang))
    assert page.locator("[data-receipt]").count() == 3
    shot(page, f"offline-{lang}-sent")

    # An activity and a project draft offline, exported, the site's data cleared, imported on a fresh phone.
    page.context.set_offline(True)
    page.goto(page.base + activity_url)
    form = page.locator("form[data-offline=activity]")
    form.locator("[name=title]").fill(f"Offline activity {lang}")
    form.locator("[name=happened_on]").fill("2023-02-20")
    form.locator("[name=url]").fill("https://video.example/hajin")
    form.locator("button[type=submit]").click()
    page.locator("[data-outbox-notice]").wait_for()
    page.goto(page.base + project_url)
    form = page.locator("form[data-offline=project]")
    form.locator("[name=title_en]").fill(f"Offline draft {lang}")
    form.locator("button[type=submit]").first.click()
    page.locator("[data-outbox-notice]").wait_for()
    assert len(_records(page)) == 2
    page.goto(page.base + _url("projects:registry", lang))
    with page.expect_download() as download:
        page.locator("[data-outbox-export]").click()
    second = tmp_path / "second.json"
    download.value.save_as(second)
    page.context.set_offline(False)
    page.goto("about:blank")
    cdp = page.context.new_cdp_session(page)
    cdp.send("Storage.clearDataForOrigin", {"origin": page.base, "storageTypes": "all"})
    fresh = phone(editor, lang)
    fresh.goto(fresh.base + _url("offline:outbox", lang))
    assert _records(fresh) == []
    assert len(json.loads(second.read_text())["records"]) == 2
    _import(fresh, second)
    _until(fresh, lambda: OutboxReceipt.objects.filter(kind__in=["activity", "project"]).count() == 2)
    _poll(fresh, f"() => ({READ_RECORDS})().then((r) => r.length === 0)")
    assert Activity.objects.filter(title=f"Offline activity {lang}").count() == 1
    assert Project.objects.filter(title_en=f"Offline draft {lang}").count() == 1
    assert not page.errors and not fresh.errors, page.errors + fresh.errors


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_refused_record_shows_its_reason_and_opens_again_in_its_form(phone, people, lang):
    editor = people["astefir_editor"]
    point = open_point()
    page = phone(editor, lang)
    point_url = _url("appeals:point", lang, code=point.code)
    _open_online(page, point_url)
    page.context.set_offline(True)
    page.reload()
    _queue_intake(page, f"NEG-{lang}", quantity="-3")
    page.context.set_offline(False)
    page.goto(page.base + _url("offline:outbox", lang))
    _poll(page, f"() => ({READ_RECORDS})().then((r) => r.length === 1 && r[0].status === 'refused')")
    page.reload()
    refused = page.locator("#receipts li", has=page.locator("[data-outbox-reopen]"))
    assert refused.count() == 1
    reason = refused.locator("p[dir=auto]").inner_text()
    assert reason.strip()
    if lang == "en":
        assert "The quantity must be a number greater than zero." in reason
    shot(page, f"offline-{lang}-refused")
    refused.locator("[data-outbox-reopen]").click()
    page.wait_for_url(f"**{point_url}*")
    form = page.locator("form[data-offline=intake]")
    form.locator("[name=quantity]").wait_for()
    page.wait_for_function("() => document.querySelector('form[data-offline=intake] [name=receipt]').value !== ''")
    assert form.locator("[name=receipt]").input_value() == f"NEG-{lang}"
    assert form.locator("[name=quantity]").input_value() == "-3"
    form.locator("[name=quantity]").fill("3")
    form.locator("button[type=submit]").click()
    _until(page, lambda: StockEntry.objects.filter(receipt=f"NEG-{lang}").exists())
    _poll(page, f"() => ({READ_RECORDS})().then((r) => r.length === 0)")
    assert StockEntry.objects.filter(receipt=f"NEG-{lang}", quantity=3).count() == 1
    assert not page.errors, page.errors


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_signing_out_with_waiting_records_warns_and_a_worker_update_keeps_them(phone, people, monkeypatch, lang):
    editor = people["astefir_editor"]
    point = open_point()
    page = phone(editor, lang)
    _open_online(page, _url("appeals:point", lang, code=point.code))
    page.context.set_offline(True)
    page.reload()
    _queue_intake(page, f"WAIT-{lang}")
    # Back online, but the server cannot be reached for sending: the record waits.
    page.route("**/offline/submit/", lambda route: route.abort())
    page.context.set_offline(False)

    old = page.evaluate("caches.keys()")
    monkeypatch.setattr(selectors, "shell_version", lambda: "updated00000000")
    page.goto(page.base + _url("offline:outbox", lang))
    page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.update())")
    _poll(page, "() => caches.keys().then((k) => k.includes('civnet-shell-updated00000000'))")
    _poll(page, "() => caches.keys().then((k) => k.filter((n) => n.startsWith('civnet-shell-')).length === 1)")
    assert [n for n in old if n.startswith("civnet-shell-")] != ["civnet-shell-updated00000000"]
    assert len(_records(page)) == 1 and _records(page)[0]["status"] == "waiting"

    page.goto(page.base + _url("account_logout", lang))
    dialogs = []

    def dismiss(dialog):
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", dismiss)
    page.locator("main form button[type=submit], main form [type=submit]").first.click()
    _until(page, lambda: dialogs, timeout=10)
    assert len(dialogs) == 1 and "1" in dialogs[0]
    assert page.url.endswith(_url("account_logout", lang))  # still here, still signed in
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("main form [type=submit]").first.click()
    # offline.js forgets the kept pages first, then signs out: wait until the browser has left (a load state read
    # before that would be the sign-out page's own, and the next script would run as it is replaced).
    page.wait_for_url(lambda url: not url.endswith(_url("account_logout", lang)))
    page.wait_for_load_state()
    _poll(page, "() => caches.keys().then((k) => !k.includes('civnet-pages'))")
    assert len(_records(page)) == 1  # signing out keeps the record; it waits for the person's next sign-in
    assert StockEntry.objects.filter(receipt=f"WAIT-{lang}").count() == 0
    assert not page.errors, page.errors


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_roll_call_and_a_workshop_day_are_recorded_offline(phone, people, lang):
    """The hall without signal and the trainer in a village: both pages open offline once opened online, a tap is
    kept on the phone, and sent once the line is back."""
    assembly = Assembly.objects.filter(status=Assembly.Status.PREPARING).first()
    Assembly.objects.filter(pk=assembly.pk).update(status=Assembly.Status.IN_SESSION)
    organisation = assembly.invited.select_related("organisation").first().organisation
    page = phone(people["tech_officer"], lang)
    roll_call = _url("governance:office_attendance", lang, slug=assembly.slug)
    _open_online(page, roll_call)
    page.context.set_offline(True)
    page.reload()
    card = page.locator(f"#org-{organisation.pk}")
    card.locator("input[name=representative_name]").fill("Offline (demo)")
    card.locator("button[name=present]").click()
    _poll(page, f"() => ({READ_RECORDS})().then((r) => r.length === 1)")
    assert not Attendance.objects.filter(assembly=assembly, organisation=organisation).exists()
    page.context.set_offline(False)
    page.reload()
    _wait_sent(page)
    _until(page, lambda: Attendance.objects.filter(assembly=assembly, organisation=organisation).exists())

    workshop = Workshop.objects.get(slug="aso-advocacy-hajin")
    day = workshop.days.order_by("date").first()
    trainer = phone(people["astefir_editor"], lang)
    sheet = _url("trainings:attendance_day", lang, slug=workshop.slug, date=day.date.isoformat())
    _open_online(trainer, sheet)
    trainer.context.set_offline(True)
    trainer.reload()
    form = trainer.locator("form[data-offline=attendance]")
    for box in form.locator("input[name=present]").all():
        box.set_checked(False)
    form.locator("input[name=present]").first.set_checked(True)
    form.locator("button[type=submit]").click()
    _poll(trainer, f"() => ({READ_RECORDS})().then((r) => r.length === 1)")
    trainer.context.set_offline(False)
    trainer.reload()
    _wait_sent(trainer)
    _until(trainer, lambda: DayAttendance.objects.filter(day=day).count() == 1)
    shot(trainer, f"offline-{lang}-attendance-sent")
    assert page.errors == [] and trainer.errors == []
