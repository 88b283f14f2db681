"""The consent an applicant gives when sharing a case with an advice centre.

The wording is in templates/review/_consent_text.html. Whenever that wording changes in
substance, raise CONSENT_VERSION: every share records the version its applicant agreed to.
"""

CONSENT_VERSION = "2026-11"
CONSENT_TEMPLATE = "review/_consent_text.html"
