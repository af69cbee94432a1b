"""Views every app shares: the bare `/`, the CSRF failure page, and `attempt` for running a service from a view."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import get_language_from_request
from django.views.decorators.http import require_safe

from core.services import Refused


@require_safe
def root_redirect(request):
    """A bare / goes to the remembered language, else the browser's, else Arabic."""
    response = HttpResponseRedirect(f"/{get_language_from_request(request)}/")
    response["Vary"] = "Accept-Language, Cookie"
    return response


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)


def attempt(request, call, success):
    """Run a service call for a view: a refusal becomes an error message, success a success message
    (`success` may be a function of the result). Returns the result, or None when refused."""
    try:
        result = call()
    except Refused as refused:
        messages.error(request, refused.message)
        return None
    messages.success(request, success(result) if callable(success) else success)
    return result
