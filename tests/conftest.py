from pathlib import Path

import pytest

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "seoul-opengov"


@pytest.fixture(scope="session")
def seoul_data() -> Path:
    """The real Seoul open-government lists (../shared/data/seoul-opengov)."""
    if not SHARED_DATA.is_dir():
        pytest.fail(f"shared data missing: {SHARED_DATA}")
    return SHARED_DATA


# CKAN's DataStore fixture (it lives in ckanext/datastore's test conftest, not in the pytest plugin).
from ckanext.datastore.tests.conftest import clean_datastore  # noqa: E402,F401
