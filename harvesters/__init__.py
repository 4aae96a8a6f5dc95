"""One harvester per source system (ckanext-harvest gather → fetch → import)."""
