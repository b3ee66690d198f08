"""Settings from environment variables, with safe embedded defaults (SQLite in WAL mode)."""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from hoinghi.core import production

BASE_DIR = Path(__file__).resolve().parent
REPO_DIR = BASE_DIR.parent
DATA_DIR = Path(os.environ.get("HOINGHI_DATA_DIR", REPO_DIR / "data"))
# What the server writes (the database and its write-ahead log, the secret key, uploads, the writers' lock) is for
# the server's user alone: the folder is closed to others, and every file this process creates is its user's only.
os.umask(0o077)
DATA_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)
DATA_DIR.chmod(0o700)


def _flag(name: str, default: bool = False) -> bool:
    return os.environ.get(name, "1" if default else "0").lower() in {"1", "true", "yes", "on"}


DEBUG = _flag("HOINGHI_DEBUG")
# Production mode (`hoinghi serve` and `hoinghi worker` turn it on): PostgreSQL, Redis, a real key, HTTPS behind
# the proxy (deploy/). It refuses to start on the embedded defaults, which would lose data or sessions silently.
PRODUCTION = _flag("HOINGHI_PRODUCTION")
if PRODUCTION and (refusal := production.refusal(os.environ)):
    raise ImproperlyConfigured(refusal)
# Demo accounts may log in only when this is on (`hoinghi demo` turns it on).
DEMO_MODE = _flag("HOINGHI_DEMO")


def _secret_key() -> str:
    if key := os.environ.get("SECRET_KEY"):
        return key
    # Embedded default: a random key kept in the data folder, never a constant in the code.
    path = DATA_DIR / "secret_key"
    if not path.exists():
        from django.core.management.utils import get_random_secret_key

        with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as key:
            key.write(get_random_secret_key())
    return path.read_text().strip()


SECRET_KEY = _secret_key()
# Keys used before a rotation: sessions and signatures made with them stay valid, and sealed ballots still open.
SECRET_KEY_FALLBACKS = [key for key in os.environ.get("SECRET_KEY_FALLBACKS", "").split(",") if key]
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_htmx",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # Before django_tasks_db: its `db_worker` command is hoinghi.core's (which first recovers stale jobs).
    "hoinghi.core",
    "django_tasks",
    "django_tasks_db",
    "hoinghi.directory",
    "hoinghi.meetings",
    "hoinghi.voting",
    "hoinghi.directives",
    "hoinghi.targets",
    "hoinghi.records",
    "hoinghi.ingest",
    "hoinghi.portal",
    "hoinghi.search",
    "hoinghi.demo",
    "hoinghi.api",
    # django-ninja's own static files: the API's docs page is served from the site, no CDN.
    "ninja",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "hoinghi.core.middleware.VietnameseFirstMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # With a replica: the read-mostly pages read it, a writer's next pages the primary until it caught up.
    "hoinghi.core.replica.ReplicaMiddleware",
    # Ends a session idle too long, too old, or not through its account's second factor (hoinghi.directory).
    "hoinghi.directory.sessions.SessionRulesMiddleware",
    # Every 403 to the audit log and one line of the server's log (who, what, why).
    "hoinghi.core.refusals.RefusalMiddleware",
    # Every page asks for a signed-in account but those marked `login_not_required` (sign-in, language, the
    # viewer's access check).
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
    # Last and synchronous only: so every middleware above runs synchronously too, and a request
    # crosses between the event loop and a worker thread three times instead of at every middleware.
    "hoinghi.core.memo.RequestAnswersMiddleware",
]

ROOT_URLCONF = "hoinghi.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "hoinghi.core.context_processors.ui",
            ],
        },
    },
]
WSGI_APPLICATION = "hoinghi.wsgi.application"
ASGI_APPLICATION = "hoinghi.asgi.application"

if os.environ.get("DATABASE_URL"):
    # A pool per server process: each request runs in its own thread, so a connection kept per thread
    # would never be reused, and opening one per request costs PostgreSQL a fork and an authentication.
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"])}
    # Each pooled connection is checked as it is handed out (CONN_HEALTH_CHECKS: the pool's `check`): after
    # PostgreSQL restarts, the pool drops its dead connections and opens new ones, rather than failing one request
    # per connection (tests/stack/test_faults_postgresql.py).
    POOL = {"min_size": 2, "max_size": 16, "timeout": 30}
    DATABASES["default"]["OPTIONS"] = {"pool": POOL}
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    if os.environ.get("DATABASE_REPLICA_URL"):
        # A streaming replica for the read-mostly pages named in REPLICA_VIEWS (hoinghi.core.replica); the tests
        # read it as the primary itself.
        DATABASES["replica"] = dj_database_url.parse(os.environ["DATABASE_REPLICA_URL"])
        DATABASES["replica"]["OPTIONS"] = {"pool": POOL | {"min_size": 1}}
        DATABASES["replica"]["CONN_HEALTH_CHECKS"] = True
        DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "hoinghi.sqlite3",
            # Kept by each request thread (hoinghi.asgi): opening one with its set-up costs a millisecond.
            "CONN_MAX_AGE": None,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": {
                # WAL (set once per file, in hoinghi.core.db) lets readers work while one writer writes;
                # IMMEDIATE takes the write lock at BEGIN so two writers queue instead of failing.
                # mmap: large reads (dashboards over years of directives) from the page cache without copies.
                "init_command": "PRAGMA synchronous=NORMAL; PRAGMA mmap_size=268435456;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
