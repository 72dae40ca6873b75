"""Django settings for Nestwell, configured entirely from the environment.

Defaults are safe for a single home server: DEBUG off, SQLite in the data
directory, a generated secret key, a strict content security policy.
"""

import locale
import sys
from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF

from nestwell.config import data_dir, secret_key

env = environ.Env()


def _whole(name, default, low=0, high=None):
    """A whole number from the environment, or a refusal that names the variable: a raw
    ValueError ("invalid literal for int()") left the operator guessing which one."""
    from django.core.exceptions import ImproperlyConfigured

    raw = env.str(name, default=str(default)).strip()
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number; it is {raw!r}.") from None
    if value < low or (high is not None and value > high):
        shown = f"from {low} to {high}" if high is not None else f"{low} or more"
        raise ImproperlyConfigured(f"{name} must be {shown}; it is {value}.")
    return value


_YES = {"1", "true", "yes", "on"}
_NO = {"0", "false", "no", "off"}


def _flag(name, default):
    """A yes-or-no setting, or a refusal that names the variable: "NESTWELL_HTTPS=ture"
    had been read as no, and Nestwell served without secure cookies, HSTS or the redirect
    and said nothing."""
    from django.core.exceptions import ImproperlyConfigured

    raw = env.ENVIRON.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in _YES:
        return True
    if raw in _NO:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false (or on/off, yes/no, 1/0); "
                               f"it is {env.str(name)!r}.")


def _addresses(name):
    """A comma-separated list of IP addresses or networks, or a refusal that names it."""
    import ipaddress

    from django.core.exceptions import ImproperlyConfigured

    out = [part.strip() for part in env.list(name, default=[]) if part.strip()]
    for part in out:
        try:
            ipaddress.ip_network(part, strict=False)
        except ValueError:
            raise ImproperlyConfigured(f"{name} must list IP addresses or networks "
                                       f"(192.168.1.2, 10.0.0.0/8); {part!r} is neither."
                                       ) from None
    return out


def _choice(name, default, choices):
    from django.core.exceptions import ImproperlyConfigured

    raw = env.str(name, default=default).strip().upper()
    if raw not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(choices)}; "
                                   f"it is {env.str(name)!r}.")
    return raw


def _json(name):
    from django.core.exceptions import ImproperlyConfigured

    raw = env.str(name, default="").strip()
    if not raw:
        return {}
    try:
        value = env.json(name)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be JSON (an object); it could not be "
                                   f"read: {exc}.") from None
    if not isinstance(value, dict):
        raise ImproperlyConfigured(f"{name} must be a JSON object ({{\"BACKEND\": …}}).")
    return value


BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = data_dir()

SECRET_KEY = env.str("NESTWELL_SECRET_KEY", default="") or secret_key(DATA_DIR)
DEBUG = _flag("NESTWELL_DEBUG", default=False)
ALLOWED_HOSTS = env.list(
    "NESTWELL_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"]
)
CSRF_TRUSTED_ORIGINS = env.list("NESTWELL_CSRF_TRUSTED_ORIGINS", default=[])
# Set NESTWELL_HTTPS=true when Nestwell is served over HTTPS (directly or behind a proxy).
HTTPS = _flag("NESTWELL_HTTPS", default=False)

INSTALLED_APPS = [
    "nestwell.accounts",
    "nestwell.children",
    "nestwell.journal",
    "nestwell.care",
    "nestwell.pregnancy",
    "nestwell.milestones",
    "nestwell.photos",
    "nestwell.growth",
    "nestwell.health",
    "nestwell.milk",  # pumping and the milk store
    "nestwell.medicines",
    "nestwell.wellbeing",
    "nestwell.wondering",
    "nestwell.insights",
    "nestwell.listening",
    "nestwell.reminders",
    "nestwell.handover",
    "nestwell.keepsake",
    "nestwell.transfer",
    "nestwell.offline",
    "nestwell.api",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "django_htmx",
    "axes",
    "ninja",  # serves the API docs' scripts and styles from our own static files
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "nestwell.compression.SafeGZipMiddleware",
    # "desde la 1:34", not "las 1:34", in pages made in Spanish (nestwell/spanish.py), and
    # "d’Emma", not "de Emma", in French ones (nestwell/french.py).
    "nestwell.typography.Typesetting",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "nestwell.api.errors.JsonErrorsUnderApi",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "nestwell.accounts.middleware.HouseholdMiddleware",
    "nestwell.accounts.middleware.NoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # A note kept by a form of the care day, milk, firsts, growth, photos or "what you
    # noticed" that speaks of harm: the support page next (wellbeing/notes.py).
    "nestwell.wellbeing.notes.NotesReadForHarm",
    "axes.middleware.AxesMiddleware",
    # Last: its page then passes back through no-store, messages and framing as any other.
    "nestwell.not_allowed.MethodNotAllowedPage",
]

