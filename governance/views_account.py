"""What people do in elections with their own accounts: an organisation's admin nominates, the nominated person
consents, an admin or delegate complains after publication, and the counting committee (members of THIS election's
committee, signed in with two-factor) closes voting, corrects the frozen roll, overrides failed checks, enters the
count twice, attaches the tally sheet, settles ties, signs off, publishes and decides complaints."""

import json
from functools import wraps

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.ratelimit import over_limit
from core.services import Refused
from core.views import attempt
from governance import belenios, selectors, services
from governance.forms import (
    BallotForm,
    ComplaintForm,
    ConsentForm,
    CountForm,
    CredentialsForm,
    DecisionForm,
    DecryptionForm,
    DrawForm,
    NominationForm,
    ReasonForm,
    RevokeForm,
    RollChangeForm,
    SheetForm,
    SignOffForm,
    TrusteeStepForm,
    WithdrawForm,
    texts,
)
from governance.models import Channel, CountEntry, Election, Nomination, TallySheet
from governance.permissions import (
    get_complaint_for_user,
    get_election_for_user,
    get_nomination_for_user,
    organisations_for,
)
from members.models import Affiliation


def committee_view(view=None, *, need="count"):
    """Load the election for a member of its committee (404/403 to others; `need="follow"` lets the technical team
    read too); a member without an authenticator app is sent to set one up first: the committee acts with
    two-factor sign-in."""
    if view is None:
        return lambda view: committee_view(view, need=need)

    @wraps(view)
    def wrapper(request, slug, *args, **kwargs):
        election = get_election_for_user(request.user, slug, need=need)
        if selectors.committee_member(request.user, election) and not selectors.has_totp(request.user):
            messages.info(
                request, _("Committee members act with two-factor sign-in: set up an authenticator app first.")
            )
            return redirect("mfa_activate_totp")
        return view(request, election, *args, **kwargs)

    return wrapper


def _back(election):
    return redirect("governance:committee", slug=election.slug)


