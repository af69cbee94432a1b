"""The person's outbox: its page, the fresh token and state the sending script asks for, the one endpoint every
record is sent to, and opening a refused record again to fix it."""

import uuid

from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from offline import kinds, selectors, services
from offline.models import OutboxReceipt


@login_required
@require_safe
def outbox(request):
    receipts = selectors.receipts_for(request.user)
    labels = kinds.labels()
    for receipt in receipts:
        receipt.label = labels.get(receipt.kind, receipt.kind)
    return render(request, "offline/outbox.html", {"receipts": receipts})


@never_cache
@require_safe
def status(request):
    """A fresh CSRF token and who is signed in, asked before each sending (a page kept on the phone holds stale
    ones)."""
    return JsonResponse(
        {
            "signed_in": request.user.is_authenticated,
            "owner": selectors.owner_tag(request.user),
            "csrf": get_token(request),
        }
    )


def _sign_in():
    return JsonResponse({"status": "sign_in", "message": _("Sign in to send what waits on this phone.")}, status=401)


def _record_fields(request):
    client_id = request.POST.get("client_id", "")
    try:
        client_id = str(uuid.UUID(client_id))
    except ValueError:
        return None
    kind = request.POST.get("kind", "")
    envelope = request.POST.get("ciphertext", "")
    if kind not in kinds.KINDS or not envelope:
        return None
    return client_id, kind, envelope


@never_cache
@require_POST
def submit(request):
    """One record from an outbox, sealed for the server's key, dispatched to its form's own view once."""
    if not request.user.is_authenticated:
        return _sign_in()
    fields = _record_fields(request)
    if fields is None:
        return JsonResponse({"status": "bad", "message": _("This is not a record of the outbox.")}, status=400)
    client_id, kind, envelope = fields
    try:
        result = services.record_submit(
            actor=request.user, request=request, client_id=client_id, kind=kind, envelope=envelope
        )
    except services.OtherPerson:
        return JsonResponse(
            {"status": "other_person", "message": _("Made with another account: sign in as that person to send it.")},
            status=409,
        )
    except services.ViewFailed:
        return JsonResponse(
            {"status": "error", "message": _("The server could not record it now: it stays on this phone.")},
            status=503,
        )
    receipt = result.receipt
    message = receipt.message
    if result.already:
        message = _("Already recorded: this record had been sent before, nothing was added.")
        if receipt.status == OutboxReceipt.Status.REFUSED:
            message = receipt.message
    return JsonResponse(
        {
            "status": receipt.status,
            "already": result.already,
            "message": message,
            "url": receipt.object_url,
        },
        status=result.http_status,
    )


@never_cache
@require_POST
def reopen(request):
    """The fields of one of the person's refused records, to fill its form again (answered, never stored)."""
    if not request.user.is_authenticated:
        return _sign_in()
    fields = _record_fields(request)
    if fields is None:
        raise Http404
    client_id, kind, envelope = fields
    return JsonResponse(services.reopen(actor=request.user, client_id=client_id, kind=kind, envelope=envelope))