ROOT_URLCONF = "nestwell.urls"
FORM_RENDERER = "nestwell.forms.Renderer"
WSGI_APPLICATION = "nestwell.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "nestwell.accounts.context_processors.household",
            ],
            # Units and clock as the person looking reads them: |volume |weight |body_length
            # |temperature
            # |clock |at (nestwell/accounts/measures.py).
            "builtins": ["nestwell.accounts.templatetags.measures"],
        },
    },
]

# --- Database -------------------------------------------------------------
# SQLite in the data directory by default; DATABASE_URL (e.g. postgres://...) otherwise.
def _database():
    """SQLite or PostgreSQL from DATABASE_URL, or a refusal that says what it takes: a
    mistyped address ended in "KeyError: 'ENGINE'", and mysql:// in a missing driver."""
    from django.core.exceptions import ImproperlyConfigured

    url = env.str("DATABASE_URL", default="").strip()
    if not url:
        return env.db_url_config(f"sqlite:///{DATA_DIR / 'nestwell.sqlite3'}")
    scheme = url.split("://", 1)[0].lower() if "://" in url else ""
    if scheme not in ("sqlite", "postgres", "postgresql", "pgsql", "postgis"):
        raise ImproperlyConfigured(
            "DATABASE_URL must be postgres://USER@HOST:PORT/NAME (PostgreSQL) or "
            "sqlite:////PATH (SQLite); Nestwell works with these two only. It begins "
            f"{(scheme or url[:12])!r}.")
    return env.db_url_config(url)


DATABASES = {"default": _database()}
# Each thread of a worker keeps its connection between requests. On SQLite a new connection
# per request cost about 1 ms before any work (opening the file, the pragmas, reading the
# schema) and started with an empty page cache: with it kept, /healthz answered 1,630 times
# a second instead of 570-710 and the quick-log 370-610 instead of 290-370
# (docs/performance.md, "SQLite connections kept").
DATABASES["default"].setdefault("CONN_MAX_AGE", 60)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers and one writer work at once; IMMEDIATE transactions and a
        # busy timeout make two processes wait for each other instead of failing.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
else:
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # Behind a pooler in transaction mode (PgBouncer): no server-side cursors, and the hot
    # reads are not prepared in the session either (nestwell/lib/statements.py).
    if _flag("NESTWELL_DB_POOLER", default=False):
        DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                          "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Accounts -------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "journal:home"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Login rate limiting: after 5 failed attempts for one e-mail from one address,
# wait 15 minutes.
AXES_FAILURE_LIMIT = _whole("NESTWELL_LOGIN_ATTEMPTS", 5, low=1)
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"  # the sign-in form calls the e-mail field "username"
AXES_USERNAME_CALLABLE = "nestwell.accounts.security.login_username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Behind a reverse proxy every request comes from the proxy's address: name it here (a
# comma-separated list of addresses or networks) and, for requests that come from it, the
# client's own address is the right-most one in X-Forwarded-For (the one the proxy added),
# read by django-ipware through axes. From anywhere else the connecting address counts,
# so nobody can choose their address by sending the header.
TRUSTED_PROXIES = _addresses("NESTWELL_TRUSTED_PROXIES")
AXES_CLIENT_IP_CALLABLE = "nestwell.accounts.security.client_ip"
AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR",)
AXES_IPWARE_PROXY_COUNT = 0  # the right-most address of the chain is the client's
IPWARE_STRICT = False  # a chain may start with addresses the client sent itself
# Password-reset e-mails: at most this many per address, and per client, each hour.
PASSWORD_RESET_EMAILS_PER_HOUR = _whole("NESTWELL_RESET_EMAILS_PER_HOUR", 3)
SESSION_ENGINE = "nestwell.accounts.sessions"  # Django's table, read by a statement
SESSION_COOKIE_AGE = 60 * 60 * 24 * 60  # a parent stays signed in for two months
INVITATION_TTL = timedelta(days=7)
# A folder with an organisation's questionnaire files (e.g. an EPDS with its wording,
# used with the publisher's permission), in the same format as the built-in ones.
NESTWELL_INSTRUMENTS_DIR = env.str("NESTWELL_INSTRUMENTS_DIR", default="") or None

