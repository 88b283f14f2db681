"""Browser tests skip only on a developer's machine without Chromium, never in CI."""

from pathlib import Path

import pytest

from tests.browser.chromium import require_chromium


def test_an_installed_chromium_lets_the_browser_tests_run(tmp_path: Path) -> None:
    chromium = tmp_path / "chromium"
    chromium.touch()

    require_chromium(chromium, {"CI": "true"})
    require_chromium(chromium, {})


def test_without_chromium_and_outside_ci_the_browser_tests_skip_and_say_why(
    tmp_path: Path,
) -> None:
    with pytest.raises(pytest.skip.Exception, match="is not installed"):
        require_chromium(tmp_path / "chromium", {})
    with pytest.raises(pytest.skip.Exception):
        require_chromium(tmp_path / "chromium", {"CI": "false"})


def test_without_chromium_in_ci_the_browser_tests_fail(tmp_path: Path) -> None:
    with pytest.raises(pytest.fail.Exception, match="CI is set"):
        require_chromium(tmp_path / "chromium", {"CI": "true"})
    with pytest.raises(pytest.fail.Exception):
        require_chromium(tmp_path / "chromium", {"CI": "1"})
