"""CivNet's one settings module. Everything that differs between a laptop and production is an
environment variable; with none set, CivNet runs on SQLite in ./var with DEBUG off."""

from pathlib import Path

import dj_database_url
import django.conf.locale
from django.utils.translation import gettext_lazy as _

from civnet.env import email_settings, env_bool, env_int, env_list, env_proxy_count, env_str, local_secret_key

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("CIVNET_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)
VAR_DIR.mkdir(parents=True, exist_ok=True)
# Production passes SECRET_KEY; a laptop gets a random key generated once into var/ (never committed).
SECRET_KEY = env_str("SECRET_KEY", "") or local_secret_key(VAR_DIR / "secret_key")
# The offline outbox's private keys (offline/keys.py), beside the secret key, created on first use, never committed;
# production keeps this folder on persistent storage and backs it up (docs/offline.md: rotation).
CIVNET_OFFLINE_KEY_DIR = env_str("CIVNET_OFFLINE_KEY_DIR", str(VAR_DIR / "offline_keys"))
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Behind TLS (production) cookies are secure and HTTP is redirected; `make run` on a laptop sets HTTPS=0.
HTTPS = env_bool("HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
# BEHIND_PROXY=1 (or the number of proxies): trust X-Forwarded-Proto, and take the client's address from the
# X-Forwarded-For entry our own proxy added (counted from the right), never the client-controlled left-most one.
PROXY_COUNT = env_proxy_count("BEHIND_PROXY")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if PROXY_COUNT else None
ALLAUTH_TRUSTED_PROXY_COUNT = PROXY_COUNT
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Shared and seized phones are a real risk here: sessions are short and end with the browser.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
LANGUAGE_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600

INSTALLED_APPS = [
    "core",
    "accounts",  # before allauth so its templates override allauth's
    "places",
    "coalition",
    "members",
    "projects",
    "fourw",
    "campaigns",
    "appeals",
    "trainings",
    "governance",
    "newsletters",
    "backoffice",
    "offline",
    "demo",
    "api",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "csp",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "core.middleware.RememberLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.RequireTwoFactorMiddleware",
]

ROOT_URLCONF = "civnet.urls"
# Pasted project pages can be long; past this size the request is refused before it is read.
DATA_UPLOAD_MAX_MEMORY_SIZE = 6 * 1024 * 1024
CSRF_FAILURE_VIEW = "core.views.csrf_failure"
WSGI_APPLICATION = "civnet.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site",
                "coalition.context_processors.coalition",
                "offline.context_processors.offline",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'civnet.sqlite3'}"), conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let gunicorn's workers write without "database is locked" errors.
    # Tests use a file, not memory: the live server's threads then each have their own connection, as in
    # production, so concurrent signing is tested for real.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The database cache is shared by every gunicorn worker, so login rate limits hold across them.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "civnet_cache",
    }
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "members:dashboard"

# --- allauth: every person has their own account; there is no public sign-up (see accounts/adapter.py).
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[CivNet] "
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "CivNet"
# A code typed at the end of its 30 s step on a slow mobile line arrives in the next one: accept the step before
# (RFC 6238 section 5.2 allows one step of transmission delay), and no more. A code is still accepted only once.
MFA_TOTP_TOLERANCE = 1
# Coalition roles and organisation admins must use two-factor; the demo may relax it.
CIVNET_REQUIRE_2FA = env_bool("CIVNET_REQUIRE_2FA", True)

# --- languages: Arabic first; Kurmanji (ku, Latin script) and Syriac (syr, RTL) are not in Django.
django.conf.locale.LANG_INFO.update(
    {
        "ku": {"bidi": False, "code": "ku", "name": "Kurmanji Kurdish", "name_local": "Kurmancî"},
        "syr": {"bidi": True, "code": "syr", "name": "Syriac", "name_local": "ܣܘܪܝܝܐ"},
    }
)
LANGUAGE_CODE = "ar"
LANGUAGES = [
    ("ar", _("Arabic")),
    ("ku", _("Kurmanji Kurdish")),
    ("syr", _("Syriac")),
    ("en", _("English")),
]
LANGUAGES_BIDI = ["ar", "syr", "he", "fa", "ur", "ckb"]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["civnet.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Damascus"

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 365 * 24 * 3600

DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "CivNet <no-reply@civnet.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
globals().update(email_settings(env_str("EMAIL_URL", "console://")))
# Where the technical team is told about new applications.
CIVNET_TECH_TEAM_EMAIL = env_str("CIVNET_TECH_TEAM_EMAIL", "")

# Strict CSP: nothing inline, nothing third-party. TOTP's QR code is a data: image.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        # The offline outbox's service worker (/sw.js, offline/worker.js).
        "worker-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# Links in emails are built from this address (no request is at hand when a message is sent).
CIVNET_BASE_URL = env_str("CIVNET_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
# Prefix of IATI organisation identifiers for members without their own (Organisation.iati_identifier).
# A coalition sets it to the identifier it registered with IATI.
CIVNET_IATI_PREFIX = env_str("CIVNET_IATI_PREFIX", "XI-IATI-CIVNET")

# Background work (sending newsletters) goes to a queue kept in the database: no broker to run.
# `manage.py db_worker` processes it; `make run` starts one beside the web server. To outgrow one
# machine, set TASKS_BACKEND to another django-tasks backend (e.g. one backed by Redis or RabbitMQ).
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
# Messages sent per SMTP connection before it is renewed.
CIVNET_SMTP_BATCH = env_int("CIVNET_SMTP_BATCH", 200)
