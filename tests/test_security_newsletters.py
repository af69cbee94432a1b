"""Issue 10, information exchange: each defect an attacker or a careless user found in newsletters, reproduced,
and kept closed (subscriptions, confirmation links, reviews, comments, methods); with issue 9's news index and
plurals."""

import datetime
import re

import pytest
from django.utils import timezone

from core import ratelimit
from core.models import AuditEvent
from members.models import Organisation
from newsletters import services
from newsletters.models import Activity, Comment, Issue, NewsItem, Subscriber

ORG = "astefir-al-zour"
INBOX = "Check your inbox"


@pytest.fixture
def clock(monkeypatch):
    """Django's clock, moved by the test: `clock.advance(days=8)`."""

    class Clock:
        now = timezone.now()

        def advance(self, **delta):
            self.now += datetime.timedelta(**delta)

    moved = Clock()
    monkeypatch.setattr(timezone, "now", lambda: moved.now)
    return moved


def _subscribe(client, email, language="en", **headers):
    return client.post("/en/newsletters/subscribe/", {"email": email, "language": language}, follow=True, **headers)


def _confirmation_path(message) -> str:
    link = re.search(r"http://\S+/newsletters/confirm/\S+/", message.body).group(0)
    return link.split("127.0.0.1:8000")[1]


# --- 6: confirmation emails to one address are limited, whatever the connection --------------------------------


def test_confirmation_emails_to_one_address_are_limited_behind_a_proxy(
    client, demo, settings, mailoutbox, django_capture_on_commit_callbacks
):
    """25 requests from 25 addresses (a botnet, or one client behind many proxies) for one victim's address: the
    victim receives at most three emails a day, and every request gets the same answer."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    with django_capture_on_commit_callbacks(execute=True):
        answers = [
            _subscribe(
                client,
                "Victim@Example.org" if i % 2 else "victim@example.org",
                REMOTE_ADDR="10.0.0.2",
                HTTP_X_FORWARDED_FOR=f"1.2.3.4, 198.51.100.{i}",
            )
            for i in range(25)
        ]
    assert all(r.status_code == 200 and INBOX in r.content.decode() for r in answers)
    assert len([m for m in mailoutbox if m.to == ["victim@example.org"]]) == 3


@pytest.mark.parametrize(
    "addresses",
    [
        [f"victim+{i}@example.org" for i in range(9)],
        [
            "victim@gmail.com",
            "v.ictim@gmail.com",
            "vic.tim@googlemail.com",
            "victim+news@gmail.com",
            "V.I.C.T.I.M@gmail.com",
        ],
    ],
)
def test_the_limit_counts_the_inbox_not_the_spelling(
    client, demo, mailoutbox, django_capture_on_commit_callbacks, addresses
):
    """ "victim+1@", "victim+2@" ... all reach one inbox; so do Gmail's dotted spellings."""
    with django_capture_on_commit_callbacks(execute=True):
        for address in addresses:
            _subscribe(client, address, REMOTE_ADDR=f"10.2.0.{len(mailoutbox)}")
    assert len(mailoutbox) == 3


