"""Time per case of `eligibility.assess` on the realistic corpus in tests/cases.

Prints, for each case and in total, the time per assessment and its ratio to a baseline measured
in the same run: parsing the same case file into typed facts (`parse_case`), the floor any
assessment has to pay. Target: < 1 ms per case.

    .venv/bin/python benchmarks/assess.py [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import timeit
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from eligibility.engine import assess  # noqa: E402
from eligibility.facts import parse_case  # noqa: E402


def _best_per_call(function: object, repeat: int, number: int) -> float:
    timer = timeit.Timer(function)  # type: ignore[arg-type]
    return min(timer.repeat(repeat=repeat, number=number)) / number


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--number", type=int, default=200)
    arguments = parser.parse_args()
    paths = sorted(
        path
        for path in (ROOT / "tests" / "cases").glob("*.json")
        if not path.name.endswith(".expected.json")
    )
    # Load the postcode table and other lazy data once, as a running server would.
    for path in paths:
        case = parse_case(json.loads(path.read_text(encoding="utf-8")))
        assert case.reference_date is not None
        assess(case, case.reference_date)

    print(f"{'case':40} {'assess ms':>10} {'parse ms':>10} {'ratio':>7}")
    assess_times: list[float] = []
    parse_times: list[float] = []
    for path in paths:
        document = json.loads(path.read_text(encoding="utf-8"))
        case = parse_case(document)
        day = case.reference_date
        assert day is not None
        assess_time = _best_per_call(
            lambda case=case, day=day: assess(case, day), arguments.repeat, arguments.number
        )
        parse_time = _best_per_call(
            lambda document=document: parse_case(document), arguments.repeat, arguments.number
        )
        assess_times.append(assess_time)
        parse_times.append(parse_time)
        print(
            f"{path.stem:40} {assess_time * 1000:10.3f} {parse_time * 1000:10.3f} "
            f"{assess_time / parse_time:7.2f}"
        )
    mean_assess = statistics.fmean(assess_times)
    mean_parse = statistics.fmean(parse_times)
    print(
        f"{'mean over ' + str(len(paths)) + ' cases':40} {mean_assess * 1000:10.3f} "
        f"{mean_parse * 1000:10.3f} {mean_assess / mean_parse:7.2f}"
    )
    print(f"worst case: {max(assess_times) * 1000:.3f} ms per assessment (target < 1 ms)")


if __name__ == "__main__":
    main()
