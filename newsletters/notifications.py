"""Emails to subscribers and commenters, in their language (the issues themselves go out through
newsletters.sending)."""

from django.utils import translation

from core import mail


def confirm_subscription(subscriber) -> None:
    """The double opt-in link, opening in the newsletter's language."""
    url = mail.absolute_url("newsletters:confirm", language=subscriber.language, args=[subscriber.token])
    mail.send("newsletters/email/confirm", subscriber.email, language=subscriber.language, context={"url": url})


def comment_received(comment) -> None:
    """Sent while the commenter's request is answered: the page's language is theirs."""
    language = translation.get_language() or "ar"
    url = mail.absolute_url("newsletters:comment_delete", language=language, args=[comment.deletion_token])
    mail.send("newsletters/email/comment", comment.email, language=language, context={"comment": comment, "url": url})