def test_the_limit_per_address_does_not_tell_who_is_subscribed(
    client, demo, mailoutbox, django_capture_on_commit_callbacks
):
    """The same page for a subscriber's address, an unknown one and one over its limit: no member list leaks."""
    Subscriber.objects.create(email="member@example.org", confirmed_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(4):
            over = _subscribe(client, "busy@example.org")
        known = _subscribe(client, "member@example.org")
        unknown = _subscribe(client, "stranger@example.org")

    def shown(response):
        page = response.content.decode()
        return response.status_code, page.count(INBOX), "Too many" in page

    assert shown(known) == shown(unknown) == shown(over) == (200, 1, False)
    assert not [m for m in mailoutbox if m.to == ["member@example.org"]]  # already subscribed: nothing to confirm
    assert len([m for m in mailoutbox if m.to == ["busy@example.org"]]) == 3


def test_comment_receipts_to_one_address_are_limited_per_day(
    client, demo, monkeypatch, mailoutbox, django_capture_on_commit_callbacks
):
    """The same rule where a comment sends its author a receipt: three an hour let 72 a day reach a victim."""
    seconds = [1_000_000.0]
    monkeypatch.setattr(ratelimit.time, "time", lambda: seconds[0])
    data = {"name": "N", "email": "victim@example.org", "consent": "on"}
    with django_capture_on_commit_callbacks(execute=True):
        for hour in range(8):
            for i in range(3):
                client.post(
                    "/en/comments/news/here-is-syria/",
                    {**data, "body": f"Hello {hour} {i}"},
                    REMOTE_ADDR=f"10.1.{hour}.{i}",
                )
            seconds[0] += 3600
    assert Comment.objects.filter(email="victim@example.org").count() == 6
    assert len([m for m in mailoutbox if m.to == ["victim@example.org"]]) == 6


# --- 8: a new request resets the confirmation clock and rotates the token --------------------------------------


def test_resubscribing_after_a_week_resets_the_clock_and_rotates_the_token(
    client, demo, clock, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _subscribe(client, "late@example.org")
    first = _confirmation_path(mailoutbox[-1])
    clock.advance(days=8)  # the first link has expired: the reader asks again
    with django_capture_on_commit_callbacks(execute=True):
        _subscribe(client, "late@example.org")
    second = _confirmation_path(mailoutbox[-1])
    assert second != first
    assert client.get(first).status_code == 400  # the old link no longer works
    response = client.get(second)
    assert response.status_code == 200 and "confirmed" in response.content.decode()
    assert Subscriber.objects.get(email="late@example.org").active


def test_someone_who_unsubscribed_a_month_ago_can_subscribe_again(
    client, demo, clock, mailoutbox, django_capture_on_commit_callbacks
):
    subscriber = Subscriber.objects.create(email="back@example.org", confirmed_at=timezone.now())
    old_token = subscriber.token
    clock.advance(days=30)
    services.unsubscribe(token=old_token)
    clock.advance(days=30)
    with django_capture_on_commit_callbacks(execute=True):
        _subscribe(client, "back@example.org", language="ku")
    link = _confirmation_path(mailoutbox[-1])
    assert old_token not in link and link.startswith("/ku/")
    assert client.get(f"/en/newsletters/confirm/{old_token}/").status_code == 400
    assert client.get(link).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.active and subscriber.language == "ku"


# --- 12: after unsubscribing, the old confirmation link tells the truth -----------------------------------------


def test_after_unsubscribing_the_old_confirmation_link_does_not_say_confirmed(
    client, demo, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _subscribe(client, "gone@example.org")
    link = _confirmation_path(mailoutbox[-1])
    assert client.get(link).status_code == 200
    token = Subscriber.objects.get(email="gone@example.org").token
    client.post(f"/en/newsletters/unsubscribe/{token}/")
    response = client.get(link)
    page = response.content.decode()
    assert response.status_code == 400
    assert "is confirmed" not in page and "no longer valid" in page
    assert 'href="/en/newsletters/#subscribe"' in page  # an offer to subscribe again
    assert not Subscriber.objects.get(email="gone@example.org").active


# --- 18: a review must carry an explicit decision ----------------------------------------------------------------


@pytest.mark.parametrize("data", [{}, {"comment": "Looks fine"}, {"decision": "maybe"}])
def test_a_review_without_a_decision_changes_nothing(client, people, data):
    activity = Activity.objects.create(
        organisation=Organisation.objects.get(slug=ORG),
        title="Approved already",
        happened_on="2023-02-02",
        url="https://example.org/a",
        review_state=Activity.Review.APPROVED,
    )
    client.force_login(people["tech_officer"])
    response = client.post(f"/en/office/newsletters/activities/{activity.pk}/", data, follow=True)
    assert "Choose whether to approve or return the activity." in response.content.decode()
    activity.refresh_from_db()
    assert activity.review_state == Activity.Review.APPROVED and activity.review_comment == ""
    assert not AuditEvent.objects.filter(target_id=str(activity.pk), action__startswith="activity.").exists()


@pytest.mark.parametrize("data", [{}, {"decision": "maybe"}])
def test_a_moderation_without_a_decision_changes_nothing(client, people, data):
    """The same rule for comments: a missing decision rejected an approved comment."""
    comment = Comment.objects.create(
        news=NewsItem.objects.get(slug="here-is-syria"),
        name="N",
        email="n@example.org",
        body="Hello",
        status=Comment.Status.APPROVED,
    )
    client.force_login(people["tech_officer"])
    response = client.post(f"/en/office/newsletters/comments/{comment.pk}/", data, follow=True)
    assert "Choose whether to approve or reject the comment." in response.content.decode()
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED


# --- 9: comments on unknown kinds and keys are not found, never a 500 --------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/en/comments/issue/abc/",
        "/en/comments/unknown/7/",
        "/en/comments/project/7/",
        "/en/comments/issue/\u0667/",  # Arabic-Indic seven: str.isdigit() says yes, the URL of issue 7 says no
        "/en/comments/issue/\u00b2/",  # superscript two: a "digit" that int() refuses
    ],
)
def test_a_comment_on_an_unknown_kind_or_key_is_not_found(client, demo, path):
    data = {"name": "N", "email": "n@example.org", "body": "Hello", "consent": "on"}
    assert client.post(path, data).status_code == 404
    assert not Comment.objects.filter(email="n@example.org").exists()


# --- 14 (the same rule here): an invalid month in the activities filter gives none and says why -------------------


@pytest.mark.parametrize("month", ["February", "2023-13", "02/2023", "٢٠٢٣-02"])
def test_an_invalid_month_in_the_activities_filter_shows_none_and_says_why(client, demo, month):
    assert "Continuing to implement technical works" in client.get("/en/activities/").content.decode()
    page = client.get("/en/activities/", {"month": month}).content.decode()
    assert "Give the month as year and month, for example 2023-02." in page
    assert "No activity found." in page and "Continuing to implement technical works" not in page
    feed = client.get("/en/activities/feed/", {"month": month}).content.decode()
    assert "<item>" not in feed


def test_a_valid_month_filters_the_activities(client, demo):
    page = client.get("/en/activities/", {"month": "2023-02"}).content.decode()
    assert "Continuing to implement technical works" in page and "Give the month" not in page
    assert "No activity found." in client.get("/en/activities/", {"month": "2019-02"}).content.decode()


# --- 15: read-only pages refuse other methods ------------------------------------------------------------------


READ_ONLY = [
    "/en/activities/",
    "/en/activities/feed/",
    "/en/news/feed/",
    "/en/news/here-is-syria/",
    "/en/newsletters/",
    "/en/newsletters/7/",
]


@pytest.mark.parametrize("method", ["post", "put", "head"])
def test_a_confirmation_link_confirms_on_get_only(client, demo, method):
    """HEAD is what link checkers send; it must not confirm a subscription either."""
    subscriber = Subscriber.objects.create(email="check@example.org")
    assert getattr(client, method)(f"/en/newsletters/confirm/{subscriber.token}/").status_code == 405
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is None


# --- issue 9: a news index, and plurals ---------------------------------------------------------------------------


def test_news_index_lists_news_newest_first_paginated_and_linked(client, demo):
    for day in range(1, 32):
        NewsItem.objects.create(
            slug=f"news-{day}", title_en=f"News of day {day}", published_on=datetime.date(2024, 1, day)
        )
    page = client.get("/en/news/").content.decode()
    assert page.index("News of day 31") < page.index("News of day 30")
    assert "News of day 1<" not in page  # on the second page
    assert "News of day 1<" in client.get("/en/news/", {"page": 2}).content.decode()
    arabic = client.get("/ar/news/").content.decode()
    assert 'class="lang-mark"' in arabic and 'href="/ar/news/news-31/"' in arabic  # English only: marked fallback
    for linked_from in ("/en/activities/", "/en/newsletters/"):
        assert 'href="/en/news/"' in client.get(linked_from).content.decode()
    assert client.post("/en/news/").status_code == 405


def test_a_campaign_note_counts_in_the_reader_language(client, people):
    """ "1 new signatures, 1 meetings": the figures of a campaign note are plural-aware sentences."""
    issue = Issue.objects.get(number=7)
    entry = issue.entries.filter(campaign__isnull=False).first()
    entry.signatures, entry.meetings = 1, 0
    entry.save()
    page = client.get("/en/newsletters/7/").content.decode()
    assert "1 new signature this period." in page
    assert "1 new signatures" not in page and "0 meetings" not in page
    assert "1 new signature this period." in client.get("/en/newsletters/7/", {"format": "text"}).content.decode()


def test_the_office_counts_messages_with_plural_forms(client, people):
    Subscriber.objects.create(email="only@example.org", confirmed_at=timezone.now())
    client.force_login(people["tech_officer"])
    page = client.post("/en/office/newsletters/issues/7/send/", follow=True).content.decode()
    assert "1 message was queued; the worker sends it." in page
    assert "Published · 1 message<" in client.get("/en/office/newsletters/").content.decode()
