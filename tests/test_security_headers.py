"""Strict CSP, no inline scripts or handlers, CSRF on every form."""

import re

import pytest

PAGES = ["/ar/", "/en/members/", "/en/members/apply/", "/en/accounts/login/", "/en/about/"]


@pytest.mark.parametrize("url", PAGES)
def test_strict_content_security_policy(client, demo, url):
    response = client.get(url)
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("url", PAGES)
def test_no_inline_script_or_handler(client, demo, url):
    html = client.get(url).content.decode()
    # Executable script comes only from files; a JSON data block (json_script, never executed) is allowed.
    assert re.findall(r"<script(?![^>]*\b(?:src=|type=\"application/json\"))[^>]*>", html) == []
    assert re.findall(r"\son[a-z]+\s*=", html) == []
    assert "style=" not in html


def test_forms_need_the_csrf_token(demo):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/en/members/apply/", {"name_ar": "x"})
    assert response.status_code == 403
    assert "The form expired" in response.content.decode()
