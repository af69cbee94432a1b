"""The rows of governance's mutating views in the table of every mutating view (tests/views_table_rows.py adds
them to TABLE). Committee rows are done by Deirna's admin, seated on the committee of an election built for the
row; the technical team is the read-only insider there (403: it may not count), Astefir's editor the outsider (404).
"""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from core.models import AuditEvent
from governance import belenios as B
from governance import selectors, services
from governance.models import (
    AgendaItem,
    Assembly,
    Attendance,
    CandidacyRules,
    CommitteeMember,
    Complaint,
    CountEntry,
    Election,
    InvitedOrganisation,
    Nomination,
    OnlineBallot,
    OnlineChannel,
    PartialDecryption,
    RollEntry,
    SignOff,
    TallySheet,
    TieResolution,
    TrusteeKey,
    VoterCredential,
)
from members.models import Organisation
from tests import ballots_setup as bs
from tests import governance_setup as gs
from tests.conftest import PASSWORD
from tests.views_table_rows import CHANGED, OFFICE, Case, person

A = AuditEvent.Action
NEXT_ASSEMBLY = "deir-ez-zor-general-meeting"
NEXT_ELECTION = "operational-body-deir-ez-zor-next"
COMMITTEE = {"may": "deirna_admin", "read_only": "tech_officer", "outsider": "astefir_editor"}
SLUG = "views-table-election"
_state: dict = {}


def _election() -> Election:
    return Election.objects.get(slug=SLUG)


def _build(status="counting", **options) -> dict:
    if not Election.objects.filter(slug=SLUG).exists():
        _state["setup"] = gs.build(status=status, member=person("deirna_admin"), slug=SLUG, **options)
    return {"slug": SLUG}


def _counted(votes=(6, 5, 2), **options) -> dict:
    kwargs = _build(**options)
    setup = _state["setup"]
    if not _election().tallies.exists():
        for member in setup.committee[1:3]:
            services.count_enter(
                actor=member,
                election=setup.refresh(),
                ballots=10,
                blank=0,
                invalid=0,
                votes=gs.votes(setup, *votes),
            )
    return kwargs


def _signed_by_the_others() -> dict:
    kwargs = _counted()
    setup = _state["setup"]
    if _election().status == Election.Status.COUNTING:
        for member in setup.committee[1:3]:
            services.sign_off(actor=member, election=setup.refresh(), secret=PASSWORD)
    return kwargs


def _published() -> dict:
    kwargs = _signed_by_the_others()
    if _election().status == Election.Status.SIGNED:
        services.publish(actor=_state["setup"].committee[1], election=_election())
    return kwargs


def _with_complaint() -> dict:
    kwargs = _published()
    election = _election()
    complaint = election.complaints.first()
    if complaint is None:
        complaint = services.complaint_submit(
            actor=person("astefir_admin"),
            election=election,
            organisation=Organisation.objects.get(slug="astefir-al-zour"),
            text="The count started late.",
        )
    return {**kwargs, "code": complaint.code}


def _with_failed_check() -> dict:
    kwargs = _build(status="nominations", candidates=1)
    setup = _state["setup"]
    organisation = setup.candidates[0].organisation
    nomination = Nomination.objects.filter(election=_election(), person__email="second@example.org").first()
    if nomination is None:
        admin = gs.user("second-admin@example.org", organisation=organisation, role="admin")
        second = gs.user("second@example.org", organisation=organisation)
        nomination = services.nominate(
            actor=admin, election=_election(), organisation=organisation, person=second, texts={"en": "Me too."}
        )
    return {**kwargs, "code": nomination.code}


def _tied() -> dict:
    return _counted(votes=(8, 5, 5))


def _count_data() -> dict:
    setup = _state["setup"]
    return {
        "ballots": 10,
        "blank": 0,
        "invalid": 0,
        **{f"votes_{n.code}": v for n, v in zip(setup.candidates, (6, 5, 2), strict=True)},
    }


