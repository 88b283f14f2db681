"""Whether the web app may build the final package of a case.

One function, so every condition lives in one place: package.md § 1.6 (the report must consider
the case complete enough) and issue 6 (only a case a counsellor approved goes out as final).
The builder checks § 1.6 again when it builds a final package
(`documents.package.check_final_allowed`); a test keeps both in agreement.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from documents.context import untranslated_parts
from eligibility.facts import Case as CaseFacts
from eligibility.report import Report
from haertefall.cases.models import Case
from haertefall.review.services import final_package_allowed

# package.md § 1.6: the report's `overall` values that let the final package through.
FINAL_OVERALL = {
    "hfk_nrw": frozenset({"ready", "needs_review"}),
    # Applying is the applicant's right even when a requirement looks unmet; the page shows
    # the reasons, the letter never does.
    "abh_hannover_25b": frozenset({"eligible", "not_eligible", "needs_review"}),
}


def final_allowed(case: Case, report: Report, *, facts: CaseFacts) -> tuple[bool, list[str]]:
    """(True, []) when the final package may be built; otherwise (False, reasons), one line
    per thing to resolve. Lines taken from the report (`reason_de`) are German."""
    reasons = [
        _("The part “%(part)s” of your story has no German translation yet.") % {"part": part}
        for part in untranslated_parts(facts)
    ]
    if not final_package_allowed(case):
        reasons.append(
            _(
                "A counsellor of an advice centre has to approve the application before the "
                "final package can be built. Share the case with an advice centre and send it "
                "for review; a draft is possible at any time."
            )
        )
    if report.overall not in FINAL_OVERALL.get(case.target, frozenset()):
        if case.target == "hfk_nrw" and report.overall == "not_admissible":
            # § 1.6: only with a counsellor's recorded override, which the app cannot record yet.
            reasons.append(
                _(
                    "The Härtefallkommission would normally not take up this case. A final "
                    "package is only possible after a counsellor has confirmed it."
                )
            )
            reasons += [f.reason_de for f in report.requirements if f.outcome == "not_met"]
        else:
            missing = [
                finding.reason_de
                for finding in report.requirements
                if finding.outcome in ("missing_information", "not_met")
            ]
            reasons += missing or [entry.reason_de for entry in report.documents.missing]
            if not reasons:
                reasons.append(_("The assessment does not consider the application complete."))
    return not reasons, list(dict.fromkeys(reasons))
