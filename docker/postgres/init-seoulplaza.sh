#!/bin/bash
# First start of the PostgreSQL container (docker-entrypoint-initdb.d): the
# CKAN and DataStore databases, their owner, the DataStore's read-only role and,
# when REPLICATION_PASSWORD is set, a role for streaming read replicas.
# Passwords come from the container's environment.
set -euo pipefail

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -v ckan_pw="$CKAN_DB_PASSWORD" -v ro_pw="$DATASTORE_READONLY_PASSWORD" <<'SQL'
CREATE ROLE ckan LOGIN PASSWORD :'ckan_pw';
CREATE ROLE datastore_ro LOGIN PASSWORD :'ro_pw';
CREATE DATABASE ckan OWNER ckan ENCODING 'UTF8' TEMPLATE template0;
CREATE DATABASE datastore OWNER ckan ENCODING 'UTF8' TEMPLATE template0;
SQL

if [ -n "${REPLICATION_PASSWORD:-}" ]; then
    psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
        -v repl_pw="$REPLICATION_PASSWORD" <<'SQL'
CREATE ROLE replicator WITH REPLICATION LOGIN PASSWORD :'repl_pw';
SQL
    echo "host replication replicator all scram-sha-256" >> "$PGDATA/pg_hba.conf"
fi