def _consent_nomination() -> dict:
    nomination = Nomination.objects.filter(election__slug=NEXT_ELECTION, person=person("astefir_delegate")).first()
    if nomination is None:
        nomination = services.nominate(
            actor=person("astefir_admin"),
            election=Election.objects.get(slug=NEXT_ELECTION),
            organisation=Organisation.objects.get(slug="astefir-al-zour"),
            person=person("astefir_delegate"),
            texts={"en": "I will serve."},
        )
    return {"slug": NEXT_ELECTION, "code": nomination.code}


def _fresh_assembly() -> dict:
    tech = person("tech_officer")
    if not Assembly.objects.filter(slug="views-table-assembly").exists():
        services.assembly_save(
            actor=tech,
            assembly=Assembly(),
            fields={"slug": "views-table-assembly", "title_en": "Views table", "starts_at": timezone.now()},
        )
    return {"slug": "views-table-assembly"}


def _agenda_item() -> dict:
    item = AgendaItem.objects.filter(assembly__slug=NEXT_ASSEMBLY).first()
    return {"slug": NEXT_ASSEMBLY, "code": item.code}


def _preparing() -> dict:
    return _build(status="preparing")


def _in_session() -> dict:
    return _build(status="in_session", present=0)


def _election_fields(**extra) -> dict:
    assembly = Assembly.objects.get(slug=NEXT_ASSEMBLY)
    election = Election.objects.get(slug=NEXT_ELECTION)
    return {
        "assembly": assembly.pk,
        "body": election.body_id,
        "title_en": "An election of the views table",
        "original_language": "en",
        "seats": 3,
        "term_months": 24,
        "tie_rule": "draw",
        "allow_blank": "on",
        "rules": election.rules_id,
        "committee_threshold": 2,
        "complaint_days": 7,
        **extra,
    }


ONLINE = "views-table-online"


def _online(status="voting") -> dict:
    """An election with online ballots whose credential authority and first trustee is Deirna's admin."""
    if not Election.objects.filter(slug=ONLINE).exists():
        _state["online"] = bs.build(status=status, member=person("deirna_admin"), slug=ONLINE)
    return {"slug": ONLINE}


def _online_closed() -> dict:
    kwargs = _online()
    online = _state["online"]
    if online.election.status == Election.Status.VOTING:
        online.cast(list(online.voters)[0], [0])
        bs.close(online)
    return kwargs


def _deirna_ballot() -> dict:
    online = _state["online"]
    deirna = Organisation.objects.get(slug="deirna")
    return {"organisation": deirna.pk, "ballot": online.ballot("deirna", [0])}


def _revoked_deirna() -> dict:
    """Deirna's credential revoked, so that the authority issues a new one."""
    channel = _state["online"].channel
    VoterCredential.objects.filter(channel=channel, organisation__slug="deirna").update(
        revoked_at=timezone.now(), revoked_reason="Lost."
    )
    return {"slug": ONLINE}


def _preparing_online_enable() -> dict:
    kwargs = _build(status="preparing")
    return kwargs


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

