"""Signing in with a password and an authenticator code; two-factor is mandatory for coalition roles
and organisation admins."""

import re
import time
from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from django.contrib.auth import get_user_model

from tests.conftest import PASSWORD


def current_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def totp_secret(user) -> str:
    return decrypt(Authenticator.objects.get(user=user, type="totp").data["secret"])


def sign_in(client, email, password=PASSWORD, lang="en"):
    return client.post(f"/{lang}/accounts/login/", {"login": email, "password": password})


def test_password_then_authenticator_code(client, people):
    response = sign_in(client, people["tech_officer"].email)
    assert response["Location"] == "/en/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session  # not signed in until the code is given
    response = client.post("/en/accounts/2fa/authenticate/", {"code": "000000"})
    assert "_auth_user_id" not in client.session
    response = client.post(
        "/en/accounts/2fa/authenticate/", {"code": current_code(totp_secret(people["tech_officer"]))}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(people["tech_officer"].pk)
    assert client.get("/en/office/").status_code == 200


def test_a_code_from_the_step_before_is_accepted_once_and_an_older_one_refused(client, people):
    """A code typed as its 30 s step ends reaches the server in the next step over a slow line; older ones fail."""
    from django.core.cache import cache

    cache.clear()
    tech = people["tech_officer"]
    if time.time() % 30 > 25:  # keep the whole test inside one step
        time.sleep(30 - time.time() % 30 + 0.1)
    step = int(time.time()) // 30
    sign_in(client, tech.email)
    client.post("/en/accounts/2fa/authenticate/", {"code": format_hotp_value(hotp_value(totp_secret(tech), step - 2))})
    assert "_auth_user_id" not in client.session
    late = format_hotp_value(hotp_value(totp_secret(tech), step - 1))
    client.post("/en/accounts/2fa/authenticate/", {"code": late})
    assert client.session["_auth_user_id"] == str(tech.pk)
    client.logout()
    sign_in(client, tech.email)
    client.post("/en/accounts/2fa/authenticate/", {"code": late})  # the same code again: refused
    assert "_auth_user_id" not in client.session


def test_recovery_code_works_once(client, people):
    codes = RecoveryCodes.activate(people["tech_officer"]).get_unused_codes()
    sign_in(client, people["tech_officer"].email)
    client.post("/en/accounts/2fa/authenticate/", {"code": codes[0]})
    assert client.session["_auth_user_id"] == str(people["tech_officer"].pk)
    client.logout()
    sign_in(client, people["tech_officer"].email)
    client.post("/en/accounts/2fa/authenticate/", {"code": codes[0]})
    assert "_auth_user_id" not in client.session


def test_wrong_password_is_refused_in_the_reader_language(client, people):
    response = sign_in(client, people["astefir_editor"].email, password="wrong password", lang="ar")
    assert response.status_code == 200
    assert "البريد الإلكتروني أو كلمة المرور غير صحيحة." in response.content.decode()


def test_login_is_rate_limited(client, people):
    for _ in range(5):
        sign_in(client, people["astefir_editor"].email, password="wrong password")
    response = sign_in(client, people["astefir_editor"].email)  # even the right password waits now
    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in response.content.decode()


def test_editor_needs_no_second_factor(client, people):
    response = sign_in(client, people["astefir_editor"].email)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(people["astefir_editor"].pk)
    assert client.get("/en/my/").status_code == 200


@pytest.mark.parametrize("key", ["astefir_admin", "tech_officer"])
def test_admins_and_coalition_roles_must_set_up_two_factor(client, people, key):
    Authenticator.objects.filter(user=people[key]).delete()
    client.force_login(people[key])
    assert client.get("/en/my/")["Location"] == "/en/accounts/2fa/totp/activate/"
    assert client.get("/en/office/")["Location"] == "/en/accounts/2fa/totp/activate/"
    # The activation page itself is reachable (after confirming the password, as allauth asks).
    response = client.get("/en/accounts/2fa/totp/activate/")
    assert response.status_code == 302 and response["Location"].startswith("/en/accounts/reauthenticate/")
    assert client.get(response["Location"]).status_code == 200


def test_setting_up_two_factor_opens_the_pages(client, people):
    admin = people["astefir_admin"]
    Authenticator.objects.filter(user=admin).delete()
    sign_in(client, admin.email)  # no second factor yet, so the password alone signs in
    assert client.get("/en/my/")["Location"] == "/en/accounts/2fa/totp/activate/"
    client.post("/en/accounts/reauthenticate/", {"password": PASSWORD})
    response = client.get("/en/accounts/2fa/totp/activate/")
    secret = response.context["form"].secret
    response = client.post("/en/accounts/2fa/totp/activate/", {"code": current_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=admin, type="totp").exists()
    assert client.get("/en/my/").status_code == 200


def test_the_demo_may_relax_two_factor(client, people, settings):
    settings.CIVNET_REQUIRE_2FA = False
    Authenticator.objects.filter(user=people["astefir_admin"]).delete()
    client.force_login(people["astefir_admin"])
    assert client.get("/en/my/").status_code == 200


def test_nobody_can_sign_up_without_an_application(client, demo):
    response = client.post(
        "/en/accounts/signup/", {"email": "x@example.org", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 200
    assert "sign up is currently closed" in response.content.decode()
    assert not get_user_model().objects.filter(email="x@example.org").exists()


def test_password_reset_sends_a_link_through_smtp(client, people, smtp):
    client.post("/en/accounts/password/reset/", {"email": people["astefir_editor"].email})
    [message] = smtp.to(people["astefir_editor"].email)
    assert "/en/accounts/password/reset/key/" in smtp.body(message)


def test_unverified_email_must_be_confirmed_before_signing_in(client, demo, smtp):
    person = get_user_model().objects.create_user("new.editor@example.org", PASSWORD, full_name="New Editor")
    EmailAddress.objects.create(user=person, email=person.email, primary=True, verified=False)
    response = sign_in(client, person.email)
    assert "_auth_user_id" not in client.session
    assert response["Location"].endswith("/accounts/confirm-email/")
    [message] = smtp.to(person.email)
    link = re.search(r"http://\S+/accounts/confirm-email/\S+", smtp.body(message)).group(0)
    assert "Please confirm that this is your email address for CivNet" in smtp.body(message)
    client.post(urlsplit(link).path)
    assert EmailAddress.objects.get(user=person).verified
    sign_in(client, person.email)
    assert client.session["_auth_user_id"] == str(person.pk)
