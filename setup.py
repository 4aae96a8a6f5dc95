"""ckanext-seoulplaza: Seoul Plaza, an open-government information plaza on CKAN."""
from setuptools import find_namespace_packages, setup

setup(
    name="ckanext-seoulplaza",
    version="0.1.0",
    description="Seoul Plaza (서울 정보소통광장) on CKAN: disclosure of administrative records",
    license="AGPL-3.0",
    python_requires=">=3.10",
    package_dir={"ckanext": "ckanext-seoulplaza/ckanext", "masking": "masking",
                 "harvesters": "harvesters", "schemas": "schemas"},
    packages=(
        ["ckanext"]
        + ["ckanext." + p for p in find_namespace_packages("ckanext-seoulplaza/ckanext")]
        + ["masking"] + ["masking." + p for p in find_namespace_packages("masking")]
        + ["harvesters"] + ["harvesters." + p for p in find_namespace_packages("harvesters")]
        + ["schemas"]
    ),
    include_package_data=True,
    package_data={"": ["*.yaml", "*.html", "*.po", "*.mo", "*.css", "*.js", "*.json", "*.ini", "*.mako"]},
    entry_points={
        "ckan.plugins": [
            "seoulplaza = ckanext.seoulplaza.plugin:SeoulplazaPlugin",
            "seoulplaza_search = ckanext.seoulplaza.search.plugin:SeoulplazaSearchPlugin",
            "seoulplaza_edms = harvesters.systems:ApprovalSystemHarvester",
            "seoulplaza_minutes = harvesters.systems:MinutesSystemHarvester",
            "seoulplaza_budget = harvesters.systems:BudgetSystemHarvester",
            "seoulplaza_admin = harvesters.systems:AdministrationSystemHarvester",
        ],
        "ckan.rdf.profiles": [
            "seoulplaza = ckanext.seoulplaza.dcat:SeoulPlazaDCATProfile",
        ],
    },
)