DATABASE_ROUTERS = ["hoinghi.core.replica.ReplicaRouter"]
# The pages read from the replica when there is one: dashboards, lists and search, which read much and write nothing.
# A person who has just written reads them from the primary until the replica has replayed his write.
REPLICA_VIEWS = [
    "home",
    "meetings:list",
    "directives:dashboard",
    "directives:overdue",
    "directives:inbox",
    "targets:resolutions",
    "targets:target",
    "targets:resolution",
    "search:search",
    "search:public",
]
AUTH_USER_MODEL = "directory.User"
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "hoinghi.directory.auth.DemoAwareBackend"]
AXES_FAILURE_LIMIT = 5
AXES_VERBOSE = False
AXES_COOLOFF_TIME = 0.25  # hours
# A name and an address together: an attacker's address is locked for that account, its owner elsewhere is not, and
# one person's mistakes do not lock a shared office address for everyone. Guessing one name from many addresses is
# slowed down instead (hoinghi.directory.throttle).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Two-factor sign-in (hoinghi.directory.two_factor): the name an authenticator app shows for the account.
OTP_TOTP_ISSUER = "Hội nghị số"
# Sessions end after this long without activity and at this age (hoinghi.directory.sessions).
SESSION_IDLE_SECONDS = int(float(os.environ.get("HOINGHI_SESSION_IDLE_MINUTES", "30")) * 60)
SESSION_MAX_AGE_SECONDS = int(float(os.environ.get("HOINGHI_SESSION_MAX_HOURS", "12")) * 3600)
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "hoinghi.directory.passwords.VietnameseCommonPasswordValidator"},
    {"NAME": "hoinghi.directory.passwords.NameValidator"},
    {"NAME": "hoinghi.directory.passwords.WordAndYearValidator"},
]