CASES = (
    # an organisation's people
    Case(
        "governance:nominate",
        lambda: {"slug": NEXT_ELECTION},
        lambda: {
            "organisation": Organisation.objects.get(slug="astefir-al-zour").pk,
            "person": person("astefir_editor").pk,  # the demo has already put its delegate forward
            "statement_en": "For coordination and advocacy.",
        },
        may="astefir_admin",
        read_only="astefir_editor",
        outsider="nobody",
        action=A.ELECTION_NOMINATED,
        happened=lambda: Nomination.objects.filter(
            election__slug=NEXT_ELECTION, person=person("astefir_editor")
        ).exists(),
        shows_a_form=True,
    ),
    Case(
        "governance:consent",
        _consent_nomination,
        lambda: {"agree": "on", "show_name": "on"},
        may="astefir_delegate",
        read_only="astefir_admin",
        outsider="nobody",
        action=A.ELECTION_CONSENTED,
        happened=lambda: Nomination.objects.filter(
            election__slug=NEXT_ELECTION, person=person("astefir_delegate"), consent_at__isnull=False
        ).exists(),
        shows_a_form=True,
        read_only_status=404,
        note="Consent is the nominated person's own act: anyone else, the admin who nominated them included, gets 404.",
    ),
    Case(
        "governance:withdraw",
        _consent_nomination,
        lambda: {"reason": "My plans changed."},
        may="astefir_delegate",
        read_only="astefir_editor",
        outsider="nobody",
        action=A.ELECTION_WITHDRAWN,
        happened=lambda: Nomination.objects.filter(
            election__slug=NEXT_ELECTION, person=person("astefir_delegate"), withdrawn_at__isnull=False
        ).exists(),
        shows_a_form=True,
        read_only_status=404,
        note="Withdrawing is the nominated person's or their organisation's admins' act: anyone else gets 404.",
    ),
    Case(
        "governance:complain",
        _published,
        lambda: {"organisation": Organisation.objects.get(slug="astefir-al-zour").pk, "text": "The count was late."},
        may="astefir_admin",
        read_only="astefir_editor",
        outsider="nobody",
        action=A.ELECTION_COMPLAINT,
        happened=lambda: Complaint.objects.filter(election__slug=SLUG).exists(),
    ),
    # the counting committee
    Case(
        "governance:count",
        _build,
        _count_data,
        action=A.ELECTION_COUNT_ENTERED,
        happened=lambda: CountEntry.objects.filter(election__slug=SLUG, entered_by=person("deirna_admin")).exists(),
        shows_a_form=True,
        **COMMITTEE,
    ),
    Case(
        "governance:close_voting",
        lambda: _build(status="voting"),
        dict,
        action=A.ELECTION_STATUS_CHANGED,
        happened=lambda: _election().status == Election.Status.COUNTING,
        **COMMITTEE,
    ),
    Case(
        "governance:roll_change",
        lambda: _build(status="voting", present=12),
        lambda: {
            "organisation": _state["setup"].organisations[-1].pk,
            "add": "1",
            "representative_name": "Arrived late",
            "reason": "Arrived after the roll was frozen; checked by the committee.",
        },
        action=A.ELECTION_ROLL_CHANGED,
        happened=lambda: RollEntry.objects.filter(election__slug=SLUG, added_after_freeze=True).exists(),
        **COMMITTEE,
    ),
    Case(
        "governance:override",
        _with_failed_check,
        lambda: {"reason": "The assembly agreed to two candidates from this organisation."},
        action=A.ELECTION_OVERRIDDEN,
        happened=lambda: Nomination.objects.filter(election__slug=SLUG).exclude(override_reason="").exists(),
        **COMMITTEE,
    ),
    Case(
        "governance:tie",
        _tied,
        lambda: {
            "drawn": [str(selectors.standings(_election()).tied[0].code)],
            "note": "Two folded papers drawn from a box.",
        },
        action=A.ELECTION_TIE_RESOLVED,
        happened=lambda: TieResolution.objects.filter(election__slug=SLUG).exists(),
        **COMMITTEE,
    ),
    Case(
        "governance:sign",
        _counted,
        lambda: {"secret": PASSWORD},
        action=A.ELECTION_SIGNED_OFF,
        happened=lambda: SignOff.objects.filter(election__slug=SLUG, member__person=person("deirna_admin")).exists(),
        **COMMITTEE,
    ),
    Case(
        "governance:publish",
        _signed_by_the_others,
        dict,
        action=A.ELECTION_PUBLISHED,
        happened=lambda: _election().status == Election.Status.PUBLISHED,
        **COMMITTEE,
    ),
    Case(
        "governance:sheet_add",
        _counted,
        lambda: {"photo": SimpleUploadedFile("sheet.jpg", b"\xff\xd8\xff\xe0\x00\x02\xff\xda\x00\x02px\xff\xd9")},
        action=A.ELECTION_TALLY_SHEET,
        happened=lambda: TallySheet.objects.filter(election__slug=SLUG).exists(),
        **COMMITTEE,
    ),
    Case(
        "governance:decide",
        _with_complaint,
        lambda: {"decision": "The count started on time.", "upheld": "0"},
        action=A.ELECTION_COMPLAINT_DECIDED,
        happened=lambda: Complaint.objects.filter(election__slug=SLUG, decided_at__isnull=False).exists(),
        **COMMITTEE,
    ),
    # online ballots: the committee's key steps, credentials, revocation, decryption; the booth
    Case(
        "governance:trustee_step",
        lambda: _online(status="enabled"),
        lambda: {"step": "certificate", "message": B.dumps(B.threshold_certificate(B.get_group("BELENIOS-2048"))[1])},
        action=A.ONLINE_TRUSTEE_STEP,
        happened=lambda: (
            TrusteeKey.objects.filter(member__person=person("deirna_admin")).exclude(certificate="").exists()
        ),
        **COMMITTEE,
    ),
    Case(
        "governance:credentials",
        lambda: _online() and _revoked_deirna(),
        lambda: {
            "credentials": B.dumps(
                {
                    "deirna": B.public_credential(
                        B.get_group("BELENIOS-2048"), _state["online"].channel.uuid, B.generate_credential()
                    )
                }
            )
        },
        action=A.ONLINE_CREDENTIALS,
        happened=lambda: VoterCredential.objects.filter(
            channel__election__slug=ONLINE, organisation__slug="deirna", revoked_at__isnull=True
        ).exists(),
        shows_a_form=True,
        **COMMITTEE,
    ),
    Case(
        "governance:revoke",
        _online,
        lambda: {
            "organisation": Organisation.objects.get(slug="deirna").pk,
            "reason": "The slip was lost on the road to the assembly.",
        },
        action=A.ONLINE_CREDENTIAL_REVOKED,
        happened=lambda: VoterCredential.objects.filter(
            channel__election__slug=ONLINE, revoked_at__isnull=False
        ).exists(),
        **COMMITTEE,
    ),
    Case(
        "governance:decrypt",
        _online_closed,
        lambda: {"message": _state["online"].partial(0)},
        action=A.ONLINE_DECRYPTION,
        happened=lambda: PartialDecryption.objects.filter(trustee__member__person=person("deirna_admin")).exists(),
        **COMMITTEE,
    ),
    Case(
        "governance:booth",
        _online,
        _deirna_ballot,
        may="deirna_admin",
        read_only="tech_officer",
        outsider="nobody",
        action=A.ONLINE_BALLOT_CAST,
        happened=lambda: OnlineBallot.objects.filter(channel__election__slug=ONLINE).exists(),
        shows_a_form=True,
        note="Deirna's admin votes for Deirna, on the roll; the technical team may not vote (403).",
    ),
    Case(
        "governance:office_online_enable",
        _preparing_online_enable,
        lambda: {"credential_authority": _election().committee.order_by("pk")[0].pk},
        action=A.ONLINE_ENABLED,
        happened=lambda: OnlineChannel.objects.filter(election__slug=SLUG).exists(),
        **OFFICE,
    ),
    # the technical team's office
    Case(
        "governance:office_rules_new",
        dict,
        lambda: {
            "text_en": "Rules of the views table.",
            "original_language": "en",
            "good_standing_months": 6,
            "one_per_organisation": "on",
        },
        action=A.CANDIDACY_RULES_VERSIONED,
        happened=lambda: CandidacyRules.objects.filter(text_en="Rules of the views table.").exists(),
        shows_a_form=True,
        **OFFICE,
    ),
    Case(
        "governance:office_assembly_new",
        dict,
        lambda: {
            "slug": "views-table-new",
            "title_en": "A new assembly",
            "original_language": "en",
            "starts_at": "2030-01-01T10:00",
            "quorum_numerator": 1,
            "quorum_denominator": 2,
        },
        action=A.ASSEMBLY_SAVED,
        happened=lambda: Assembly.objects.filter(slug="views-table-new").exists(),
        shows_a_form=True,
        **OFFICE,
    ),
    Case(
        "governance:office_assembly_edit",
        lambda: {"slug": NEXT_ASSEMBLY},
        lambda: {
            "slug": NEXT_ASSEMBLY,
            "title_en": CHANGED,
            "original_language": "en",
            "starts_at": "2030-01-01T10:00",
            "region": Assembly.objects.get(slug=NEXT_ASSEMBLY).region_id,
            "quorum_numerator": 1,
            "quorum_denominator": 2,
        },
        action=A.ASSEMBLY_SAVED,
        happened=lambda: Assembly.objects.get(slug=NEXT_ASSEMBLY).title_en == CHANGED,
        shows_a_form=True,
        **OFFICE,
    ),
    Case(
        "governance:office_agenda_new",
        lambda: {"slug": NEXT_ASSEMBLY},
        lambda: {"new-order": 9, "new-title_en": "Any other business", "new-original_language": "en"},
        action=A.ASSEMBLY_AGENDA_SAVED,
        happened=lambda: AgendaItem.objects.filter(title_en="Any other business").exists(),
        **OFFICE,
    ),
    Case(
        "governance:office_agenda",
        _agenda_item,
        lambda: {
            f"{_agenda_item()['code']}-order": 1,
            f"{_agenda_item()['code']}-title_en": CHANGED,
            f"{_agenda_item()['code']}-original_language": "en",
        },
        action=A.ASSEMBLY_AGENDA_SAVED,
        happened=lambda: AgendaItem.objects.filter(title_en=CHANGED).exists(),
        **OFFICE,
    ),
    Case(
        "governance:office_document",
        lambda: {"slug": NEXT_ASSEMBLY},
        lambda: {"title": "Draft rules", "file": SimpleUploadedFile("rules.pdf", PDF), "is_public": "on"},
        action=A.ASSEMBLY_DOCUMENT_ADDED,
        happened=lambda: Assembly.objects.get(slug=NEXT_ASSEMBLY).documents.filter(title="Draft rules").exists(),
        **OFFICE,
    ),
    Case(
        "governance:office_invite",
        _fresh_assembly,
        dict,
        action=A.ASSEMBLY_INVITED,
        happened=lambda: InvitedOrganisation.objects.filter(assembly__slug="views-table-assembly").exists(),
        **OFFICE,
    ),
    Case(
        "governance:office_assembly_advance",
        lambda: {"slug": NEXT_ASSEMBLY},
        lambda: {"to": "in_session"},
        action=A.ASSEMBLY_STATUS_CHANGED,
        happened=lambda: Assembly.objects.get(slug=NEXT_ASSEMBLY).status == Assembly.Status.IN_SESSION,
        **OFFICE,
    ),
    Case(
        "governance:office_minutes",
        lambda: {"slug": NEXT_ASSEMBLY},
        lambda: {"minutes_en": "The members met."},
        action=A.ASSEMBLY_MINUTES_PUBLISHED,
        happened=lambda: Assembly.objects.get(slug=NEXT_ASSEMBLY).minutes_published_at is not None,
        **OFFICE,
    ),
    Case(
        "governance:office_attendance",
        lambda: {"slug": _in_session() and _state["setup"].assembly.slug},
        lambda: {
            "organisation": _state["setup"].organisations[0].pk,
            "representative_name": "Nadia (test)",
            "present": "on",
        },
        action=A.ASSEMBLY_ATTENDANCE,
        happened=lambda: Attendance.objects.filter(representative_name="Nadia (test)").exists(),
        shows_a_form=True,
        **OFFICE,
    ),
    Case(
        "governance:office_election_new",
        dict,
        lambda: _election_fields(slug="views-table-new-election"),
        action=A.ELECTION_SAVED,
        happened=lambda: Election.objects.filter(slug="views-table-new-election").exists(),
        shows_a_form=True,
        **OFFICE,
    ),
    Case(
        "governance:office_election_edit",
        _preparing,
        lambda: _election_fields(slug=SLUG, title_en=CHANGED, assembly=_state["setup"].assembly.pk),
        action=A.ELECTION_SAVED,
        happened=lambda: _election().title_en == CHANGED,
        shows_a_form=True,
        **OFFICE,
    ),
    Case(
        "governance:office_committee",
        _preparing,
        lambda: {
            "email": person("astefir_editor").email,
            "organisation": Organisation.objects.get(slug="astefir-al-zour").pk,
        },
        action=A.ELECTION_COMMITTEE_ADDED,
        happened=lambda: CommitteeMember.objects.filter(election__slug=SLUG, person=person("astefir_editor")).exists(),
        **OFFICE,
    ),
    Case(
        "governance:office_election_advance",
        _preparing,
        lambda: {"to": "nominations"},
        action=A.ELECTION_STATUS_CHANGED,
        happened=lambda: _election().status == Election.Status.NOMINATIONS,
        **OFFICE,
    ),
)