# --- E-mail ---------------------------------------------------------------
# EMAIL_URL (smtp://user:pass@host:587/?tls=True) or the usual EMAIL_* variables;
# without either, e-mails are printed to the console.
EMAIL_CONFIGURED = bool(env.str("EMAIL_URL", default="") or env.str("EMAIL_HOST", default=""))
if env.str("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
elif env.str("EMAIL_HOST", default=""):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env.str("EMAIL_HOST")
    EMAIL_PORT = _whole("EMAIL_PORT", 587, low=1, high=65535)
    EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
    EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
    EMAIL_USE_TLS = _flag("EMAIL_USE_TLS", default=True)
    EMAIL_USE_SSL = _flag("EMAIL_USE_SSL", default=False)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env.str("NESTWELL_FROM_EMAIL", default="Nestwell <nestwell@localhost>")
# Web Push: the contact the push services see in the VAPID claim (a mailto: or https: URL).
NESTWELL_PUSH_CONTACT = env.str("NESTWELL_PUSH_CONTACT", default="mailto:nestwell@localhost")

# --- Language and time ----------------------------------------------------
LANGUAGE_CODE = "en"
LOCALE_PATHS = [BASE_DIR / "locale"]
# Each language in its own name, as a person looks for it. One is offered only once its
# catalogue is complete and compiled (nestwell/locale/<code>/LC_MESSAGES/django.mo; see
# docs/development.md): a half-translated screen is worse than an English one.
# US English is a variant of the code's British English: its catalogue holds only the
# words that differ (diaper, color, pediatrician…), and the rest reads as written.
# Python's gettext takes a plain "en" for "en_US" (locale.normalize), so the US catalogue
# would speak for "en" too; Nestwell's plain English is its own British one.
locale.locale_alias["en"] = "en.ISO8859-1"
LANGUAGE_NAMES = {"en": "English (UK)", "en-us": "English (US)", "de": "Deutsch", "es": "Español",
                  "fr": "Français", "ar": "العربية"}


def _catalogue(code):
    language, _dash, region = code.partition("-")
    folder = f"{language}_{region.upper()}" if region else language
    return LOCALE_PATHS[0] / folder / "LC_MESSAGES" / "django.mo"


LANGUAGES = [(code, name) for code, name in LANGUAGE_NAMES.items()
             if code == "en" or _catalogue(code).exists()]
LANGUAGE_COOKIE_NAME = "nestwell_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

# --- Static files ---------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    # Photos: DATA_DIR/photos, or any Django storage the operator names in
    # NESTWELL_PHOTOS_STORAGE as JSON (an S3-compatible store through django-storages, for
    # example; docs/operator-guide.md). Never served from a URL of their own: Nestwell
    # serves each photo after the same checks as what it belongs to.
    "photos": _json("NESTWELL_PHOTOS_STORAGE") or {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(DATA_DIR / "photos"), "base_url": "/nowhere/",
                    "directory_permissions_mode": 0o700, "file_permissions_mode": 0o600},
    },
}

