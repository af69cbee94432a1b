"""An election with online ballots built through the services, up to the step a test needs: the committee's key
steps made with governance/belenios.py on the members' behalf (as their browsers or belenios-tool would), the
credential authority's credentials made the same way (the private ones kept here, as the slips would be), voters
who are delegates of organisations on the roll, with an authenticator app."""

import json
from dataclasses import dataclass, field

from governance import belenios as B
from governance import services
from governance.models import Election, OnlineChannel
from members.models import Affiliation
from tests import governance_setup as gs


@dataclass
class Online:
    setup: gs.Setup
    seeds: list = field(default_factory=list)  # committee member i's secret (the key file's content)
    credentials: dict = field(default_factory=dict)  # organisation slug -> private credential (the slips)
    voters: dict = field(default_factory=dict)  # organisation slug -> a delegate with two-factor

    @property
    def election(self) -> Election:
        return self.setup.refresh()

    @property
    def channel(self) -> OnlineChannel:
        return OnlineChannel.objects.get(election=self.setup.election)

    @property
    def belenios(self) -> B.Election:
        return B.Election(self.channel.election_raw)

    def ballot(self, slug, selected=(), blank=False, credential=None) -> str:
        e = self.belenios
        return B.create_ballot(e, credential or self.credentials[slug], [B.approval(e, 0, list(selected), blank=blank)])

    def cast(self, slug, selected=(), blank=False):
        from members.models import Organisation

        return services.ballot_cast(
            actor=self.voters[slug],
            election=self.election,
            organisation=Organisation.objects.get(slug=slug),
            raw=self.ballot(slug, selected, blank),
        )

    def key(self, i) -> int:
        """Committee member i's decryption key, from their seed and the voutput the server keeps."""
        trustee = self.channel.keys.get(index=i + 1)
        group = B.get_group(self.channel.group)
        return B.threshold_decryption_key(group, self.seeds[i], json.loads(trustee.voutput)["private_key"])

    def partial(self, i) -> str:
        channel = self.channel
        return B.dumps(B.partial_decryption(self.belenios, json.loads(channel.encrypted_tally), self.key(i)))

    def decrypt(self, *members):
        for i in members:
            services.decryption_upload(actor=self.setup.committee[i], election=self.election, raw=self.partial(i))


def key_ceremony(online: Online, *, skip=()) -> None:
    """Steps 1, 3 and 5 of every member (but those in `skip`, by index, who use the browser in a test)."""
    setup = online.setup
    group = B.get_group("BELENIOS-2048")
    members = [i for i in range(len(setup.committee)) if i not in skip]
    for i in members:
        seed, cert = B.threshold_certificate(group)
        online.seeds[i] = seed
        services.trustee_step(
            actor=setup.committee[i], election=setup.election, step="certificate", message=B.dumps(cert)
        )
    if skip:
        return
    channel = online.channel
    certs = [json.loads(k.certificate) for k in channel.keys.all()]
    for i in members:
        polynomial = B.threshold_polynomial(group, certs, online.seeds[i], channel.threshold)
        services.trustee_step(
            actor=setup.committee[i], election=setup.election, step="polynomial", message=B.dumps(polynomial)
        )
    polynomials = [json.loads(k.polynomial) for k in channel.keys.all()]
    vinputs = B.threshold_vinputs(group, certs, polynomials)
    for i in members:
        voutput = B.threshold_voutput(group, certs, online.seeds[i], vinputs[i])
        services.trustee_step(
            actor=setup.committee[i], election=setup.election, step="voutput", message=B.dumps(voutput)
        )


def build(*, status="voting", voters=3, keys=True, credentials=True, member=None, slug=None, **options) -> Online:
    """`status`: "enabled" (keys to make), "keyed", "voting" (credentials issued), "counting" (closed, tallied)."""
    setup = gs.build(status="in_session", member=member, slug=slug, **options)
    services.online_enable(
        actor=setup.tech, election=setup.election, credential_authority=setup.election.committee.order_by("pk").first()
    )
    online = Online(setup, seeds=[None] * len(setup.committee))
    if status == "enabled" or not keys:
        return online
    key_ceremony(online)
    if status == "keyed":
        return online
    services.election_advance(actor=setup.tech, election=setup.refresh(), to=Election.Status.VOTING)
    roll = [e.organisation for e in setup.refresh().roll.select_related("organisation").order_by("organisation__slug")]
    if credentials:
        group = B.get_group("BELENIOS-2048")
        uuid = online.channel.uuid
        for organisation in roll:
            online.credentials[organisation.slug] = B.generate_credential()
        services.credentials_upload(
            actor=setup.committee[0],
            election=setup.refresh(),
            credentials={s: B.public_credential(group, uuid, c) for s, c in online.credentials.items()},
        )
    for organisation in roll[:voters]:
        online.voters[organisation.slug] = gs.user(
            f"voter{organisation.pk}-{next(gs._numbers)}@example.org",
            organisation=organisation,
            role=Affiliation.Role.DELEGATE,
            totp=True,
        )
    if status == "voting":
        return online
    return online


def close(online: Online) -> None:
    services.election_advance(actor=online.setup.committee[0], election=online.election, to=Election.Status.COUNTING)
