"""Every mutating view of CivNet, from one table keyed by URL name (tests/views_table_rows.py, issue 8): success,
wrong method, read-only insider, outsider, anonymous visitor. And what keeps the table whole: every URL of CivNet
declares its methods, every URL that accepts more than GET and HEAD has a row (a new one without a row fails,
named), and every other URL refuses POST, PUT, PATCH and DELETE.

The methods a view accepts are read from Django's `require_http_methods` (and `require_POST`, `require_safe`,
`require_GET`), which keeps the list in its wrapper's closure; `functools.wraps` leads through the other
decorators (`login_required`, `technical_team_required`) by `__wrapped__`."""

from dataclasses import dataclass

import pytest
from django.urls import NoReverseMatch, URLResolver, get_resolver, reverse

from appeals.models import CollectionPoint, Convoy
from campaigns.models import IssueRound
from core.models import AuditEvent
from newsletters.models import Subscriber
from projects.models import Project
from tests.conftest import PERSONAS
from tests.governance_setup import governance_document, governance_sheet
from tests.views_table_rows import (
    ANONYMOUS,
    CAMPAIGN,
    EXTRA_PEOPLE,
    ORG,
    STATEMENT,
    TABLE,
    add_extra_people,
    person,
)
from trainings.models import Certificate, Workshop

# CivNet's own packages (pyproject.toml's import-linter root packages): their URLs must declare their methods.
CIVNET = {
    "core",
    "places",
    "coalition",
    "members",
    "projects",
    "fourw",
    "campaigns",
    "appeals",
    "trainings",
    "governance",
    "newsletters",
    "api",
    "backoffice",
    "demo",
    "accounts",
    "offline",
}
READING = frozenset({"GET", "HEAD"})

# URLs served by other packages' views, which cannot carry CivNet's decorators.
THIRD_PARTY = {
    "allauth": "django-allauth's sign-in, sign-up, e-mail, password and two-factor pages: class-based views that "
    "dispatch by method themselves and guard their own forms (CSRF, rate limits); CivNet's configuration of them "
    "is tested in test_two_factor.py and test_security_members.py.",
    "django": "/favicon.ico: Django's RedirectView, a class whose handlers are its methods; it only redirects.",
}
# CivNet's views that declare no methods, so they answer every method. Defects to fix in the app (each can take
# `require_safe`), kept here so that the test says when one is fixed (strict xfail) and no new one joins them.
UNDECLARED: dict[str, str] = {}


# --- reading the URL configuration --------------------------------------------------------------------------------


def declared_methods(view) -> frozenset | None:
    """The methods `require_http_methods` lets through to `view`, or None if no such decorator wraps it."""
    seen = set()
    while view is not None and id(view) not in seen:
        seen.add(id(view))
        for cell in getattr(view, "__closure__", None) or ():
            try:
                value = cell.cell_contents
            except ValueError:  # an empty cell
                continue
            if isinstance(value, list | tuple) and value and all(isinstance(m, str) and m.isupper() for m in value):
                return frozenset(value)
        view = getattr(view, "__wrapped__", None)
    return None


@dataclass(frozen=True)
class Route:
    key: str  # the full URL name, or the view's dotted path where the URL has no name
    name: str | None
    package: str  # the top-level package of the view
    module: str
    methods: frozenset | None

    @property
    def mutating(self) -> bool:
        return bool(self.methods and self.methods - READING)


def _walk(resolver, namespace=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern, f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace)
        else:
            view = pattern.callback
            name = f"{namespace}{pattern.name}" if pattern.name else None
            module = view.__module__
            yield Route(
                key=name or f"{module}.{getattr(view, '__qualname__', type(view).__name__)}",
                name=name,
                package=module.split(".")[0],
                module=module,
                methods=declared_methods(view),
            )


ROUTES = {route.key: route for route in _walk(get_resolver())}
OURS = {key: route for key, route in ROUTES.items() if route.package in CIVNET}
MUTATING = {key for key, route in OURS.items() if route.mutating}
READ_ONLY = sorted(key for key, route in OURS.items() if route.methods and not route.mutating)


# --- the four cases (and the anonymous visitor), over every row -----------------------------------------------------


@pytest.fixture
def everyone(people):
    add_extra_people()


def _login(client, key):
    if key == ANONYMOUS:
        client.logout()
    else:
        client.force_login(person(key))


def _last_event() -> int:
    return AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def _post(client, capture, case, kwargs=None):
    """POST the row's data (after-commit work, such as emails, runs as in production); returns the response and
    the audit events it recorded."""
    url = reverse(case.url_name, kwargs=case.kwargs() if kwargs is None else kwargs)
    data = case.data()
    last = _last_event()
    with capture(execute=True):
        response = client.post(url, data)
    return response, AuditEvent.objects.filter(pk__gt=last)


def _nothing_happened(case, events):
    assert not case.happened()
    assert not events.exists(), list(events.values_list("action", flat=True))


