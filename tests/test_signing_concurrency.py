"""Signing under load, against the real server: exact counts, one signature per organisation, never an
error page (on SQLite and on PostgreSQL, whichever the suite runs on)."""

import threading
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler

from campaigns.models import Signature, Statement
from coalition.models import Region
from members.models import Affiliation, Organisation
from tests.conftest import PASSWORD

SLUG = "deir-ez-zor-electricity-statement"
CSRF = "a" * 32  # a CSRF secret: the cookie and the form field carry the same value


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _session_for(user) -> str:
    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def _signatories(n, *, organisation=None):
    User = get_user_model()
    region = Region.objects.get(slug="deir-ez-zor")
    people = []
    for i in range(n):
        org = organisation or Organisation.objects.create(
            slug=f"load-{i}", name_en=f"Load Test Organisation {i}", status="member", region=region
        )
        user = User.objects.create_user(f"signer{i}-{org.slug}@example.org", PASSWORD, full_name=f"Signer {i}")
        Affiliation.objects.create(person=user, organisation=org, role="signatory")
        people.append((user, org))
    return people


def _post(url, session_key, data):
    body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": CSRF}).encode()
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={
            "Cookie": f"sessionid={session_key}; csrftoken={CSRF}",
            "Referer": url,
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.fixture
def server(transactional_db, demo):
    """Django's threaded WSGI server with a deep listen queue: 200 clients connect at the same moment."""

    class Server(ThreadedWSGIServer):
        request_queue_size = 512

    class Quiet(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    httpd = Server(("127.0.0.1", 0), Quiet, allow_reuse_address=True)
    httpd.set_app(WSGIHandler())
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _sign_all(base_url, people, workers):
    statement = Statement.objects.get(slug=SLUG)
    version = statement.current_version()
    url = f"{base_url}/en/statements/{SLUG}/sign/"
    jobs = [
        (
            _session_for(user),
            {
                "organisation": org.pk,
                "visibility": "named",
                "password": PASSWORD,
                "version": version.pk,
                "fingerprint": version.fingerprint,
            },
        )
        for user, org in people
    ]
    start = threading.Barrier(min(workers, len(jobs)))

    def run(job):
        try:
            start.wait(timeout=30)
        except threading.BrokenBarrierError:
            pass
        return _post(url, *job)

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(run, jobs)), version


def test_count_is_exact_under_200_concurrent_signings(server):
    people = _signatories(200)
    before = Signature.objects.count()
    statuses, version = _sign_all(server, people, workers=200)
    assert statuses == [302] * 200  # every signer is sent back to the statement, none sees an error
    assert Signature.objects.count() == before + 200
    assert version.signatures.filter(organisation__slug__startswith="load-").count() == 200


def test_two_signatories_of_one_organisation_give_one_signature(server):
    organisation = Organisation.objects.create(
        slug="twin", name_en="Twin Signatories", status="member", region=Region.objects.get(slug="deir-ez-zor")
    )
    people = _signatories(2, organisation=organisation)
    statuses, version = _sign_all(server, people, workers=2)
    assert statuses == [302, 302]
    assert version.signatures.filter(organisation=organisation).count() == 1
