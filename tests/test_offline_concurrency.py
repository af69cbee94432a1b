"""The same outbox record sent many times at once (two phones holding one exported outbox, a retry racing the
first sending), against the real threaded server: recorded once, every answer "recorded", never an error page. On
SQLite and on PostgreSQL, whichever the suite runs on."""

import json
import threading
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from appeals.models import StockEntry
from offline.models import OutboxReceipt
from tests.offline_helpers import intake_record, open_point, submit_url
from tests.test_signing_concurrency import CSRF, _session_for, server  # noqa: F401 (the server fixture)


def _post(url, session_key, data):
    body = urllib.parse.urlencode(data).encode()
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={
            "Cookie": f"sessionid={session_key}; csrftoken={CSRF}",
            "X-CSRFToken": CSRF,
            "Referer": url,
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, error.read()[:300]


def test_concurrent_replays_of_one_record_are_recorded_once(server, people):  # noqa: F811
    editor = people["astefir_editor"]
    point = open_point()
    records = [intake_record(editor, point, receipt=f"RACE-{i}") for i in range(3)]
    session = _session_for(editor)
    url = server + submit_url()
    jobs = [record for record in records for _ in range(8)]
    start = threading.Barrier(len(jobs))

    def run(data):
        try:
            start.wait(timeout=30)
        except threading.BrokenBarrierError:
            pass
        return _post(url, session, data)

    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        answers = list(pool.map(run, jobs))
    assert all(status == 200 for status, _answer in answers), answers
    assert all(answer["status"] == "accepted" for _status, answer in answers)
    assert sum(not answer["already"] for _status, answer in answers) == 3
    for i, data in enumerate(records):
        assert StockEntry.objects.filter(receipt=f"RACE-{i}").count() == 1
        assert OutboxReceipt.objects.filter(client_id=data["client_id"]).count() == 1