@pytest.mark.parametrize("name", TABLE)
def test_success(client, everyone, django_capture_on_commit_callbacks, name):
    case = TABLE[name]
    _login(client, case.may)
    url = reverse(name, kwargs=case.kwargs())
    data = case.data()
    assert not case.happened(), "the row's check says done before anything was posted"
    last = _last_event()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == case.success_status, response.content.decode()[:2000]
    assert case.happened()
    events = AuditEvent.objects.filter(pk__gt=last)
    if case.action is None:
        assert not events.exists()
    else:
        actor = None if case.may == ANONYMOUS else person(case.may)
        assert events.filter(action=case.action, actor=actor).exists(), list(events.values_list("action", "actor"))


@pytest.mark.parametrize("name", TABLE)
def test_wrong_method(client, everyone, name):
    case = TABLE[name]
    _login(client, case.may)
    url = reverse(name, kwargs=case.kwargs())
    last = _last_event()
    response = client.put(url, case.data()) if case.shows_a_form else client.get(url)
    assert response.status_code == 405
    _nothing_happened(case, AuditEvent.objects.filter(pk__gt=last))


@pytest.mark.parametrize("name", [name for name, case in TABLE.items() if case.read_only])
def test_read_only_insider_is_refused(client, everyone, django_capture_on_commit_callbacks, name):
    case = TABLE[name]
    _login(client, case.read_only)
    response, events = _post(client, django_capture_on_commit_callbacks, case)
    assert response.status_code == (404 if case.office else case.read_only_status)
    _nothing_happened(case, events)


@pytest.mark.parametrize("name", [name for name, case in TABLE.items() if case.outsider])
def test_outsider(client, everyone, django_capture_on_commit_callbacks, name):
    case = TABLE[name]
    _login(client, case.outsider)
    response, events = _post(client, django_capture_on_commit_callbacks, case)
    assert response.status_code == (404 if case.office else case.outsider_status)
    _nothing_happened(case, events)


@pytest.mark.parametrize("name", [name for name, case in TABLE.items() if not case.public])
def test_anonymous_is_sent_to_sign_in_or_not_found(client, everyone, django_capture_on_commit_callbacks, name):
    case = TABLE[name]
    response, events = _post(client, django_capture_on_commit_callbacks, case)
    if case.office:
        assert response.status_code == 404
    elif case.anonymous_status is not None:
        assert response.status_code == case.anonymous_status
    else:
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    _nothing_happened(case, events)


@pytest.mark.parametrize("name", [name for name, case in TABLE.items() if case.hidden])
def test_what_is_not_public_is_not_found(client, everyone, django_capture_on_commit_callbacks, name):
    case = TABLE[name]
    _login(client, case.may)
    case.kwargs()  # prepares what a success would need, so that only the hidden target refuses
    response, events = _post(client, django_capture_on_commit_callbacks, case, kwargs=case.hidden())
    assert response.status_code == 404
    _nothing_happened(case, events)


# --- the table is whole, and says what the views say ---------------------------------------------------------------


@pytest.mark.parametrize(
    "key",
    [
        pytest.param(key, marks=pytest.mark.xfail(strict=True, reason=UNDECLARED[key])) if key in UNDECLARED else key
        for key in sorted(OURS)
    ],
)
def test_every_view_declares_its_methods(key):
    assert OURS[key].methods is not None, f"{key} ({OURS[key].module}) answers every method: declare them"


def test_the_known_undeclared_views_are_still_there():
    assert set(UNDECLARED) <= set(OURS), "a view listed as undeclared is gone: remove it from UNDECLARED"


def test_other_packages_urls_are_the_known_ones():
    assert {route.package for route in ROUTES.values()} - CIVNET == set(THIRD_PARTY)


def test_every_mutating_url_has_a_row():
    unnamed = sorted(key for key in MUTATING if OURS[key].name is None)
    assert not unnamed, f"mutating URLs without a name (the table is keyed by name): {unnamed}"
    missing = sorted(MUTATING - set(TABLE))
    assert not missing, f"mutating URLs without a row in tests/views_table_rows.py: {missing}"
    stale = sorted(set(TABLE) - MUTATING)
    assert not stale, f"rows for URLs that no longer accept POST (or no longer exist): {stale}"


@pytest.mark.parametrize("name", TABLE)
def test_the_row_says_what_the_view_says(name):
    case, route = TABLE[name], OURS[name]
    assert case.office == route.module.endswith(".views_office"), "office rows are exactly the views_office views"
    assert case.shows_a_form == ("GET" in route.methods)
    people = {*PERSONAS, *EXTRA_PEOPLE}
    assert case.may in people | {ANONYMOUS}
    assert {case.read_only, case.outsider} - {None} <= people
    if case.public:
        assert (case.may, case.read_only, case.outsider, case.office) == (ANONYMOUS, None, None, False)
    departs = (
        case.public
        or (case.read_only is None and not case.office)
        or (case.read_only_status, case.outsider_status, case.success_status, case.anonymous_status)
        != (403, 404, 302, None)
    )
    assert case.note or not departs, "say in the row's note why it departs from the rule"


