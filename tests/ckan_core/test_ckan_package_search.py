"""CKAN's own package_search tests, run unchanged on the PostgreSQL backend.

pytest collects test classes imported into a test module, so CKAN's
``TestPackageSearch`` (ckan/tests/logic/action/test_get.py) and its search
library tests run here with ``seoulplaza_search`` active (see test.ini).
"""
from ckan.tests.lib.search.test_index import TestPackageSearchIndex, TestSearchIndex  # noqa: F401
from ckan.tests.lib.search.test_query import (  # noqa: F401
    TestPackageQuery, TestResourceQuery, TestTagQuery, resources_for_search,
)
from ckan.tests.logic.action.test_get import (  # noqa: F401
    TestPackageAutocomplete, TestPackageAutocompleteWithDatasetForm, TestPackageSearch,
)
