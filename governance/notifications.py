"""Emails about nominations, in the language each person chose: the person nominated is asked to consent, and a
withdrawal is told to the other side (the person, or the admin who nominated them). Sent after the commit."""

from core import mail
from governance.models import Nomination


def nominated(nomination: Nomination) -> None:
    """The nominated person learns of it by email too, not only from the to-do list on their page."""
    mail.send_to_people(
        "governance/email/nominated",
        [nomination.person],
        context=lambda language: {
            "nomination": nomination,
            "election": nomination.election,
            "url": mail.absolute_url(
                "governance:consent", language=language, args=[nomination.election.slug, nomination.code]
            ),
        },
    )


def withdrawn(nomination: Nomination, *, by_candidate: bool) -> None:
    """The person withdrew: the admin who nominated them may put someone else forward. The organisation withdrew:
    the person is told their name is off the list."""
    recipient = nomination.nominated_by if by_candidate else nomination.person
    if recipient is None:
        return
    mail.send_to_people(
        "governance/email/withdrawn",
        [recipient],
        context=lambda language: {
            "nomination": nomination,
            "election": nomination.election,
            "by_candidate": by_candidate,
            "url": mail.absolute_url("governance:election", language=language, args=[nomination.election.slug]),
        },
    )
