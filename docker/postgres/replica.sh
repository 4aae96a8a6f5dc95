#!/bin/bash
# A streaming read replica of the `db` service. Its data directory is cloned
# from the primary with pg_basebackup at first start (so replicas can be added
# with --scale db-replica=N, each with its own copy), then it follows the
# primary read-only (hot standby).
set -euo pipefail

if [ ! -s "$PGDATA/PG_VERSION" ]; then
    until pg_isready -h "$PRIMARY_HOST" -U replicator -q; do sleep 2; done
    export PGPASSWORD="$REPLICATION_PASSWORD"
    pg_basebackup -h "$PRIMARY_HOST" -U replicator -D "$PGDATA" -X stream -R --checkpoint=fast
    chmod 700 "$PGDATA"
fi
exec postgres -c hot_standby=on