# --- Security ---------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
CSRF_FAILURE_VIEW = "nestwell.views.csrf_failure"
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = _flag("NESTWELL_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = _whole("NESTWELL_HSTS_SECONDS", 60 * 60 * 24 * 365)
    # Subdomains and the browsers' preload list are the domain owner's decision (a home
    # server often shares its domain with other things), so both are opt-in.
    SECURE_HSTS_INCLUDE_SUBDOMAINS = _flag("NESTWELL_HSTS_SUBDOMAINS", default=False)
    SECURE_HSTS_PRELOAD = _flag("NESTWELL_HSTS_PRELOAD", default=False)
    SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_INCLUDE_SUBDOMAINS else ["security.W005"]
    if not SECURE_HSTS_PRELOAD:
        SILENCED_SYSTEM_CHECKS.append("security.W021")

# Everything is served by Nestwell itself: no inline script or style, no other host.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

LOG_LEVEL = _choice("NESTWELL_LOG_LEVEL", "INFO", ("DEBUG", "INFO", "WARNING", "ERROR",
                                                   "CRITICAL"))
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"secret_links": {"()": "nestwell.lib.redact.RedactSecretLinks"},
                "refusals": {"()": "nestwell.lib.log_filters.RefusalsWithoutTraceback"},
                "unknown_host": {"()": "nestwell.lib.log_filters.UnknownHostInOneLine"}},
    "handlers": {"console": {"class": "logging.StreamHandler",
                             "filters": ["secret_links"]}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {"axes": {"level": "WARNING"}, "django.request": {"filters": ["refusals"]},
                "django.security.DisallowedHost": {"filters": ["unknown_host"]},
                # The jobs' own lines ("Executing …" every minute) follow the level too: with
                # a handler of its own here, huey's consumer sets none at INFO.
                "huey": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False}},
}

# Read here so that a value that cannot be read stops every command with one line
# (ops/gunicorn_conf.py reads them again as it starts).
JOBS = _flag("NESTWELL_JOBS", default=True)
THREADS = _whole("NESTWELL_THREADS", 4, low=1, high=64)

# --- Background jobs and backups ----------------------------------------------
# Huey runs the scheduled jobs (the daily backup) in one consumer process, which
# `nestwell serve` starts next to the web server (NESTWELL_JOBS=off to leave it out).
# The queue lives in DATA_DIR/jobs.sqlite3, or in Redis when REDIS_URL is set.
INSTALLED_APPS += ["huey.contrib.djhuey"]
NESTWELL_BACKUP_DIR = Path(
    env.str("NESTWELL_BACKUP_DIR", default="") or DATA_DIR / "backups"
).expanduser()
NESTWELL_BACKUP_KEEP = _whole("NESTWELL_BACKUP_KEEP", 7)
NESTWELL_BACKUP_PASSPHRASE = env.str("NESTWELL_BACKUP_PASSPHRASE", default="") or None
NESTWELL_BACKUP_HOUR = _whole("NESTWELL_BACKUP_HOUR", 3, high=23)  # the server's local time
HUEY = {
    "name": "nestwell",
    "immediate": False,
    "utc": False,  # crontab hours are the server's local time
    "consumer": {"workers": 1, "worker_type": "thread", "flush_locks": True},
}
if REDIS_URL:
    HUEY.update({"huey_class": "huey.RedisHuey", "url": REDIS_URL})
else:
    HUEY.update({"huey_class": "huey.SqliteHuey", "filename": str(DATA_DIR / "jobs.sqlite3")})
# huey's storage module tries to import redis and psycopg for its other queues, whether
# or not they are used: 15 MB in every worker (psycopg's C library, redis' and through it
# cryptography). Neither is imported for it when neither is in use (tests/test_startup_imports.py).
_unused = ([] if REDIS_URL else ["redis"]) + (
    [] if "postgresql" in DATABASES["default"]["ENGINE"] else ["psycopg"])
_blocked = [name for name in _unused if name not in sys.modules]
sys.modules.update(dict.fromkeys(_blocked))  # None in sys.modules: "import x" fails
try:
    import huey.storage  # noqa: E402,F401
finally:
    for _name in _blocked:
        del sys.modules[_name]  # an import of it later (a command, a test) works as usual
# The consumer's log lines go through the console handler once, not twice.
LOGGING["loggers"]["huey"] = {"handlers": ["console"], "level": "INFO", "propagate": False}

# --- Imports ------------------------------------------------------------------
# The largest file the import page accepts (MB): a bigger one gets a 413 and a kind
# message before it is written anywhere. The command line (`nestwell import`) has no limit.
NESTWELL_IMPORT_MAX_MB = _whole("NESTWELL_IMPORT_MAX_MB", 200, low=1)
# A file checked but never imported is removed after this many hours (hourly sweep).
NESTWELL_IMPORT_KEEP_HOURS = _whole("NESTWELL_IMPORT_KEEP_HOURS", 6)
FILE_UPLOAD_HANDLERS = [
    "nestwell.transfer.uploads.LimitedUpload",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
