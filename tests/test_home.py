"""The home page says what is happening in the coalition: appeals collecting, elections taking nominations or votes,
assemblies and workshops to come, each linked, in the reader's language. What is over, unpublished or still in
preparation is not there."""

import datetime
import re

from django.db.models import F
from django.utils import timezone

from appeals.models import Appeal
from governance.models import Assembly, Election
from trainings.models import Workshop, WorkshopDay


def _happening(client, lang):
    html = client.get(f"/{lang}/").content.decode()
    found = re.search(r'<ul class="list happening">(.*?)</ul>', html, re.S)
    return found.group(1) if found else ""


def test_the_home_page_lists_what_is_open_and_to_come(client, demo):
    appeal = Appeal.objects.order_by("pk").first()
    today = timezone.localdate()
    Appeal.objects.filter(pk=appeal.pk).update(status=Appeal.Status.OPEN, closes_on=today + datetime.timedelta(days=9))
    workshop, hidden = Workshop.objects.order_by("pk")[:2]
    # Both workshops move to the future; one is not published.
    shift = today - WorkshopDay.objects.filter(workshop__in=[workshop, hidden]).order_by("date").first().date
    WorkshopDay.objects.filter(workshop__in=[workshop, hidden]).update(
        date=F("date") + shift + datetime.timedelta(days=30)
    )
    Workshop.objects.filter(pk=hidden.pk).update(published=False)
    preparing = Election.objects.filter(status=Election.Status.PREPARING).first()
    nominations = Election.objects.get(status=Election.Status.NOMINATIONS)

    listed = _happening(client, "en")
    assert f'href="/en/appeals/{appeal.slug}/"' in listed and "Collecting until" in listed
    assert f'href="/en/trainings/workshops/{workshop.slug}/"' in listed and "From" in listed
    assert f"/workshops/{hidden.slug}/" not in listed
    assert f'href="/en/elections/{nominations.slug}/"' in listed and "Nominations close on" in listed
    if preparing is not None:
        assert f"/elections/{preparing.slug}/" not in listed
    published = Election.objects.filter(status=Election.Status.PUBLISHED).first()
    assert f"/elections/{published.slug}/" not in listed  # over
    # Soonest first: the appeal closes in 9 days, before the workshop's first day.
    assert listed.index(f"/appeals/{appeal.slug}/") < listed.index(f"/workshops/{workshop.slug}/")

    # The assembly in session and the one to come; the one held in 2022 is over.
    for assembly in Assembly.objects.exclude(status=Assembly.Status.CLOSED).filter(
        starts_at__gte=timezone.now() - datetime.timedelta(days=1)
    ):
        assert f'href="/en/assemblies/{assembly.slug}/"' in listed
    assert "/assemblies/deir-ez-zor-structuring-2022/" not in listed
    in_session = Assembly.objects.filter(status=Assembly.Status.IN_SESSION).first()
    if in_session is not None:
        assert f'href="/en/assemblies/{in_session.slug}/"' in listed

    arabic = _happening(client, "ar")
    assert f'href="/ar/appeals/{appeal.slug}/"' in arabic
    assert "Collecting" not in arabic and "Nominations close" not in arabic and "From" not in arabic

    # An appeal announced for later is not collecting yet; a closed one is over.
    Appeal.objects.filter(pk=appeal.pk).update(opens_on=today + datetime.timedelta(days=2))
    assert f"/appeals/{appeal.slug}/" not in _happening(client, "en")
    Appeal.objects.filter(pk=appeal.pk).update(opens_on=today, status=Appeal.Status.CLOSED)
    assert f"/appeals/{appeal.slug}/" not in _happening(client, "en")
