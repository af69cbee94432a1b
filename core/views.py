from django.http import HttpResponseRedirect
from django.utils.translation import get_language_from_request


def root_redirect(request):
    """A bare / goes to the remembered language, else the browser's, else Arabic."""
    response = HttpResponseRedirect(f"/{get_language_from_request(request)}/")
    response["Vary"] = "Accept-Language, Cookie"
    return response


def csrf_failure(request, reason=""):
    from django.shortcuts import render

    return render(request, "403_csrf.html", status=403)
