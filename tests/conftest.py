from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from build_tools import parallel
from build_tools.__main__ import validate
from build_tools.catalog import Catalog
from build_tools.problems import Severity

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def fixture_archive() -> Path:
    """The small valid archive: two volumes, papers in Kazakh, Russian and English."""
    return FIXTURES / "archive"


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    """The fixture archive read and checked once; it has no errors."""
    found, problems = validate(FIXTURES / "archive")
    assert not [p.format() for p in problems if p.severity is Severity.ERROR]
    return found


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture archive built once with the pinned mkdocs-material; the site folder (read only:
    tests that need to change the site or the archive build their own). The generated docs
    folder is `built_site.parent / "build" / "docs"`."""
    from build_tools.pipeline import build

    site = tmp_path_factory.mktemp("built") / "site"
    build(FIXTURES / "archive", site, quiet=True)
    return site


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Chromium (tests/browsing.py), one per test module."""
    from tests.browsing import chromium

    with chromium() as launched:
        yield launched


@pytest.fixture(scope="module", params=["http", "file"])
def site_url(request: pytest.FixtureRequest, built_site: Path) -> Iterator[str]:
    """The built fixture site's root URL, served on loopback and opened from disk."""
    from tests.browsing import serve

    if request.param == "file":
        yield built_site.resolve().as_uri()
    else:
        with serve(built_site) as url:
            yield url


@pytest.fixture
def forkable() -> None:
    """Workers can be forked here, or the test is skipped (one core, or threads running)."""
    # A browser closed by an earlier test leaves its process watcher's thread for a moment, and
    # forking is refused while any other thread runs.
    for thread in threading.enumerate():
        if thread is not threading.main_thread() and thread.name.startswith("asyncio-waitpid"):
            thread.join(timeout=10)
    if parallel.workers() < 2:
        pytest.skip("one core, or threads running: the work is done in this process")
