"""`assess(case, reference_date)`: every requirement of the case's target, one report.

The engine only assembles: the rules live in one module per topic, the overall results in
`assess_25b` and `assess_23a`. The § 25b substantive result is computed for both targets because
the Härtefallkommission does not take up a case that § 25b already solves (legal-rules § 7.2).
"""

from __future__ import annotations

from datetime import date

from eligibility.assess_23a import evaluate_23a
from eligibility.assess_25b import evaluate_25b
from eligibility.context import Context
from eligibility.document_overview import document_overview
from eligibility.facts import Case
from eligibility.fees import fees_23a, fees_25b
from eligibility.report import Report


def assess(case: Case, reference_date: date) -> Report:
    """Assess `case` under the law in force on `reference_date`; never reads the clock."""
    context = Context(case=case, reference_date=reference_date)
    result_25b = evaluate_25b(context)
    if case.target == "abh_hannover_25b":
        findings = result_25b.findings
        fees = fees_25b(context, result_25b.covered)
        return Report(
            target=case.target,
            reference_date=reference_date,
            overall=result_25b.overall,
            overall_25b_substantive=result_25b.substantive,
            requirements=findings,
            notes_de=result_25b.notes_de,
            fees=fees,
            documents=document_overview(context, findings, fees),
        )
    result_23a = evaluate_23a(context, result_25b.substantive)
    return Report(
        target=case.target,
        reference_date=reference_date,
        overall=result_23a.overall,
        overall_25b_substantive=result_25b.substantive,
        requirements=result_23a.findings,
        notes_de=result_23a.notes_de,
        fees=fees_23a(),
        documents=document_overview(context, result_23a.findings),
    )
