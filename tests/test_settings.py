"""One settings module driven by the environment: production is clean under `check --deploy`,
bad values fail loudly."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from civnet.env import email_settings, env_bool, env_int
from tests.conftest import ARTIFACTS

BASE = ARTIFACTS.parent


def _manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE,
        capture_output=True,
        text=True,
        timeout=120,
        env={
            k: v
            for k, v in os.environ.items()
            if k not in {"DEBUG", "HTTPS", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
        }
        | env,
    )


def test_production_settings_pass_the_deploy_check(tmp_path):
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={
            "SECRET_KEY": "x" * 30 + "-production-secret-with-enough-entropy-1234567890",
            "ALLOWED_HOSTS": "civnet.example.org",
            "CIVNET_VAR_DIR": str(tmp_path),
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_bad_boolean_fails_loudly(tmp_path):
    result = _manage("check", env={"DEBUG": "maybe", "CIVNET_VAR_DIR": str(tmp_path)})
    assert result.returncode != 0
    assert "DEBUG must be a boolean" in result.stderr


def test_env_helpers(monkeypatch):
    monkeypatch.setenv("X_FLAG", "yes")
    monkeypatch.setenv("X_NUMBER", "twelve")
    assert env_bool("X_FLAG", False) is True
    with pytest.raises(ImproperlyConfigured, match="X_NUMBER must be an integer"):
        env_int("X_NUMBER", 1)


def test_email_url():
    smtp = email_settings("smtp://user:p%40ss@mail.example.org:587?tls=1")
    assert (smtp["EMAIL_HOST"], smtp["EMAIL_PORT"], smtp["EMAIL_HOST_PASSWORD"], smtp["EMAIL_USE_TLS"]) == (
        "mail.example.org",
        587,
        "p@ss",
        True,
    )
    assert email_settings("smtps://mail.example.org")["EMAIL_PORT"] == 465
    assert email_settings("console://")["EMAIL_BACKEND"].endswith("console.EmailBackend")
    with pytest.raises(ImproperlyConfigured):
        email_settings("carrier-pigeon://coop")


def test_static_files_are_hashed_and_compressed(tmp_path):
    result = _manage("collectstatic", "--noinput", "-v0", env={"CIVNET_VAR_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    names = {p.name for p in (tmp_path / "static" / "css").iterdir()}
    assert any(n.startswith("civnet.") and n.endswith(".css.br") for n in names)
    assert any(n.startswith("civnet.") and n.endswith(".css.gz") for n in names)
