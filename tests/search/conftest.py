import pytest
import sqlalchemy as sa
from ckan import model

from ckanext.seoulplaza.search import store


@pytest.fixture
def index_rows():
    """The ids of datasets currently in the PostgreSQL search table."""
    def rows():
        store.ensure_table(model.Session)
        return {r[0] for r in model.Session.execute(sa.text(f"SELECT id FROM {store.TABLE}"))}
    return rows