LANGUAGE_CODE = "vi"
# A program reading the API chooses its language by Accept-Language (hoinghi.core.middleware).
LANGUAGE_FROM_HEADER_PATHS = ["/api/"]
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# In production the front server reads the collected files: a folder of their own, outside the closed data folder,
# readable by nginx's user (and only they are, not the uploads beside them).
STATIC_ROOT = Path(os.environ.get("HOINGHI_STATIC_ROOT", DATA_DIR / "static"))
STATIC_ROOT.mkdir(mode=0o755 if "HOINGHI_STATIC_ROOT" in os.environ else 0o700, parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed names (cached for a year by the browser) and gzip copies, written by `hoinghi collectstatic`.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if "HOINGHI_STATIC_ROOT" in os.environ:
    STORAGES["staticfiles"] = {
        "BACKEND": "hoinghi.core.staticfiles.ReadableStaticFilesStorage",
        "OPTIONS": {"file_permissions_mode": 0o644, "directory_permissions_mode": 0o755},
    }
if os.environ.get("HOINGHI_S3_BUCKET"):
    # Uploaded and issued files on S3-compatible storage shared by several machines (django-storages); never public:
    # every file is served through the application's permission checks.
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["HOINGHI_S3_BUCKET"],
            "endpoint_url": os.environ.get("HOINGHI_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("HOINGHI_S3_REGION") or None,
            "access_key": os.environ.get("HOINGHI_S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("HOINGHI_S3_SECRET_ACCESS_KEY") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
# Only development serves the apps' folders as they are edited; elsewhere the collected files alone are served.
WHITENOISE_USE_FINDERS = DEBUG
MEDIA_ROOT = DATA_DIR / "files"
FILE_UPLOAD_PERMISSIONS = 0o600  # (Django's default, 0o644, would override the umask)
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700

# Uploads: the size limit is checked before the file is read in full.
UPLOAD_MAX_BYTES = int(os.environ.get("HOINGHI_UPLOAD_MAX_MB", "50")) * 1024 * 1024
# Papers: what an Office file may unpack to, how much of its text is kept, how many pages the viewer draws, and
# what reading or drawing one file may cost the worker's child process (hoinghi.core.confine).
PAPER_UNPACKED_MAX_BYTES = int(os.environ.get("HOINGHI_PAPER_UNPACKED_MAX_MB", "64")) * 1024 * 1024
PAPER_TEXT_MAX_CHARS = int(os.environ.get("HOINGHI_PAPER_TEXT_MAX_CHARS", "1000000"))
PAPER_MAX_PAGES = int(os.environ.get("HOINGHI_PAPER_MAX_PAGES", "300"))
PAPER_WORK_SECONDS = float(os.environ.get("HOINGHI_PAPER_WORK_SECONDS", "120"))
PAPER_WORK_MEMORY_MB = int(os.environ.get("HOINGHI_PAPER_WORK_MEMORY_MB", "1024"))
# Confidential papers' pages drawn by the worker, without watermark: readable by the server's user only.
PAGES_DIR = DATA_DIR / "pages"
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_HANDLERS = [
    "hoinghi.core.uploads.SizeLimitHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# The audit log's chain head is written outside the database every N events, at each issued document and by
# `hoinghi audit head` (cron): to this append-only file, and to the log.
AUDIT_HEADS_FILE = Path(os.environ.get("HOINGHI_AUDIT_HEADS", DATA_DIR / "audit-heads.log"))
AUDIT_HEAD_EVERY = int(os.environ.get("HOINGHI_AUDIT_HEAD_EVERY", "100"))

# Live updates: in-process by default; with Redis, several server processes share them, and their cache.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}

TASKS = {
    "default": {
        "BACKEND": os.environ.get("HOINGHI_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}
# Jobs `hoinghi worker` queues once a day, at or after this local time (hoinghi.core.daily), however many run.
DAILY_TASKS = {"hoinghi.directives.tasks.send_reminders": os.environ.get("HOINGHI_REMINDERS_AT", "07:00")}

# In the database, so that a session outlives a restart (the fast cast path loads it through this store too).
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# The store drops a session idle this long by itself (each active request saves it again, at most once a minute);
# the cookie lasts until the browser closes.
SESSION_COOKIE_AGE = SESSION_IDLE_SECONDS
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "hoinghi.core.refusals.csrf_refused"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = _flag("HOINGHI_HTTPS") or PRODUCTION
X_FRAME_OPTIONS = "DENY" if PRODUCTION else "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True
# The public portal (/cong-thong-tin/): its name, and the measurement snippet that portals of state bodies carry
# (EMC, Thông tư 22/2023/TT-BTTTT): the script's address and the site's id, as the ministry gives them.
PORTAL_NAME = os.environ.get("HOINGHI_PORTAL_NAME", "Cổng thông tin điện tử")
PORTAL_EMC_SCRIPT_URL = os.environ.get("HOINGHI_EMC_SCRIPT_URL", "")
PORTAL_EMC_SITE_ID = os.environ.get("HOINGHI_EMC_SITE_ID", "")


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


# Every script and style is served from here; nothing inline but styles.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:"],
        "style-src": ["'self'", "'unsafe-inline'"],
        # With the ministry's measurement script configured (PORTAL_EMC_SCRIPT_URL), its host too.
        "script-src": ["'self'", *([_origin(PORTAL_EMC_SCRIPT_URL)] if PORTAL_EMC_SCRIPT_URL else [])],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'" if PRODUCTION else "'self'"],
    }
}
SECURE_REFERRER_POLICY = "same-origin"

# E-mail (the reminders): printed on the console by default; for SMTP set EMAIL_BACKEND to
# django.core.mail.backends.smtp.EmailBackend and the server below.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _flag("EMAIL_USE_TLS")
EMAIL_USE_SSL = _flag("EMAIL_USE_SSL")
# The mail server is answered outside any transaction; a stalled one still must not hold a worker for long.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "20"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "hoinghi@localhost")
# The address the product is reached at, for the links in e-mails.
SITE_URL = os.environ.get("HOINGHI_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

if PRODUCTION:
    # Behind nginx, which ends TLS and says so in X-Forwarded-Proto (deploy/nginx/hoinghi.conf sets it, replacing
    # whatever a client sent): plain HTTP is sent to HTTPS, and browsers are told to come back only over HTTPS.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = int(os.environ.get("HOINGHI_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = _flag("HOINGHI_HSTS_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = _flag("HOINGHI_HSTS_PRELOAD", default=True)
    CSRF_TRUSTED_ORIGINS = CSRF_TRUSTED_ORIGINS or [SITE_URL]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        # A 403 is written once, as one line, by hoinghi.core.refusals; not again with a traceback.
        "without_refusals": {"()": "hoinghi.core.logs.WithoutRefusals"},
        # What a secret ballot holds never reaches a log, even with DEBUG on (hoinghi.core.logs).
        "without_ballots": {
            "()": "hoinghi.core.logs.WithoutStatementsOn",
            "tables": ["voting_ballot", "voting_countedballot"],
        },
    },
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "django.db.backends": {"filters": ["without_ballots"]},
        "django.request": {"filters": ["without_refusals"]},
        "django.security.csrf": {"filters": ["without_refusals"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("HOINGHI_LOG_LEVEL", "INFO")},
}
