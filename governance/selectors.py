"""Reads of governance that services and pages share: the quorum, the checks of a nomination, the problems that
block each step of an election (shown on the page before its button, as Helios' issues_before_freeze), the
standings and winners from the accepted tallies, and the public record of an election (its JSON)."""

import datetime
import functools
import json
from dataclasses import dataclass, field

from allauth.mfa.models import Authenticator
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.happening import Happening
from core.i18n import sentence
from core.templatetags.civnet import moment
from governance import belenios
from governance.models import (
    ROLL_STEPS,
    Assembly,
    Attendance,
    Channel,
    CommitteeMember,
    Election,
    InvitedOrganisation,
    Nomination,
    OnlineBallot,
    OnlineChannel,
    Tally,
    roll_canonical,
)
from members.models import Organisation

# --- the assembly -----------------------------------------------------------------------------------------------


@dataclass
class Quorum:
    eligible: int  # invited organisations in good standing (members, not suspended)
    present: int  # of them, present with the vote
    needed: int  # the smallest number present that meets the quorum
    met: bool


def needed_for_quorum(eligible: int, numerator: int, denominator: int, more_than: bool) -> int:
    """The smallest whole number of organisations meeting the rule: at least (or more than) the share."""
    if more_than:
        return eligible * numerator // denominator + 1
    return -(-eligible * numerator // denominator)  # the ceiling, in integers


def quorum(assembly: Assembly) -> Quorum:
    invited = InvitedOrganisation.objects.filter(assembly=assembly, organisation__status=Organisation.Status.MEMBER)
    eligible = invited.count()
    present = Attendance.objects.filter(
        assembly=assembly,
        has_vote=True,
        organisation__status=Organisation.Status.MEMBER,
        organisation__in=invited.values("organisation"),
    ).count()
    needed = needed_for_quorum(
        eligible, assembly.quorum_numerator, assembly.quorum_denominator, assembly.quorum_more_than
    )
    return Quorum(eligible=eligible, present=present, needed=needed, met=eligible > 0 and present >= needed)


def public_assemblies():
    return Assembly.objects.select_related("region", "place").order_by("-starts_at")


# --- people and roles --------------------------------------------------------------------------------------------


def has_totp(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def committee_member(user, election: Election) -> CommitteeMember | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return CommitteeMember.objects.filter(election=election, person=user).select_related("organisation").first()


# --- nominations -------------------------------------------------------------------------------------------------

RULE_LABELS = {
    "member": gettext_lazy("The organisation is a member"),
    "good_standing": gettext_lazy("The organisation has been a member long enough"),
    "not_suspended": gettext_lazy("The organisation is not suspended"),
    "one_per_organisation": gettext_lazy("The organisation has no other candidate"),
    "not_on_committee": gettext_lazy("The candidate is not on the counting committee"),
}


def rule_label(rule: str) -> str:
    return str(RULE_LABELS.get(rule, rule))


def nomination_checks(nomination: Nomination, *, now=None) -> dict:
    """Each rule CivNet can check from its own records: {rule: {"ok": bool}}."""
    now = now or timezone.now()
    election, organisation, rules = nomination.election, nomination.organisation, nomination.election.rules
    checks = {"member": organisation.status in (Organisation.Status.MEMBER, Organisation.Status.SUSPENDED)}
    if rules.good_standing_months:
        since = now - datetime.timedelta(days=round(rules.good_standing_months * 30.44))
        checks["good_standing"] = (
            organisation.status == Organisation.Status.MEMBER and organisation.status_since <= since
        )
    if rules.no_suspended:
        checks["not_suspended"] = organisation.status != Organisation.Status.SUSPENDED
    if rules.one_per_organisation:
        others = Nomination.objects.filter(election=election, organisation=organisation, withdrawn_at__isnull=True)
        checks["one_per_organisation"] = not others.exclude(pk=nomination.pk).exists()
    if rules.committee_cannot_stand:
        checks["not_on_committee"] = not CommitteeMember.objects.filter(
            election=election, person=nomination.person
        ).exists()
    return {rule: {"ok": bool(ok)} for rule, ok in checks.items()}


def candidates(election: Election) -> list[Nomination]:
    """Who is on the ballot, in the ballot's order (organisation, then nomination)."""
    nominations = (
        Nomination.objects.filter(election=election, withdrawn_at__isnull=True, consent_at__isnull=False)
        .select_related("organisation__region", "person")
        .order_by("organisation__slug", "pk")
    )
    return [n for n in nominations if n.is_candidate]


def conflicts(election: Election) -> list[CommitteeMember]:
    """Committee members from the organisation of a candidate: warned, and the conflict is recorded."""
    organisations = {n.organisation_id for n in candidates(election)}
    return [
        m for m in election.committee.select_related("person", "organisation") if m.organisation_id in organisations
    ]


# --- what blocks each step -----------------------------------------------------------------------------------------


@dataclass
class Problem:
    text: str
    blocking: bool = True


def blocking_problems(election: Election, to: str) -> list[Problem]:
    """What stands in the way of moving the election to `to`; warnings (blocking=False) are shown but let it pass."""
    problems: list[Problem] = []
    members = list(election.committee.select_related("organisation"))
    if to == Election.Status.NOMINATIONS:
        if election.status != Election.Status.PREPARING:
            problems.append(Problem(_("Nominations open only once, from preparation.")))
        if election.nominations_close_at is None or election.nominations_close_at <= timezone.now():
            problems.append(Problem(_("Set when nominations close, in the future.")))
        if sum(int(n) for n in (election.regional_seats or {}).values()) > election.seats:
            problems.append(Problem(_("There are more regional seats than seats.")))
    elif to == Election.Status.VOTING:
        if election.status != Election.Status.NOMINATIONS:
            problems.append(Problem(_("Voting opens after the nominations.")))
        if election.assembly.status != Assembly.Status.IN_SESSION:
            problems.append(Problem(_("The assembly is not in session.")))
        elif not quorum(election.assembly).met:
            problems.append(Problem(_("The assembly has not reached its quorum.")))
        if len(members) < 3:
            problems.append(Problem(_("The counting committee needs at least 3 members.")))
        if len({m.organisation_id for m in members}) < len(members):
            problems.append(Problem(_("Two members of the counting committee come from the same organisation.")))
        if election.committee_threshold > len(members):
            problems.append(Problem(_("More sign-offs are needed than the committee has members.")))
        if not candidates(election):
            problems.append(Problem(_("There is no candidate on the ballot yet.")))
        channel = online_channel(election)
        if channel is not None and not channel.key_ready:
            problems.append(
                Problem(_("The online channel is enabled but the committee has not finished making the election key."))
            )
        waiting = Nomination.objects.filter(election=election, withdrawn_at__isnull=True, consent_at__isnull=True)
        if waiting.exists():
            problems.append(
                Problem(
                    _("%(n)s nominated people have not consented: they will not be on the ballot.")
                    % {"n": waiting.count()},
                    False,
                )
            )
        for member in conflicts(election):
            problems.append(
                Problem(
                    _("%(person)s, on the committee, comes from %(organisation)s, which has a candidate.")
                    % {"person": member.person.full_name, "organisation": member.organisation.name},
                    False,
                )
            )
    elif to == Election.Status.COUNTING:
        if election.status != Election.Status.VOTING:
            problems.append(Problem(_("Counting starts when voting closes.")))
    elif to == Election.Status.SIGNED:
        if election.status not in (Election.Status.COUNTING, Election.Status.SIGNED):
            problems.append(Problem(_("Only a count in progress can be signed off.")))
        if not Tally.objects.filter(election=election, channel=Channel.PAPER).exists():
            problems.append(Problem(_("The paper count has not been accepted yet: two entries must agree.")))
        channel = online_channel(election)
        if channel is not None and channel.opened_at and not channel.decrypted_at:
            problems.append(
                Problem(
                    _(
                        "The online ballots are not decrypted yet: %(t)s members of the committee send their partial "
                        "decryptions."
                    )
                    % {"t": channel.threshold}
                )
            )
        else:
            standing = standings(election)
            if standing.tie_open:
                problems.append(Problem(_("Candidates tie for the last seats: settle the tie by the election's rule.")))
    elif to == Election.Status.PUBLISHED:
        if election.status != Election.Status.SIGNED:
            problems.append(
                Problem(
                    _("The result needs %(n)s sign-offs of the committee before it is published.")
                    % {"n": election.committee_threshold}
                )
            )
    return problems


def blocking_only(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.blocking]


# --- standings ----------------------------------------------------------------------------------------------------


@dataclass
class Standing:
    rows: list  # (nomination, votes by channel {channel: n}, total), most votes first
    winners: list = field(default_factory=list)  # nominations
    tied: list = field(default_factory=list)  # nominations tied for the last seats (when a tie exists)
    tied_seats: int = 0
    tie_open: bool = False  # tied and not settled yet
    runoff_seats: int = 0  # seats left to the run-off


def combined_votes(tallies) -> dict[str, dict[str, int]]:
    votes: dict[str, dict[str, int]] = {}
    for tally in tallies:
        for code, n in tally.votes.items():
            votes.setdefault(code, {})[tally.channel] = int(n)
    return votes


def _pick(pool, n, total):
    """Sure winners, the tied group and the seats it contests, for n seats among pool (sorted, most votes first)."""
    if n <= 0:
        return [], [], 0
    if len(pool) <= n:
        return list(pool), [], 0
    boundary = total[pool[n - 1].code]
    if total[pool[n].code] != boundary:
        return list(pool[:n]), [], 0
    sure = [c for c in pool if total[c.code] > boundary]
    tied = [c for c in pool if total[c.code] == boundary]
    return sure, tied, n - len(sure)


def standings(election: Election, tallies=None) -> Standing:
    tallies = list(Tally.objects.filter(election=election)) if tallies is None else tallies
    votes = combined_votes(tallies)
    people = candidates(election)
    total = {n.code: sum(votes.get(str(n.code), {}).values()) for n in people}
    ordered = sorted(people, key=lambda n: (-total[n.code], n.organisation.slug, n.pk))
    rows = [(n, votes.get(str(n.code), {}), total[n.code]) for n in ordered]
    standing = Standing(rows=rows)
    tie = _tie_of(election)
    remaining = election.seats
    groups = [(slug, int(seats)) for slug, seats in sorted((election.regional_seats or {}).items())]
    groups.append((None, None))
    for region, seats in groups:
        pool = [n for n in ordered if n not in standing.winners]
        if region is not None:
            pool = [n for n in pool if n.organisation.region.slug == region]
            seats = min(seats, remaining)
        else:
            seats = remaining
        sure, tied, tied_seats = _pick(pool, seats, total)
        standing.winners.extend(sure)
        remaining -= len(sure)
        if tied:
            standing.tied, standing.tied_seats = tied, tied_seats
            if tie is None:
                standing.tie_open = True
                break
            if tie.rule == Election.TieRule.DRAW:
                drawn = [n for n in tied if str(n.code) in tie.drawn]
                standing.winners.extend(drawn)
                remaining -= len(drawn)
            else:
                standing.runoff_seats = tied_seats
                remaining -= tied_seats
    return standing


def _tie_of(election):
    try:
        return election.tie
    except Election.tie.RelatedObjectDoesNotExist:
        return None


# --- the public record --------------------------------------------------------------------------------------------


def roll_slugs(election: Election) -> list[str]:
    return list(election.roll.values_list("organisation__slug", flat=True))


def public_record(election: Election) -> dict:
    """What election.json publishes: the roll and its fingerprint with the method to recompute it, and, once
    published, the result per channel and together, the sign-offs. Names only of candidates who agreed."""
    record = {
        "election": election.slug,
        "body": election.body.slug,
        "status": election.status,
        "seats": election.seats,
        "roll": None,
        "result": None,
    }
    if election.roll_frozen_at:
        slugs = roll_slugs(election)
        record["roll"] = {
            "frozen_at": election.roll_frozen_at.isoformat(),
            "organisations": sorted(slugs, key=lambda s: s.encode("utf-8")),
            "fingerprint": election.roll_fingerprint,
            "method": [str(step) for step in ROLL_STEPS],
            "canonical_text": roll_canonical(election.slug, slugs),
        }
    if election.status == Election.Status.PUBLISHED:
        result = dict(election.result)
        result["sign_offs"] = [
            {"organisation": s.member.organisation.slug, "at": s.at.isoformat()}
            for s in election.signoffs.select_related("member__organisation")
        ]
        record["result"] = result
    return record


def result_rows(election: Election) -> list[dict]:
    """The published result as the page shows it: each candidate with votes per channel and together."""
    if not election.result:
        return []
    by_code = {
        str(n.code): n for n in Nomination.objects.filter(election=election).select_related("organisation", "person")
    }
    rows = []
    for entry in election.result.get("candidates", []):
        nomination = by_code.get(entry["nomination"])
        rows.append({**entry, "nomination_obj": nomination})
    return rows


def open_elections_for_nomination():
    now = timezone.now()
    return Election.objects.filter(status=Election.Status.NOMINATIONS).filter(
        Q(nominations_close_at__isnull=True) | Q(nominations_close_at__gt=now)
    )


# --- the online channel ----------------------------------------------------------------------------------------------

ONLINE_REASONS = {
    "no_ballot": gettext_lazy(
        "No encrypted ballot was received. The booth encrypts your choice in your browser with JavaScript; "
        "without it, vote on paper at the assembly."
    ),
    "replay": gettext_lazy(
        "This exact ballot was already received: a ballot cannot be sent twice. Make a new one to vote again."
    ),
    "wrong_election": gettext_lazy("This ballot was made for another election."),
    "unknown_credential": gettext_lazy(
        "This credential is not your organisation's credential in this election: check the slip."
    ),
    "revoked_credential": gettext_lazy("This credential was revoked by the counting committee: ask it for a new one."),
    "bad_signature": gettext_lazy("The ballot's signature does not verify: it was changed after it was signed."),
    "bad_proof": gettext_lazy("A proof in the ballot does not verify: the ballot was changed or made wrongly."),
    "not_in_group": gettext_lazy(
        "The ballot or message contains a number outside the election's group: it was tampered with."
    ),
    "out_of_range": gettext_lazy("A number in the message is out of range: it was tampered with."),
    "non_canonical": gettext_lazy("The ballot is not written exactly as the booth writes it: it was changed."),
    "malformed": gettext_lazy("This is not a message of this election in the form the booth or belenios-tool writes."),
    "bad_verification_key": gettext_lazy(
        "The key does not match the committee's polynomials: it was not made for this election."
    ),
    "bad_secret": gettext_lazy("A secret share does not match its polynomial."),
    "unknown_trustee": gettext_lazy("This key's certificate is not among the committee's certificates."),
    "duplicate_credential": gettext_lazy("A public credential appears twice."),
}


def online_reason_text(reason: str) -> str:
    return str(ONLINE_REASONS.get(reason, _("The message does not pass the checks of the protocol.")))


def online_channel(election: Election) -> OnlineChannel | None:
    try:
        return election.online
    except Election.online.RelatedObjectDoesNotExist:
        return None


@functools.lru_cache(maxsize=32)
def _parsed_election(raw: str) -> belenios.Election:
    return belenios.Election(raw)


def online_election(channel: OnlineChannel) -> belenios.Election:
    """The parsed Belenios election (its fixed-base tables computed once per process)."""
    return _parsed_election(channel.election_raw)


def candidate_label(nomination: Nomination) -> str:
    """A candidate as the online ballot names them: the organisation, and the person if they agreed to be named."""
    organisation = nomination.organisation.name_en or nomination.organisation.name_ar or nomination.organisation.slug
    if nomination.show_name_publicly:
        return f"{organisation} — {nomination.person.full_name}"
    return organisation


def counted_ballots(channel: OnlineChannel):
    """The last ballot of every live credential: what the tally counts and the ballot box shows."""
    return OnlineBallot.objects.filter(channel=channel, replaced_at__isnull=True, credential__revoked_at__isnull=True)


def archived_ballots(channel: OnlineChannel):
    """Every ballot received with a live credential, in order (replaced ones too: the verifier keeps the last)."""
    return OnlineBallot.objects.filter(channel=channel, credential__revoked_at__isnull=True).order_by("cast_at", "id")


def ballot_ciphertexts(raw: str) -> list:
    """The ciphertexts of a ballot already verified when it was received."""
    return [[(int(c["alpha"]), int(c["beta"])) for c in answer["choices"]] for answer in json.loads(raw)["answers"]]


def online_voters(election: Election) -> int:
    """Organisations whose online ballot counts (they do not vote on paper too)."""
    channel = online_channel(election)
    if channel is None:
        return 0
    return counted_ballots(channel).count()


def public_credentials_raw(channel: OnlineChannel) -> str:
    values = channel.credentials.filter(revoked_at__isnull=True).values_list("public_credential", flat=True)
    return belenios.dumps(sorted(values))


def trustee_rows(channel: OnlineChannel) -> list[dict]:
    """Each trustee's public material for the public page."""
    rows = []
    for key in channel.keys.select_related("member__organisation"):
        voutput = json.loads(key.voutput) if key.voutput else None
        rows.append(
            {
                "index": key.index,
                "organisation": key.member.organisation,
                "step": key.step,
                "certificate": key.certificate,
                "verification_key": voutput["public_key"]["public_key"] if voutput else "",
                "decrypted": hasattr(key, "decryption"),
            }
        )
    return rows


def online_archive(channel: OnlineChannel) -> bytes:
    """The public data of the online ballots as belenios-tool's UUID.bel (§4.4): setup (election, trustees, public
    credentials), every ballot of a live credential, and after closing the encrypted tally, the partial decryptions
    and the result. Anyone checks it with `belenios-tool election verify`."""
    writer = belenios.ArchiveWriter(timestamp=int(channel.opened_at.timestamp()))
    writer.setup(channel.election_raw, channel.trustees, public_credentials_raw(channel))
    for ballot in archived_ballots(channel):
        writer.ballot(ballot.raw)
    if channel.tallied_at:
        writer.end_ballots()
        tally = json.loads(channel.encrypted_tally)
        writer.encrypted_tally(tally, channel.num_tallied, channel.total_weight)
        if channel.decrypted_at:
            for pd in channel.decryptions.select_related("trustee"):
                writer.partial_decryption(pd.trustee.index, pd.raw)
            writer.result(channel.result_raw)
    return writer.bytes()


def online_strings() -> dict[str, str]:
    """Every sentence the booth and the committee's scripts show, translated here and handed to the script in a JSON
    element (the script has no English of its own). `%(x)s` is replaced by the script."""
    return {
        "working": _("Working in this browser… it takes a few seconds."),
        "passphrase_short": _("Choose a passphrase of at least 10 characters."),
        "passphrase_mismatch": _("The two passphrases differ."),
        "key_saved": _(
            "Your key file was downloaded. Keep it and your passphrase: you need both at every step and to decrypt."
        ),
        "key_wrong": _("This key file does not open with this passphrase, or it belongs to another election."),
        "key_missing": _("Choose your key file and type its passphrase."),
        "no_webcrypto": _(
            "This browser cannot protect a key file on this page (it must be served over HTTPS). Use belenios-tool."
        ),
        "ready": _("Done in your browser. Check the message below, then send it."),
        "credential_bad": _(
            "This credential is mistyped: check it against the slip (five groups of three letters or digits)."
        ),
        "credential_other": _("This is not your organisation's credential in this election: check the slip."),
        "too_many": _("Choose at most %(k)s candidates."),
        "none": _("Choose at least one candidate, or vote blank."),
        "encrypting": _("Encrypting and signing your ballot in this browser…"),
        "tracker_matches": _(
            "Your browser computed the same tracker before sending: the server received your ballot unchanged."
        ),
        "tracker_differs": _(
            "Warning: your browser computed a different tracker before sending. Tell the counting committee now."
        ),
        "error": _("It did not work: %(error)s"),
        "credentials_made": _("%(n)s credentials made. Print the slips now, then send the public credentials."),
        "slip_title": _("Online voting credential"),
        "slip_organisation": _("For the organisation"),
        "slip_credential": _("Credential"),
        "slip_where": _("Vote at"),
        "slip_keep": _(
            "Keep this slip secret. Type the credential in the booth after signing in. If it is lost or taken, "
            "ask the counting committee to revoke it and issue a new one; a new ballot replaces the earlier one."
        ),
    }


def happening(now) -> list[Happening]:
    """For the home page: elections taking nominations or votes, and assemblies to come or in session."""
    found = [
        Happening(
            kind=_("Election"),
            title=election.title,
            url=reverse("governance:election", args=[election.slug]),
            state=sentence(_("Nominations close on %(date)s"), date=moment(election.nominations_close_at))
            if election.status == Election.Status.NOMINATIONS and election.nominations_close_at
            else election.get_status_display(),
            at=election.nominations_close_at if election.status == Election.Status.NOMINATIONS else now,
        )
        for election in Election.objects.filter(status__in=(Election.Status.NOMINATIONS, Election.Status.VOTING))
    ]
    upcoming = Assembly.objects.filter(
        Q(status=Assembly.Status.IN_SESSION) | Q(status=Assembly.Status.PREPARING, starts_at__gte=now)
    )
    found += [
        Happening(
            kind=_("Assembly"),
            title=assembly.title,
            url=reverse("governance:assembly", args=[assembly.slug]),
            state=assembly.get_status_display()
            if assembly.status == Assembly.Status.IN_SESSION
            else sentence(_("On %(date)s"), date=moment(assembly.starts_at)),
            at=assembly.starts_at,
        )
        for assembly in upcoming
    ]
    return found
