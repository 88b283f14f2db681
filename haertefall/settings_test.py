"""Settings for the test suite: production settings with the values a deployment would set.

DEBUG stays off so the tests see what users see. Set before the import because
haertefall.settings refuses to start without them.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-used-anywhere-else")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")
os.environ.setdefault("DEBUG", "0")
# Not secret: it protects nothing but test data.
os.environ.setdefault("DATA_ENCRYPTION_KEYS", "test:dGVzdC1vbmx5LWtleS1ub3Qtc2VjcmV0LTMyYnl0ZXM=")

from haertefall.settings import *  # noqa: F403
from haertefall.settings import BASE_DIR

# Never the real uploads, whatever the shell exports; tests/haertefall/conftest.py points
# each test at its own tmp_path on top of this.
UPLOAD_ROOT = BASE_DIR / "var" / "test-uploads"

# Whatever the shell exports: the tests check what a deployed site does.
DEBUG = False
# Password hashing dominates the run time of tests that create users.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The test client speaks plain HTTP.
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# The test client speaks plain HTTP and cannot follow a redirect to HTTPS.
SECURE_SSL_REDIRECT = False
# WhiteNoise (on, as in production) looks into STATIC_ROOT when it starts; give it an empty
# folder of the tests' own rather than a warning about a missing one.
STATIC_ROOT = BASE_DIR / "var" / "test-static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Production's manifest storage needs `collectstatic` first; the tests use the files as they
# are (tests/hardening checks the production storage separately).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
