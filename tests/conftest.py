from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def fixture_archive() -> Path:
    """The small valid archive: two volumes, papers in Kazakh, Russian and English."""
    return FIXTURES / "archive"
