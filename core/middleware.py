from django.conf import settings
from django.utils.translation import get_language_from_path


class RememberLanguageMiddleware:
    """Visiting /<lang>/... remembers that language, so a bare / later redirects to it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        lang = get_language_from_path(request.path_info)
        if lang and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != lang and response.status_code < 400:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                lang,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response