# --- nominations ------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def nominate(request, slug):
    election = get_election_for_user(request.user, slug, need="nominate")
    organisations = organisations_for(request.user, Affiliation.Role.ADMIN, assembly=election.assembly)
    people = (
        get_user_model()
        .objects.filter(affiliations__organisation__in=organisations, is_active=True)
        .distinct()
        .order_by("full_name", "pk")
    )
    form = NominationForm(request.POST or None, organisations=organisations, people=people)
    if request.method == "POST" and form.is_valid():
        try:
            services.nominate(
                actor=request.user,
                election=election,
                organisation=form.cleaned_data["organisation"],
                person=form.cleaned_data["person"],
                texts=texts(form.cleaned_data, "statement"),
            )
        except Refused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(
                request, _("The nomination was recorded. The person must now consent from their own account.")
            )
            return redirect("governance:election", slug=election.slug)
    return render(
        request, "governance/nominate.html", {"election": election, "form": form}, status=400 if form.errors else 200
    )


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request, slug, code):
    nomination = get_nomination_for_user(request.user, slug, code, need="withdraw")
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.withdraw(actor=request.user, nomination=nomination, reason=form.cleaned_data["reason"])
        except Refused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("The nomination was withdrawn."))
            return redirect("governance:election", slug=slug)
    return render(
        request,
        "governance/withdraw.html",
        {"nomination": nomination, "election": nomination.election, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def consent(request, slug, code):
    nomination = get_nomination_for_user(request.user, slug, code, need="consent")
    form = ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.consent(actor=request.user, nomination=nomination, show_name=form.cleaned_data["show_name"])
        except Refused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("Thank you: you are a candidate once the checks pass."))
            return redirect("governance:election", slug=slug)
    return render(
        request,
        "governance/consent.html",
        {
            "nomination": nomination,
            "election": nomination.election,
            "form": form,
            "checks": [(selectors.rule_label(r), c["ok"]) for r, c in nomination.checks.items()],
        },
    )


@login_required
@require_POST
def complain(request, slug):
    election = get_election_for_user(request.user, slug, need="complain")
    form = ComplaintForm(
        request.POST,
        organisations=organisations_for(request.user, Affiliation.Role.ADMIN, Affiliation.Role.DELEGATE),
    )
    if over_limit("complaint", str(request.user.pk), limit=5, seconds=3600):
        messages.error(request, _("Too many attempts. Wait an hour and try again."))
    elif not form.is_valid():
        messages.error(request, _("The complaint could not be lodged: %(errors)s") % {"errors": form.errors.as_text()})
    else:
        data = form.cleaned_data
        attempt(
            request,
            lambda: services.complaint_submit(
                actor=request.user, election=election, organisation=data["organisation"], text=data["text"]
            ),
            _("The complaint was lodged; the counting committee will decide it."),
        )
    return redirect("governance:election", slug=election.slug)


# --- the counting committee -------------------------------------------------------------------------------------


def _candidate_labels(election):
    return [(n, f"{n.organisation.name} — {n.person.full_name}") for n in selectors.candidates(election)]


@login_required
@require_safe
@committee_view(need="follow")
def committee(request, election):
    """The committee's page. The technical team may follow it, read-only: every form here is the committee's."""
    member = selectors.committee_member(request.user, election)
    standing = selectors.standings(election) if election.reached(Election.Status.COUNTING) else None
    entries = election.count_entries.select_related("entered_by")
    mine_waiting = entries.filter(entered_by=request.user, outcome=CountEntry.Outcome.WAITING).exists()
    tally = election.tallies.filter(channel=Channel.PAPER).first()
    context = {
        "election": election,
        "member": member,
        "can_act": member is not None,
        "members": election.committee.select_related("person", "organisation"),
        "conflicts": selectors.conflicts(election),
        "nominations": election.nominations.filter(withdrawn_at__isnull=True).select_related("organisation", "person"),
        "rule_labels": selectors.RULE_LABELS,
        "roll": election.roll.select_related("organisation"),
        "entries": entries,
        "tally": tally,
        "online": selectors.online_channel(election),
        "online_tally": election.tallies.filter(channel=Channel.ONLINE).first(),
        "can_enter": election.status == Election.Status.COUNTING and tally is None and not mine_waiting,
        "standing": standing,
        "problems": {
            "counting": selectors.blocking_problems(election, Election.Status.COUNTING),
            "signed": selectors.blocking_problems(election, Election.Status.SIGNED),
            "published": selectors.blocking_problems(election, Election.Status.PUBLISHED),
        },
        "signoffs": election.signoffs.select_related("member__person", "member__organisation"),
        "signed_by_me": election.signoffs.filter(member=member).exists(),
        "sheets": election.sheets.defer("data"),
        "complaints": election.complaints.select_related("organisation"),
        "roll_form": RollChangeForm(election=election),
        "reason_form": ReasonForm(),
        "sign_form": SignOffForm(),
        "sheet_form": SheetForm(),
        "decision_form": DecisionForm(),
        "draw_form": DrawForm(
            tied=[(str(n.code), f"{n.organisation.name} — {n.person.full_name}") for n in standing.tied]
        )
        if standing and standing.tie_open
        else None,
    }
    return render(request, "governance/committee.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@committee_view
def count(request, election):
    form = CountForm(request.POST or None, candidates=_candidate_labels(election))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            entry = services.count_enter(
                actor=request.user,
                election=election,
                ballots=data["ballots"],
                blank=data["blank"],
                invalid=data["invalid"],
                votes=form.votes(),
            )
        except Refused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(
                request,
                {
                    CountEntry.Outcome.WAITING: _(
                        "Your entry is saved. Another member of the committee enters it too."
                    ),
                    CountEntry.Outcome.AGREED: _("The two entries agree: the count is accepted."),
                    CountEntry.Outcome.DISAGREED: _(
                        "The two entries disagree. Both are kept; count again and both enter the figures anew."
                    ),
                }[entry.outcome],
            )
            return _back(election)
    return render(
        request, "governance/count.html", {"election": election, "form": form}, status=400 if form.errors else 200
    )


@login_required
@require_POST
@committee_view
def close_voting(request, election):
    attempt(
        request,
        lambda: services.election_advance(actor=request.user, election=election, to=Election.Status.COUNTING),
        _("Voting is closed; the count can be entered."),
    )
    return _back(election)


@login_required
@require_POST
@committee_view
def roll_change(request, election):
    form = RollChangeForm(request.POST, election=election)
    if not form.is_valid():
        messages.error(request, _("The roll was not changed: %(errors)s") % {"errors": form.errors.as_text()})
    else:
        data = form.cleaned_data
        attempt(
            request,
            lambda: services.roll_change(
                actor=request.user,
                election=election,
                organisation=data["organisation"],
                representative_name=data["representative_name"],
                add=data["add"],
                reason=data["reason"],
            ),
            lambda e: _("The roll was changed; its new fingerprint is %(f)s.") % {"f": e.roll_fingerprint},
        )
    return _back(election)


@login_required
@require_POST
@committee_view
def override(request, election, code):
    nomination = get_nomination_for_user(request.user, election.slug, code, need="override")
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the committee's reason in a sentence."))
    else:
        attempt(
            request,
            lambda: services.override(actor=request.user, nomination=nomination, reason=form.cleaned_data["reason"]),
            _("The failed check was overridden; the reason is on the record."),
        )
    return _back(election)


@login_required
@require_POST
@committee_view
def tie(request, election):
    if election.tie_rule == Election.TieRule.RUNOFF:
        runoff = attempt(
            request,
            lambda: services.tie_runoff(actor=request.user, election=election),
            _("A run-off between the tied candidates is open for voting."),
        )
        return redirect("governance:committee", slug=runoff.slug) if runoff else _back(election)
    standing = selectors.standings(election)
    form = DrawForm(request.POST, tied=[(str(n.code), str(n.code)) for n in standing.tied])
    if not form.is_valid():
        messages.error(request, _("Tick who won the draw and say how it was made."))
    else:
        attempt(
            request,
            lambda: services.tie_draw(
                actor=request.user,
                election=election,
                drawn_codes=form.cleaned_data["drawn"],
                note=form.cleaned_data["note"],
            ),
            _("The draw is recorded."),
        )
    return _back(election)


@login_required
@require_POST
@committee_view
def sign(request, election):
    form = SignOffForm(request.POST)
    if over_limit("governance-sign", str(request.user.pk), limit=10, seconds=600):
        messages.error(request, _("Too many attempts. Wait ten minutes and try again."))
    elif form.is_valid():
        attempt(
            request,
            lambda: services.sign_off(actor=request.user, election=election, secret=form.cleaned_data["secret"]),
            _("You signed the result off."),
        )
    else:
        messages.error(request, _("Type your password or a code from your authenticator app."))
    return _back(election)


@login_required
@require_POST
@committee_view
def publish(request, election):
    done = attempt(
        request,
        lambda: services.publish(actor=request.user, election=election),
        _("The result is published and the elected members hold their seats."),
    )
    if done is not None:
        return redirect("governance:election", slug=election.slug)
    return _back(election)


@login_required
@require_POST
@committee_view
def sheet_add(request, election):
    form = SheetForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("The photo was not attached: %(errors)s") % {"errors": form.errors.as_text()})
    else:
        attempt(
            request,
            lambda: services.tally_sheet_add(
                actor=request.user, election=election, data=form.cleaned_data["photo"].read()
            ),
            _("The photo of the tally sheet is attached, without its location and camera details."),
        )
    return _back(election)


@login_required
@require_safe
@committee_view(need="follow")
def sheet(request, election, code):
    item = get_object_or_404(TallySheet, election=election, code=code)
    response = HttpResponse(bytes(item.data), content_type=item.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
@committee_view
def decide(request, election, code):
    complaint = get_complaint_for_user(request.user, election.slug, code)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write the committee's decision and say whether the complaint is upheld."))
    else:
        attempt(
            request,
            lambda: services.complaint_decide(
                actor=request.user,
                complaint=complaint,
                decision=form.cleaned_data["decision"],
                upheld=form.cleaned_data["upheld"],
            ),
            _("The decision is recorded."),
        )
    return _back(election)


# --- online ballots: the committee's key steps, credentials, decryption; the voters' booth ---------------------------


def _online_or_404(election):
    channel = selectors.online_channel(election)
    if channel is None:
        raise Http404
    return channel


def _back_online(election):
    return redirect("governance:online", slug=election.slug)


def _trustee_data(channel, keys, mine) -> dict:
    """What the member's browser needs for their next step: only public material and messages encrypted to them."""
    data = {"group": channel.group, "threshold": channel.threshold, "uuid": channel.uuid}
    if mine is None:
        return data
    data["index"] = mine.index
    if all(k.certificate for k in keys):
        data["certs"] = [json.loads(k.certificate) for k in keys]
        if all(k.polynomial for k in keys) and mine.step == 5:
            group = belenios.get_group(channel.group)
            polynomials = [json.loads(k.polynomial) for k in keys]
            data["vinput"] = belenios.threshold_vinputs(group, data["certs"], polynomials)[mine.index - 1]
    if mine.voutput:
        data["private_key"] = json.loads(mine.voutput)["private_key"]
    if channel.tallied_at:
        data["election"] = channel.election_raw
        data["tally"] = json.loads(channel.encrypted_tally)
    return data


@login_required
@require_safe
@committee_view(need="follow")
def online(request, election):
    """The committee's page of the online channel: each member's key steps in their own browser (or with
    belenios-tool), the credentials, revocations, and after closing the partial decryptions."""
    channel = _online_or_404(election)
    member = selectors.committee_member(request.user, election)
    keys = list(channel.keys.select_related("member__person", "member__organisation"))
    mine = next((k for k in keys if member is not None and k.member_id == member.pk), None)
    decryptions = {d.trustee_id for d in channel.decryptions.all()}
    voted = (
        selectors.counted_ballots(channel)
        .select_related("credential__organisation")
        .order_by("credential__organisation__slug")
    )
    return render(
        request,
        "governance/online_committee.html",
        {
            "election": election,
            "channel": channel,
            "member": member,
            "can_act": member is not None,
            "keys": keys,
            "mine": mine,
            "all_certificates": all(k.certificate for k in keys),
            "all_polynomials": all(k.polynomial for k in keys),
            "decryptions": decryptions,
            "my_decryption": mine is not None and mine.pk in decryptions,
            "is_authority": member is not None and channel.credential_authority_id == member.pk,
            "credentials": channel.credentials.filter(revoked_at__isnull=True).count(),
            "roll_size": election.roll.count(),
            "voted": [b.credential.organisation for b in voted] if election.reached(Election.Status.VOTING) else [],
            "revoke_form": RevokeForm(election=election),
            "step_form": TrusteeStepForm(),
            "decryption_form": DecryptionForm(),
            "trustee_data": _trustee_data(channel, keys, mine),
            "strings": selectors.online_strings(),
        },
    )


@login_required
@require_safe
@committee_view(need="follow")
def online_file(request, election, name):
    """Files for a member who uses belenios-tool: the certificates (public: the technical team may read them too),
    their vinput, their .dkey."""
    channel = _online_or_404(election)
    member = selectors.committee_member(request.user, election)
    keys = list(channel.keys.all())
    mine = next((k for k in keys if member is not None and k.member_id == member.pk), None)
    data = _trustee_data(channel, keys, mine)
    if mine is None:
        data = {"certs": [json.loads(k.certificate) for k in keys]} if all(k.certificate for k in keys) else {}
    if name == "certs.jsons" and "certs" in data:
        body = "".join(belenios.dumps(c) + "\n" for c in data["certs"])
    elif name == "vinput.json" and "vinput" in data:
        body = belenios.dumps(data["vinput"]) + "\n"
    elif name == "trustee.dkey" and "private_key" in data:
        body = data["private_key"] + "\n"
    else:
        raise Http404
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_POST
@committee_view
def trustee_step(request, election):
    form = TrusteeStepForm(request.POST, request.FILES)
    if over_limit("governance-online", str(request.user.pk), limit=30, seconds=600):
        messages.error(request, _("Too many attempts. Wait ten minutes and try again."))
    elif not form.is_valid():
        messages.error(request, _("Nothing was received: %(errors)s") % {"errors": form.errors.as_text()})
    else:
        attempt(
            request,
            lambda: services.trustee_step(
                actor=request.user,
                election=election,
                step=form.cleaned_data["step"],
                message=form.cleaned_data["message"],
            ),
            _("Received and checked."),
        )
    return _back_online(election)


@login_required
@require_http_methods(["GET", "POST"])
@committee_view
def credentials(request, election):
    """The credential authority's page: credentials made in this browser, slips to print, public parts sent."""
    channel = _online_or_404(election)
    member = selectors.committee_member(request.user, election)
    if channel.credential_authority_id != member.pk:
        raise PermissionDenied
    form = CredentialsForm(request.POST or None)
    if request.method == "POST":
        if not form.is_valid():
            messages.error(request, _("The credentials were not made by the page: make them again."))
        elif (
            attempt(
                request,
                lambda: services.credentials_upload(
                    actor=request.user, election=election, credentials=form.cleaned_data["credentials"]
                ),
                lambda n: (
                    _(
                        "%(n)s public credentials were recorded. Hand each printed slip to its organisation's "
                        "representative. The slips are not kept anywhere: if one was not printed or is lost, revoke "
                        "that organisation's credential here and make a new one."
                    )
                    % {"n": n}
                ),
            )
            is not None
        ):
            return redirect("governance:credentials", slug=election.slug)
    live = set(channel.credentials.filter(revoked_at__isnull=True).values_list("organisation_id", flat=True))
    roll = list(election.roll.select_related("organisation"))
    return render(
        request,
        "governance/online_credentials.html",
        {
            "election": election,
            "channel": channel,
            "waiting": [r.organisation for r in roll if r.organisation_id not in live],
            "issued": [r.organisation for r in roll if r.organisation_id in live],
            "form": form,
            "booth_url": request.build_absolute_uri(reverse("governance:booth", args=[election.slug])),
            "strings": selectors.online_strings(),
            "credential_data": {"election": channel.election_raw, "uuid": channel.uuid},
        },
    )


@login_required
@require_POST
@committee_view
def revoke(request, election):
    form = RevokeForm(request.POST, election=election)
    if not form.is_valid():
        messages.error(request, _("Nothing was revoked: %(errors)s") % {"errors": form.errors.as_text()})
    else:
        attempt(
            request,
            lambda: services.credential_revoke(
                actor=request.user,
                election=election,
                organisation=form.cleaned_data["organisation"],
                reason=form.cleaned_data["reason"],
            ),
            _("The credential is revoked: its ballot no longer counts. The credential authority may issue a new one."),
        )
    return _back_online(election)


@login_required
@require_POST
@committee_view
def decrypt(request, election):
    form = DecryptionForm(request.POST, request.FILES)
    if over_limit("governance-online", str(request.user.pk), limit=30, seconds=600):
        messages.error(request, _("Too many attempts. Wait ten minutes and try again."))
    elif not form.is_valid():
        messages.error(request, _("Nothing was received: %(errors)s") % {"errors": form.errors.as_text()})
    else:
        attempt(
            request,
            lambda: services.decryption_upload(actor=request.user, election=election, raw=form.cleaned_data["message"]),
            _("Your partial decryption was checked and recorded."),
        )
    return _back_online(election)


@login_required
@require_http_methods(["GET", "POST"])
def booth(request, slug):
    """The voting booth: the browser encrypts and signs the ballot with the organisation's credential; the server
    only ever receives the encrypted ballot. Without JavaScript the page says it cannot encrypt and points to the
    paper ballot."""
    election = get_election_for_user(request.user, slug, need="vote")
    channel = _online_or_404(election)
    if not selectors.has_totp(request.user):
        messages.info(request, _("Voting online needs two-factor sign-in: set up an authenticator app first."))
        return redirect("mfa_activate_totp")
    tracker = request.session.pop(f"governance-tracker-{election.slug}", None) if request.method == "GET" else None
    if tracker:
        # Just after a ballot was accepted: its smart ballot tracker, what it is for, what to do if it goes missing.
        return render(
            request,
            "governance/voted.html",
            {"election": election, "tracker": tracker, "strings": selectors.online_strings()},
        )
    organisations = services.voter_organisations(request.user, election)
    form = BallotForm(request.POST or None, organisations=organisations)
    status = 200
    if request.method == "POST":
        if over_limit("governance-ballot", str(request.user.pk), limit=20, seconds=600):
            form.add_error(None, _("Too many attempts. Wait ten minutes and try again."))
        elif form.is_valid():
            organisation = form.cleaned_data["organisation"]
            try:
                ballot = services.ballot_cast(
                    actor=request.user, election=election, organisation=organisation, raw=form.cleaned_data["ballot"]
                )
            except Refused as refused:
                form.add_error(None, refused.message)
                services.ballot_refused(
                    actor=request.user,
                    election=election,
                    organisation=organisation,
                    reason=getattr(refused, "reason", "") or "refused",
                )
            else:
                request.session[f"governance-tracker-{election.slug}"] = ballot.tracker
                return redirect("governance:booth", slug=election.slug)
        status = 400
    live = {
        c.organisation_id: c.public_credential
        for c in channel.credentials.filter(revoked_at__isnull=True, organisation__in=organisations)
    }
    current = {
        b.credential.organisation_id: b
        for b in selectors.counted_ballots(channel)
        .filter(credential__organisation__in=organisations)
        .select_related("credential")
    }
    candidates = [
        (selectors.candidate_label(n), n)
        for n in Nomination.objects.filter(code__in=channel.candidate_codes).select_related("organisation", "person")
    ]
    order = {code: i for i, code in enumerate(channel.candidate_codes)}
    candidates.sort(key=lambda pair: order[str(pair[1].code)])
    return render(
        request,
        "governance/booth.html",
        {
            "election": election,
            "channel": channel,
            "form": form,
            "organisations": organisations,
            "candidates": candidates,
            "k": min(election.seats, len(candidates)),
            "open": election.status == Election.Status.VOTING and bool(channel.election_raw),
            "current": [(o, current.get(o.pk)) for o in organisations],
            "booth_data": {
                "election": channel.election_raw,
                "credentials": {str(k): v for k, v in live.items()},
                "blank": election.allow_blank,
                "max": min(election.seats, len(candidates)),
            },
            "strings": selectors.online_strings(),
        },
        status=status,
    )
