"""The committee acting at the same moment, against the real threaded server: three members submitting the same
count give one accepted tally; three sign-offs past a threshold of two sign the election once. Never an error page
(on SQLite and on PostgreSQL, whichever the suite runs on)."""

import threading
from concurrent.futures import ThreadPoolExecutor

from core.models import AuditEvent
from governance.models import CountEntry, Election, Tally
from tests import governance_setup as gs
from tests.conftest import PASSWORD
from tests.test_signing_concurrency import _post, _session_for, server  # noqa: F401 - the threaded server


def _all_at_once(url, jobs):
    start = threading.Barrier(len(jobs))

    def run(job):
        start.wait(timeout=30)
        return _post(url, *job)

    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        return list(pool.map(run, jobs))


def test_three_members_counting_at_once_give_one_tally(server):  # noqa: F811
    setup = gs.build()
    data = {
        "ballots": 10,
        "blank": 0,
        "invalid": 0,
        **{f"votes_{n.code}": v for n, v in zip(setup.candidates, (5, 4, 1), strict=True)},
    }
    url = f"{server}/en/elections/{setup.election.slug}/committee/count/"
    statuses = _all_at_once(url, [(_session_for(member), data) for member in setup.committee])
    assert all(status in (302, 400) for status in statuses), statuses
    assert statuses.count(302) >= 2
    assert Tally.objects.filter(election=setup.election).count() == 1
    assert CountEntry.objects.filter(election=setup.election, outcome="agreed").count() == 2


def test_sign_offs_at_once_sign_the_election_once(server):  # noqa: F811
    setup = gs.build(threshold=2)
    gs.count_twice(setup, 10, 0, 0, 5, 4, 1)
    url = f"{server}/en/elections/{setup.election.slug}/committee/sign/"
    statuses = _all_at_once(url, [(_session_for(member), {"secret": PASSWORD}) for member in setup.committee])
    assert statuses == [302, 302, 302]
    assert setup.refresh().status == Election.Status.SIGNED
    assert setup.election.signoffs.count() == 3
    events = AuditEvent.objects.filter(action=AuditEvent.Action.ELECTION_SIGNED_OFF, target_id=str(setup.election.pk))
    assert [e.data.get("to") for e in events].count("signed") == 1