# Arguments naming something of the demo data, for each read-only URL that takes some.
# Pages that only send the reader on: the bare / (to the reader's language) and /favicon.ico.
REDIRECTS = {"root", "favicon"}

SAMPLES = {
    "coalition:region": lambda: {"slug": "deir-ez-zor"},
    "coalition:body": lambda: {"slug": "general-board"},
    "members:profile": lambda: {"slug": "deirna"},
    "projects:detail": lambda: {"code": Project.objects.published().order_by("pk")[0].code},
    "projects:org_projects": lambda: {"slug": ORG},
    "campaigns:detail": lambda: {"slug": CAMPAIGN},
    "campaigns:statement": lambda: {"slug": STATEMENT},
    "campaigns:signatures_csv": lambda: {"slug": STATEMENT},
    "campaigns:signatures_json": lambda: {"slug": STATEMENT},
    "campaigns:signed_print": lambda: {"slug": STATEMENT},
    "campaigns:round": lambda: {"slug": IssueRound.objects.order_by("pk")[0].slug},
    "newsletters:news": lambda: {"slug": "here-is-syria"},
    "newsletters:confirm": lambda: {"token": Subscriber.objects.create(email="sample@example.org").token},
    "newsletters:issue": lambda: {"number": 7},
    "api_project": lambda: {"code": Project.objects.published().order_by("pk")[0].code},
    "api_organisation": lambda: {"slug": "deirna"},
    "appeals:detail": lambda: {"slug": "here-is-syria"},
    "appeals:print": lambda: {"slug": "here-is-syria"},
    "appeals:export": lambda: {"slug": "here-is-syria", "fmt": "csv"},
    "appeals:coordinate": lambda: {"slug": "here-is-syria"},
    "appeals:point": lambda: {"code": CollectionPoint.objects.order_by("pk")[0].code},
    "appeals:convoy": lambda: {"code": Convoy.objects.order_by("pk")[0].code},
    "trainings:needs": lambda: {"slug": "training-needs-2021"},
    "trainings:needs_file": lambda: {"slug": "training-needs-2021", "fmt": "csv"},
    "trainings:workshop": lambda: {"slug": "aso-advocacy-hajin"},
    "trainings:certificate": lambda: {"code": Certificate.objects.order_by("pk")[0].code},
    "trainings:capacity": lambda: {"organisation": ORG},
    "trainings:attendance": lambda: {"slug": "aso-advocacy-hajin"},
    "trainings:xlsform": lambda: {"slug": "training-needs", "version": 1},
    "trainings:round_results": lambda: {"slug": "training-needs-2021"},
    "trainings:round_file": lambda: {"slug": "training-needs-2021", "fmt": "xlsx"},
    "trainings:report_workshop": lambda: {"slug": "aso-advocacy-hajin"},
    "trainings:report_project": lambda: {"code": Workshop.objects.get(slug="aso-advocacy-hajin").project.code},
    "governance:assembly": lambda: {"slug": "deir-ez-zor-structuring-2022"},
    "governance:document": governance_document,
    "governance:election": lambda: {"slug": "operational-body-deir-ez-zor-2022"},
    "governance:election_json": lambda: {"slug": "operational-body-deir-ez-zor-2022"},
    "governance:committee": lambda: {"slug": "operational-body-deir-ez-zor-2022"},
    "governance:sheet": governance_sheet,
    "governance:office_assembly": lambda: {"slug": "deir-ez-zor-structuring-2022"},
    "governance:office_election": lambda: {"slug": "operational-body-deir-ez-zor-2022"},
    "governance:ballot_box": lambda: {"slug": "deir-ez-zor-online-demo"},
    "governance:online_file": lambda: {"slug": "deir-ez-zor-online-demo", "name": "election.json"},
    "governance:online": lambda: {"slug": "deir-ez-zor-online-demo"},
    "governance:trustee_file": lambda: {"slug": "deir-ez-zor-online-demo", "name": "certs.jsons"},
}


@pytest.mark.parametrize("key", READ_ONLY)
def test_every_view_that_only_reads_refuses_other_methods(client, people, key):
    """As the technical team, who passes every permission check, so that the method alone decides. HEAD is
    refused where the view says so (a confirmation link: link checkers send HEAD)."""
    methods = OURS[key].methods
    assert methods <= READING
    client.force_login(people["tech_officer"])
    try:
        url = reverse(key, kwargs=SAMPLES[key]() if key in SAMPLES else None)
    except NoReverseMatch:
        pytest.fail(f"{key} takes arguments: add a sample of them to SAMPLES")
    for method in ("post", "put", "patch", "delete"):
        assert getattr(client, method)(url).status_code == 405, method
    answer = 302 if key in REDIRECTS else 200
    assert client.head(url).status_code == (answer if "HEAD" in methods else 405)
    assert client.get(url).status_code == answer
