"""Answering a needs round under load, against the real threaded server: however many of an organisation's people
submit at the same moment, it has one response; many organisations at once each get theirs; never an error page
(on SQLite and on PostgreSQL, whichever the suite runs on)."""

import datetime
import threading
from concurrent.futures import ThreadPoolExecutor

from django.contrib.auth import get_user_model
from django.utils import timezone

from coalition.models import Region
from members.models import Affiliation, Organisation
from tests.conftest import PASSWORD
from tests.test_signing_concurrency import _post, _session_for, server  # noqa: F401 - the threaded server fixture
from trainings.models import Questionnaire, Response, Round

DATA = {"topics": "advocacy", "format": "workshop", "experience": "3"}  # one value a field: _post does not repeat keys


def _round():
    now = timezone.now()
    training_round = Round.objects.create(
        slug="load-round",
        questionnaire=Questionnaire.objects.get(slug="training-needs", version=1),
        title_en="A round under load",
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=1),
    )
    training_round.regions.set(Region.objects.filter(slug="deir-ez-zor"))
    return training_round


def _editors(n, *, organisation=None):
    User = get_user_model()
    region = Region.objects.get(slug="deir-ez-zor")
    people = []
    for i in range(n):
        org = organisation or Organisation.objects.create(
            slug=f"needs-load-{i}", name_en=f"Needs Load Organisation {i}", status="member", region=region
        )
        user = User.objects.create_user(f"editor{i}-{org.slug}@example.org", PASSWORD, full_name=f"Editor {i}")
        Affiliation.objects.create(person=user, organisation=org, role="editor")
        people.append((user, org))
    return people


def _submit_all(base_url, people, workers):
    jobs = [(f"{base_url}/en/my/trainings/needs/load-round/{org.slug}/", _session_for(user)) for user, org in people]
    start = threading.Barrier(min(workers, len(jobs)))

    def run(job):
        url, session = job
        try:
            start.wait(timeout=30)
        except threading.BrokenBarrierError:
            pass
        return _post(url, session, DATA)

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(run, jobs))


def test_eight_editors_of_one_organisation_submitting_at_once_give_one_response(server):  # noqa: F811
    training_round = _round()
    organisation = Organisation.objects.create(
        slug="many-editors", name_en="Many Editors", status="member", region=Region.objects.get(slug="deir-ez-zor")
    )
    statuses = _submit_all(server, _editors(8, organisation=organisation), workers=8)
    # One is saved (sent back to its answers); the others are told their organisation has already answered.
    assert statuses.count(302) == 1, statuses
    assert set(statuses) <= {302, 400}
    assert Response.objects.filter(round=training_round, organisation=organisation).count() == 1
    response = Response.objects.get(round=training_round, organisation=organisation)
    assert response.answers.count() == 3  # a topic, the format, the scale: one set, never two mixed


def test_fifty_organisations_at_once_each_get_one_response(server):  # noqa: F811
    training_round = _round()
    statuses = _submit_all(server, _editors(50), workers=50)
    assert statuses == [302] * 50
    assert Response.objects.filter(round=training_round).count() == 50
