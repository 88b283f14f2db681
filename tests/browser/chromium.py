"""Debian's Chromium for the browser tests: where it is, when its absence is an error, how to
start it.

Playwright's own browser downloads come from a CDN this project cannot reach, so the tests drive
the Chromium that Debian installs (`make test` installs it). A developer without it gets a
skip that says why; CI never does: there a missing browser is a failure, or the browser tests
would silently stop running.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGUMENTS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
]
# Chromium reports every resource or script the Content-Security-Policy blocked as a console
# message that contains these words ("Refused to ... because it violates the following Content
# Security Policy directive").
CSP_VIOLATION_MARK = "Content Security Policy"
# Values of CI that mean "not CI", as some shells export CI=false.
_NOT_SET = {"", "0", "false", "no"}


def running_in_ci(environ: Mapping[str, str]) -> bool:
    return environ.get("CI", "").strip().lower() not in _NOT_SET


def require_chromium(path: Path = CHROMIUM, environ: Mapping[str, str] = os.environ) -> None:
    """Skip the calling test without Chromium on a developer's machine; fail it in CI."""
    if path.exists():
        return
    if running_in_ci(environ):
        pytest.fail(
            f"{path} is missing, but CI is set: the browser tests must run in CI. "
            "`make test` installs Debian's chromium package; install it before running pytest.",
            pytrace=False,
        )
    pytest.skip(
        f"{path} is not installed, so the browser tests cannot run here "
        "(install Debian's chromium package or run `make test`; in CI they always run)."
    )


@contextmanager
def launched_chromium() -> Iterator[Browser]:
    """A headless Chromium for the duration of the block, or a skip/fail as above."""
    require_chromium()
    # Playwright's sync API runs an event loop in this thread while the browser lives; the
    # test's own database calls are still plain synchronous calls, which Django would otherwise
    # refuse as "called from an async context".
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=LAUNCH_ARGUMENTS, headless=True
            )
            try:
                yield browser
            finally:
                browser.close()
    finally:
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def record_csp_violations(
    context: BrowserContext, violations: list[str] | None = None
) -> list[str]:
    """The list (`violations`, or a new one) fills with every Content-Security-Policy violation
    on the context's pages; a test asserts it stays empty, because the policy applies in
    production as well, where a blocked script or style silently breaks the page."""
    if violations is None:
        violations = []

    def note(message: ConsoleMessage) -> None:
        if CSP_VIOLATION_MARK in message.text:
            violations.append(message.text)

    context.on("console", note)
    return violations
