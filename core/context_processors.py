from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.functional import SimpleLazyObject

from core.permissions import is_technical_team

_NAV = {"about": "about", "directory": "members", "profile": "members", "regions": "regions", "region": "regions", "bodies": "bodies", "body": "bodies"}


def _short_name():
    from coalition.models import Coalition

    return Coalition.current().short_name or "CivNet"


def site(request):
    current = translation.get_language()
    path = request.get_full_path()
    languages = [
        {
            "code": code,
            "name": translation.get_language_info(code)["name_local"],
            "url": translate_url(path, code),
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]
    match = getattr(request, "resolver_match", None)
    return {
        "site_languages": languages,
        "is_technical_team": is_technical_team(request.user),
        "coalition_short_name": SimpleLazyObject(_short_name),
        "nav": _NAV.get(match.url_name, "") if match else "",
    }
