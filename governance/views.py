"""Public pages of governance: assemblies (agenda, attendance and quorum, decisions, minutes, elections, public
documents) and elections (rules, candidates, status, the roll's fingerprint and, once published, the result and
the committee's sign-offs), with election.json for anyone to check the roll and the result. They only read."""

import json

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from core.permissions import is_technical_team
from governance import selectors
from governance.models import ROLL_STEPS, Assembly, AssemblyDocument, Channel, Election, Nomination
from governance.permissions import organisations_for, visible
from members.models import Affiliation


@require_safe
def assemblies(request):
    return render(
        request, "governance/assemblies.html", {"assemblies": selectors.public_assemblies(), "nav": "assemblies"}
    )


@require_safe
def assembly(request, slug):
    item = get_object_or_404(Assembly.objects.select_related("region", "place"), slug=slug)
    elections = [e for e in item.elections.select_related("body") if visible(request.user, e)]
    return render(
        request,
        "governance/assembly.html",
        {
            "assembly": item,
            "agenda": item.agenda.all(),
            "quorum": selectors.quorum(item),
            "present": item.attendance.select_related("organisation").order_by("organisation__slug"),
            "elections": elections,
            "documents": item.documents.filter(is_public=True).defer("data"),
        },
    )


@require_safe
def document(request, slug, code):
    item = get_object_or_404(AssemblyDocument, code=code, assembly__slug=slug)
    if not item.is_public and not is_technical_team(request.user):
        raise Http404
    response = HttpResponse(bytes(item.data), content_type=item.content_type)
    response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _election(request, slug) -> Election:
    item = get_object_or_404(Election.objects.select_related("assembly", "body", "rules", "runoff_of"), slug=slug)
    if not visible(request.user, item):
        raise Http404
    return item


@require_safe
def election(request, slug):
    item = _election(request, slug)
    nominations = list(
        Nomination.objects.filter(election=item, withdrawn_at__isnull=True)
        .select_related("organisation", "person")
        .order_by("organisation__slug", "pk")
    )
    can_nominate = (
        item.status == Election.Status.NOMINATIONS
        and organisations_for(request.user, Affiliation.Role.ADMIN, assembly=item.assembly).exists()
    )
    complain_organisations = (
        list(
            organisations_for(request.user, Affiliation.Role.ADMIN, Affiliation.Role.DELEGATE).filter(
                pk__in=item.roll.values("organisation")
            )
        )
        if item.status == Election.Status.PUBLISHED and item.complaints_until and timezone.now() < item.complaints_until
        else []
    )
    on_committee = selectors.committee_member(request.user, item) is not None
    # While nominations are open, the person nominated and the nominating organisation's admins follow theirs here.
    mine = []
    if request.user.is_authenticated and item.status == Election.Status.NOMINATIONS:
        admin_of = set(
            Affiliation.objects.filter(person=request.user, role=Affiliation.Role.ADMIN).values_list(
                "organisation", flat=True
            )
        )
        mine = [n for n in nominations if n.person_id == request.user.pk or n.organisation_id in admin_of]
    online = selectors.online_channel(item)
    can_vote_online = (
        online is not None
        and online.opened_at is not None
        and item.status == Election.Status.VOTING
        and request.user.is_authenticated
        and organisations_for(request.user, Affiliation.Role.ADMIN, Affiliation.Role.DELEGATE)
        .filter(pk__in=item.roll.values("organisation"))
        .exists()
    )
    return render(
        request,
        "governance/election.html",
        {
            "election": item,
            "candidates": [n for n in nominations if n.is_candidate],
            "roll": selectors.roll_slugs(item) if item.roll_frozen_at else [],
            "roll_steps": ROLL_STEPS,
            "result": selectors.result_rows(item),
            "channels": [c for c in Channel if c.value in (item.result or {}).get("channels", {})],
            "signoffs": item.signoffs.select_related("member__organisation") if item.status == "published" else [],
            "can_nominate": can_nominate,
            "mine": mine,
            "can_complain": bool(complain_organisations),
            "complain_organisations": complain_organisations,
            "on_committee": on_committee,
            "online": online if online is not None and online.opened_at else None,
            "can_vote_online": can_vote_online,
            "runoffs": item.runoffs.all(),
            "complaints": item.complaints.exclude(decided_at=None).select_related("organisation"),
        },
    )


@require_safe
def election_json(request, slug):
    item = _election(request, slug)
    response = HttpResponse(
        json.dumps(selectors.public_record(item), ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _opened_channel(request, slug):
    item = _election(request, slug)
    channel = selectors.online_channel(item)
    if channel is None or not channel.opened_at:
        raise Http404
    return item, channel


@require_safe
def ballot_box(request, slug):
    """The public ballot box of the online channel: trackers only (sorted, never who cast them, nor when), the
    election's fingerprint and roll fingerprint, the trustees' public keys and certificates, after the tally the
    result with the partial decryptions, and the archive with how to verify it with belenios-tool."""
    item, channel = _opened_channel(request, slug)
    trackers = sorted(selectors.counted_ballots(channel).values_list("tracker", flat=True))
    wanted = (request.GET.get("tracker") or "").strip()[:60]
    result = json.loads(channel.result_raw)["result"][0] if channel.result_raw else None
    candidates = []
    if result is not None:
        by_code = {
            str(n.code): n
            for n in Nomination.objects.filter(code__in=channel.candidate_codes).select_related(
                "organisation", "person"
            )
        }
        counts = result[1:] if item.allow_blank else result
        candidates = [
            (by_code[code], n) for code, n in zip(channel.candidate_codes, counts, strict=True) if code in by_code
        ]
    return render(
        request,
        "governance/ballot_box.html",
        {
            "election": item,
            "channel": channel,
            "fingerprint": selectors.online_election(channel).fingerprint,
            "trackers": trackers,
            "wanted": wanted,
            "found": wanted in trackers if wanted else None,
            "trustees": selectors.trustee_rows(channel),
            "credentials": channel.credentials.filter(revoked_at__isnull=True).count(),
            "result": result,
            "blank": result[0] if result is not None and item.allow_blank else None,
            "candidates": candidates,
        },
    )


@require_safe
def online_file(request, slug, name):
    """The public data of the online channel, as belenios-tool names and writes it."""
    item, channel = _opened_channel(request, slug)
    if name == "election.json":
        body, kind = channel.election_raw + "\n", "application/json; charset=utf-8"
    elif name == "trustees.json":
        body, kind = channel.trustees + "\n", "application/json; charset=utf-8"
    elif name == "public_creds.json":
        body, kind = selectors.public_credentials_raw(channel) + "\n", "application/json; charset=utf-8"
    elif name == "result.json" and channel.result_raw:
        body, kind = channel.result_raw + "\n", "application/json; charset=utf-8"
    elif name == f"{channel.uuid}.bel":
        body, kind = selectors.online_archive(channel), "application/octet-stream"
    else:
        raise Http404
    response = HttpResponse(body, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Access-Control-Allow-Origin"] = "*"
    response["X-Content-Type-Options"] = "nosniff"
    return response
