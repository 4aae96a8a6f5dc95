#!/bin/bash
# Seoul Plaza container entrypoint: render ckan.ini from the environment, wait
# for PostgreSQL and Redis, migrate (the `web` role only, so replicas do not
# race), then run the role given as the command:
#   web | worker | gather | fetch | scheduler | participation | ckan ARGS… | any command
set -euo pipefail

APP=/srv/app/seoulplaza
export CKAN_INI=/srv/app/ckan.ini
python3 "$APP/docker/ckan/render_ini.py" "$APP/config/ckan.ini.tmpl" "$CKAN_INI"

wait_for() { # host port name
    for _ in $(seq 60); do
        (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null && return 0
        sleep 2
    done
    echo "entrypoint: $3 at $1:$2 did not answer" >&2
    exit 1
}
wait_for "${POSTGRES_HOST:-db}" 5432 PostgreSQL
wait_for "${REDIS_HOST:-redis}" "${REDIS_PORT:-6379}" Redis

migrate() {
    ckan -c "$CKAN_INI" db upgrade
    # DataStore read-only role and grants; needs the database owner's password once.
    PGPASSWORD="${POSTGRES_PASSWORD:-$(cat "${POSTGRES_PASSWORD_FILE:-/dev/null}")}" \
        ckan -c "$CKAN_INI" datastore set-permissions \
        | psql -v ON_ERROR_STOP=1 -q -h "${POSTGRES_HOST:-db}" -U "${POSTGRES_USER:-postgres}" -d "${DATASTORE_DB:-datastore}"
    ckan -c "$CKAN_INI" db upgrade -p harvest
    ckan -c "$CKAN_INI" db upgrade -p activity
    ckan -c "$CKAN_INI" db upgrade -p comments
    ckan -c "$CKAN_INI" db upgrade -p seoulplaza
    ckan -c "$CKAN_INI" seoulplaza init
}

role="${1:-web}"
case "$role" in
    web)
        migrate
        # /srv/app/wsgi.py (from the base image) builds the app from $CKAN_INI
        exec uwsgi --http-socket ":5000" --wsgi-file /srv/app/wsgi.py \
            --master --enable-threads --lazy-apps --die-on-term \
            --processes "${UWSGI_PROCESSES:-4}" --threads "${UWSGI_THREADS:-2}" \
            --harakiri "${UWSGI_HARAKIRI:-50}" --buffer-size 32768 --vacuum
        ;;
    worker)    exec ckan -c "$CKAN_INI" jobs worker "${@:2}" ;;
    gather)    exec ckan -c "$CKAN_INI" harvester gather-consumer ;;
    fetch)     exec ckan -c "$CKAN_INI" harvester fetch-consumer ;;
    scheduler)
        # Every HARVEST_INTERVAL seconds: queue the due harvest jobs and finish
        # the completed ones; once a day: publish records whose disclosure date
        # came, and queue the whole-type downloads (/dumps) for the workers.
        last_day=""
        while true; do
            ckan -c "$CKAN_INI" harvester run || echo "scheduler: harvester run failed" >&2
            if [ "$(date +%F)" != "$last_day" ]; then
                ckan -c "$CKAN_INI" seoulplaza disclosure open-due \
                    && ckan -c "$CKAN_INI" seoulplaza dumps build && last_day="$(date +%F)"
            fi
            sleep "${HARVEST_INTERVAL:-300}"
        done
        ;;
    participation)
        # 문의하기 to 응답소 (retried until it answers), 응답소's status, notice mail
        exec ckan -c "$CKAN_INI" seoulplaza participation sync --every "${PARTICIPATION_INTERVAL:-60}" ;;
    ckan)      exec ckan -c "$CKAN_INI" "${@:2}" ;;
    *)         exec "$@" ;;
esac
