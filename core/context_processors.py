from django.conf import settings
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils import translation

from core.i18n import direction
from core.permissions import is_technical_team

_NAV = {
    "coalition:about": "about",
    "members:directory": "members",
    "members:profile": "members",
    "coalition:regions": "regions",
    "coalition:region": "regions",
    "coalition:bodies": "bodies",
    "coalition:body": "bodies",
    "projects:registry": "projects",
    "projects:detail": "projects",
    "fourw:index": "fourw",
    "campaigns:list": "campaigns",
    "campaigns:detail": "campaigns",
    "campaigns:statement": "campaigns",
    "campaigns:round": "campaigns",
    "newsletters:archive": "newsletters",
    "newsletters:issue": "newsletters",
    "newsletters:activities": "activities",
    "newsletters:news": "newsletters",
}


def _same_page_in(request, lang: str) -> str:
    """This page's address in another language, from the match already resolved for the request."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return translate_url(request.get_full_path(), lang)
    with translation.override(lang):
        try:
            url = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
        except NoReverseMatch:
            return f"/{lang}/"
    query = request.META.get("QUERY_STRING", "")
    return f"{url}?{query}" if query else url


def site(request):
    current = translation.get_language()
    languages = [
        {
            "code": code,
            "name": translation.get_language_info(code)["name_local"],
            "url": _same_page_in(request, code),
            "current": code == current,
            "dir": direction(code),
        }
        for code, _name in settings.LANGUAGES
    ]
    match = getattr(request, "resolver_match", None)
    return {
        "site_languages": languages,
        "is_technical_team": is_technical_team(request.user),
        "nav": _NAV.get(match.view_name, "") if match else "",
    }
