"""Reads of governance that services and pages share: the quorum, the checks of a nomination, the problems that
block each step of an election (shown on the page before its button, as Helios' issues_before_freeze), the
standings and winners from the accepted tallies, and the public record of an election (its JSON)."""

import datetime
from dataclasses import dataclass, field

from allauth.mfa.models import Authenticator
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.models import (
    ROLL_STEPS,
    Assembly,
    Attendance,
    Channel,
    CommitteeMember,
    Election,
    InvitedOrganisation,
    Nomination,
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
    "member": _("The organisation is a member"),
    "good_standing": _("The organisation has been a member long enough"),
    "not_suspended": _("The organisation is not suspended"),
    "one_per_organisation": _("The organisation has no other candidate"),
    "not_on_committee": _("The candidate is not on the counting committee"),
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
