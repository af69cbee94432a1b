"""Emails about the places people ask for: the answer, in the language the person chose."""

from core import mail
from places.models import PlaceRequest


def request_answered(request: PlaceRequest) -> None:
    """Tells the person who asked whether the place was added (they can pick it now) or why it was not."""
    if request.requested_by is None:
        return
    template = (
        "places/email/request_added" if request.status == PlaceRequest.Status.ADDED else "places/email/request_declined"
    )
    mail.send_to_people(
        template,
        [request.requested_by],
        context=lambda language: {
            "request": request,
            "place": request.place,
            "requests_url": mail.absolute_url("places:request", language=language),
        },
    )
