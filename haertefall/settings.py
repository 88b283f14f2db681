"""Django settings, read from the environment.

Every value a deployment must choose comes from an environment variable (README.md lists
them). Development uses `make run`, which sets DEBUG=1 and a throwaway key; the test suite
uses `haertefall.settings_test`, which sets its own values before importing this module.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
import django_stubs_ext
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from haertefall.cases.crypto import development_master_keys, parse_master_keys

# Lets ModelAdmin[...] and QuerySet[...] be subscripted at run time as well as by mypy.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    if value.strip().lower() in _TRUE:
        return True
    if value.strip().lower() in _FALSE:
        return False
    raise ImproperlyConfigured(f"Set {name} to 1 or 0 (got {value!r}).")


def envlist(name: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


def envint(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"Set {name} to a whole number (got {value!r}).") from None


def envpath(name: str, default: Path) -> Path:
    value = os.environ.get(name, "").strip()
    return Path(value).resolve() if value else default


DEBUG = envbool("DEBUG", default=False)

SECRET_KEY = os.environ.get("SECRET_KEY", "").strip()
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "Set the SECRET_KEY environment variable to a long random string "
            "(or set DEBUG=1 for local development)."
        )
    # Only reachable with DEBUG on: sessions signed with this key are worthless elsewhere.
    SECRET_KEY = "django-insecure-development-only"

# Master keys for encryption at rest (haertefall/cases/crypto.py): "id:key,id:key", the first
# one encrypts, all of them decrypt. Kept in the environment, never beside the data they protect.
DATA_ENCRYPTION_KEYS = os.environ.get("DATA_ENCRYPTION_KEYS", "").strip()
if not DATA_ENCRYPTION_KEYS:
    if not DEBUG:
        raise ImproperlyConfigured(
            "Set the DATA_ENCRYPTION_KEYS environment variable to the master key(s) that "
            "encrypt uploads and answers; create one with "
            "`python -m haertefall.cases.crypto <id>` (or set DEBUG=1 for local development)."
        )
    # Development only: a key file of its own, created on first start, outside the uploads.
    DATA_ENCRYPTION_KEYS = development_master_keys(BASE_DIR / "var" / "keys" / "development")
# A wrong key should stop the start, not the first upload.
parse_master_keys(DATA_ENCRYPTION_KEYS)

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    if not DEBUG:
        raise ImproperlyConfigured(
            "Set the ALLOWED_HOSTS environment variable to the host names this site is served "
            "under, separated by commas, e.g. ALLOWED_HOSTS=antrag.example.org "
            "(or set DEBUG=1 for local development)."
        )
    ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"]

CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "csp",
    "haertefall.accounts",
    "haertefall.cases",
    "haertefall.wizard",
    "haertefall.evidence",
    "haertefall.packages",
    "haertefall.review",
    "haertefall.privacy",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Every page of a case asks cases.access.case_for, which raises LoginNeeded for a visitor
    # who is not logged in (any more).
    "haertefall.cases.middleware.LoginNeededMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes requires: it turns a flagged lock-out into the lock-out response.
    "axes.middleware.AxesMiddleware",
]

if not DEBUG:
    # Production serves static files with WhiteNoise (`runserver` does it in development).
    # Right after SecurityMiddleware, as WhiteNoise's documentation asks: static files get the
    # security headers but skip sessions, CSRF and the database.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "haertefall.urls"
WSGI_APPLICATION = "haertefall.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "haertefall.review.context_processors.review_navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=60,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

# django-axes counts failed log-ins before any password is checked; ModelBackend does the rest.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Guessing passwords: after 5 failures for one e-mail address from one IP address, that pair is
# locked for 30 minutes, even with the right password. Per pair, so that nobody can lock a
# person out of their account from elsewhere. haertefall.accounts shows the message.
AXES_FAILURE_LIMIT = envint("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("LOGIN_LOCKOUT_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "email"
# The lock-out ends 30 minutes after it began, as the message promises; further tries do not
# push it back.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "haertefall.accounts.views.lockout_response"
# Behind a reverse proxy every request comes from the proxy's address: set how many proxies
# append to X-Forwarded-For, so that the lock-out holds per client and not for everyone.
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "haertefall.accounts.client_ip.client_ip"
# Attempts are stored without the password (django-axes never stores it) and the log lines name
# no e-mail address: an address is personal data.
AXES_VERBOSE = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "de"
LANGUAGES = [
    ("de", _("German")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Berlin"
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = envpath("STATIC_ROOT", BASE_DIR / "var" / "static")
# In production WhiteNoise serves the files `manage.py collectstatic` gathered, compressed and
# with a content hash in the name, so browsers may cache them for ever. Development (and the
# test settings) keep Django's plain storage, which needs no collectstatic.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Uploaded evidence (passports, medical reports) is personal data of the most sensitive kind.
# It lives outside every served directory and has no URL: it leaves the server only through
# views that check access, or inside an exported package. See haertefall/cases/storage.py.
UPLOAD_ROOT = envpath("UPLOAD_ROOT", BASE_DIR / "var" / "uploads")
# Nothing is served from MEDIA_ROOT; it is set so that a stray default-storage write lands
# beside the uploads instead of in the working directory.
MEDIA_ROOT = BASE_DIR / "var" / "media"

# Limits for evidence uploads (issue 4): per file and for all files of one case together.
UPLOAD_MAX_FILE_BYTES = envint("UPLOAD_MAX_FILE_BYTES", 20 * 1024 * 1024)
UPLOAD_MAX_CASE_BYTES = envint("UPLOAD_MAX_CASE_BYTES", 100 * 1024 * 1024)
# Drafts unchanged this many days are deleted (manage.py purge_inactive); the owner is warned
# by e-mail INACTIVE_WARNING_DAYS before.
INACTIVE_DRAFT_DAYS = envint("INACTIVE_DRAFT_DAYS", 180)
INACTIVE_WARNING_DAYS = envint("INACTIVE_WARNING_DAYS", 14)
# An upload request up to the size of one file stays in memory: the plaintext of a typical
# scan or phone photo never touches the disk before it is sealed. Larger requests (several
# files at once) are spooled to disk during the request: beside the uploads, readable by the
# server's user only, never in a shared system temp folder; purge_inactive removes what a
# killed worker left behind.
FILE_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_FILE_BYTES + 1024 * 1024
FILE_UPLOAD_TEMP_DIR = str(envpath("FILE_UPLOAD_TEMP_DIR", BASE_DIR / "var" / "tmp"))
# Django refuses to spool into a folder that does not exist; create it with owner-only access.
Path(FILE_UPLOAD_TEMP_DIR).mkdir(mode=0o700, parents=True, exist_ok=True)
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700

# E-mail: notifications and invitations (issue 6). They carry a link, never case content.
# In development they are printed to the console; a deployment sets EMAIL_HOST and friends.
if DEBUG:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
else:
    EMAIL_BACKEND = os.environ.get(
        "EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
    ).strip()
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost").strip()
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "").strip()
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "").strip() or "webmaster@localhost"


def _default_site_url() -> str:
    if DEBUG:
        return "http://127.0.0.1:8000"
    host = ALLOWED_HOSTS[0].lstrip(".")
    return "" if host == "*" else f"https://{host}"


# The links in e-mails need the site's address, as there is no request to take it from.
SITE_URL = (os.environ.get("SITE_URL", "").strip() or _default_site_url()).rstrip("/")

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "wizard:case_list"
LOGOUT_REDIRECT_URL = "home"

# Transport security. Production (DEBUG off) is HTTPS only; each switch can be turned off by
# its variable, e.g. for a deployment whose proxy already redirects to HTTPS.
SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", default=not DEBUG)
# Behind a TLS-terminating proxy Django sees plain HTTP; name the header the proxy sets,
# e.g. SECURE_PROXY_SSL_HEADER=X-Forwarded-Proto. Only set it when the proxy always sets or
# overwrites that header, or a client could claim HTTPS.
_proxy_ssl_header = os.environ.get("SECURE_PROXY_SSL_HEADER", "").strip()
if _proxy_ssl_header:
    SECURE_PROXY_SSL_HEADER = (
        "HTTP_" + _proxy_ssl_header.upper().replace("-", "_"),
        os.environ.get("SECURE_PROXY_SSL_VALUE", "https").strip(),
    )
# A year of HSTS; 0 switches it off (development never sends it).
SECURE_HSTS_SECONDS = 0 if DEBUG else envint("SECURE_HSTS_SECONDS", 365 * 24 * 60 * 60)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", default=not DEBUG)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content-Security-Policy, in development too, so that the browser tests prove every page works
# under it: scripts and styles only from our own static files (no inline script, no inline
# style attribute, no event handler attribute), nothing from other sites, no plugins, and no
# framing. Pages must keep working without any exception here.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# Error reports must not carry what people typed into a form (life stories, health data).
DEFAULT_EXCEPTION_REPORTER_FILTER = "haertefall.reporting.NoRequestDataFilter"

# Only the console, and only formats built from the message: request bodies, POST data and
# uploaded files never reach a log line. Django's default mail_admins handler is left out on
# purpose, because its mails include the request.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.utils.autoreload": {"level": "WARNING"},
        "haertefall": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
