"""CKAN dataset search on PostgreSQL: the ``seoulplaza_search`` plugin.

Read in this order: ``seam`` (where CKAN is re-routed), ``connection`` (the
pysolr look-alike), ``lucene`` (query syntax), ``sql`` (compiler), ``store``
(the table), ``tokens`` (Korean bigram analysis), ``fields`` (field types).
"""
