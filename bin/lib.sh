# Shared helpers for bin/setup, bin/test and bin/stop. Sourced, not run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
LOCAL="$ROOT/.local"
CKAN_INI="$ROOT/config/ckan.ini"
PORT="${SEOULPLAZA_PORT:-5000}"
# gunicorn listens on this socket only; nginx (the buffering proxy) takes the clients on $PORT.
PORTAL_SOCKET="$LOCAL/run/ckan.sock"
NGINX=/usr/sbin/nginx   # Debian's (not on a non-root PATH)
# The stand-in source systems (harvesters/standins), one port each.
declare -A STANDIN_PORTS=([edms]=5101 [minutes]=5102 [budget]=5103 [admin]=5104)
COMPLAINTS_PORT=5105   # the 응답소 stand-in
SMTP_PORT=2525         # the local SMTP sink (mail lands in .local/mail, a Maildir)
# Background processes besides the portal and the worker, by pid-file name.
SERVICES=(complaints smtp participation)
DB_USER=ckan_default
DB_PASS=ckan_default
DS_USER=datastore_default
DS_PASS=datastore_default
SYSTEM_PACKAGES=(postgresql redis-server python3 python3-venv python3-dev libpq-dev build-essential libmagic1 curl git
    fonts-nanum poppler-utils  # Korean font for the disclosure PDFs; pdftotext as the speed reference
    tesseract-ocr-kor          # Korean OCR data for PDF pages whose text is outlines or a picture (masking/ocr.py)
    chromium                   # the browser tests' browser
    nginx                      # the buffering proxy in front of gunicorn (config/nginx.conf.tmpl)
    openjdk-17-jdk-headless maven)  # real Solr nodes for the Solr backend and its tests (bin/solr)

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

install_system_packages() {
    local missing=()
    for pkg in "${SYSTEM_PACKAGES[@]}"; do
        dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        say "Installing system packages: ${missing[*]}"
        as_root apt-get update -qq
        DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
}

start_services() {
    if ! pg_isready -q -h 127.0.0.1 -p 5432; then
        say "Starting PostgreSQL"
        local version
        version=$(ls /etc/postgresql | sort -V | tail -1)
        as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start
        for _ in $(seq 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
    fi
    if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
        say "Starting Redis"
        as_root mkdir -p /var/lib/redis /var/log/redis
        as_root redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" \
            --appendonly no --dir /var/lib/redis --logfile /var/log/redis/seoulplaza.log
        for _ in $(seq 30); do redis-cli ping >/dev/null 2>&1 && break; sleep 1; done
    fi
}

psql_admin() { as_root runuser -u postgres -- psql -q -v ON_ERROR_STOP=1 "$@"; }

ensure_role() { # name password
    psql_admin -d postgres -c "DO \$\$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$1') THEN
            CREATE ROLE $1 LOGIN PASSWORD '$2';
        END IF; END \$\$;"
}

ensure_database() { # name owner
    if [ -z "$(psql_admin -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$1'")" ]; then
        psql_admin -d postgres -c "CREATE DATABASE $1 OWNER $2 ENCODING 'UTF8' TEMPLATE template0"
    fi
}

create_databases() {
    say "Creating databases (idempotent)"
    ensure_role "$DB_USER" "$DB_PASS"
    ensure_role "$DS_USER" "$DS_PASS"
    for db in ckan_default ckan_test; do ensure_database "$db" "$DB_USER"; done
    for db in datastore_default datastore_test; do ensure_database "$db" "$DB_USER"; done
}

create_venv() {
    if [ ! -x "$VENV/bin/python" ]; then
        say "Creating virtualenv .venv"
        python3 -m venv "$VENV"
    fi
    local stamp="$VENV/.seoulplaza-installed"
    local want
    want=$(cat "$ROOT/requirements.txt" "$ROOT/requirements-dev.txt" "$ROOT/setup.py" | sha1sum | cut -c1-40)
    if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
        say "Installing Python packages into .venv"
        "$VENV/bin/pip" install -q --upgrade pip setuptools wheel
        "$VENV/bin/pip" install -q -r "$ROOT/requirements.txt" -r "$ROOT/requirements-dev.txt"
        "$VENV/bin/pip" install -q -e "$ROOT"
        echo "$want" > "$stamp"
    fi
}

# pdf.js (document previews) and axe-core (the browser tests' accessibility
# checks) from the npm registry, pinned by package-lock.json; pdf.js is copied
# into the plugin's public folder as .js, which every server types as JavaScript.
install_web_assets() {
    if ! command -v npm >/dev/null; then
        say "Installing Node.js and npm"
        DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq nodejs npm >/dev/null
    fi
    local stamp="$ROOT/node_modules/.seoulplaza-installed" want
    want=$(sha1sum "$ROOT/package-lock.json" | cut -c1-40)
    if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
        say "Installing web assets (npm ci)"
        (cd "$ROOT" && npm ci --no-audit --no-fund --omit=optional --loglevel=error >/dev/null)
        echo "$want" > "$stamp"
    fi
    local vendor="$ROOT/ckanext-seoulplaza/ckanext/seoulplaza/public/seoulplaza/vendor/pdfjs"
    mkdir -p "$vendor"
    cp "$ROOT/node_modules/pdfjs-dist/build/pdf.min.mjs" "$vendor/pdf.min.js"
    cp "$ROOT/node_modules/pdfjs-dist/build/pdf.worker.min.mjs" "$vendor/pdf.worker.min.js"
}

# The plugin's Korean (and English) translations, compiled from the .po files.
compile_translations() {
    local po
    for po in "$ROOT"/ckanext-seoulplaza/ckanext/seoulplaza/i18n/*/LC_MESSAGES/*.po; do
        "$VENV/bin/pybabel" compile -i "$po" -o "${po%.po}.mo" 2>/dev/null
    done
}

# The portal's secrets, random and independent of each other, each in a file only its owner
# reads: SECRET_KEY (sessions, CSRF), the API tokens' signing key, the sysadmin admin's password.
# An install from before kept one value for all three in .local/secret: it is dropped, so new
# ones are made here and `ckan seoulplaza sysadmin` moves the admin's password and token to them.
SECRETS=(secret_key jwt_secret admin.password)
ensure_secrets() {
    local name
    mkdir -p "$LOCAL"
    rm -f "$LOCAL/secret"
    for name in "${SECRETS[@]}"; do
        if [ ! -s "$LOCAL/$name" ]; then
            (umask 077; head -c 32 /dev/urandom | base64 | tr -d '/+=\n' > "$LOCAL/$name")
        fi
        chmod 600 "$LOCAL/$name"
    done
}

# config/ckan.ini from its template, mode 0600 (it holds the secrets and the sysadmin's token),
# filled by bash itself so that no secret is on a command line (which every local user can read).
write_ckan_ini() {
    local text token=NOT_SET
    [ -s "$LOCAL/sysadmin.token" ] && token=$(<"$LOCAL/sysadmin.token")
    text=$(<"$ROOT/config/ckan.ini.tmpl")
    text=${text//@ROOT@/"$ROOT"}; text=${text//@PORT@/"$PORT"}
    text=${text//@SECRET_KEY@/"$(<"$LOCAL/secret_key")"}; text=${text//@JWT_SECRET@/"$(<"$LOCAL/jwt_secret")"}
    text=${text//@XLOADER_API_TOKEN@/"$token"}
    text=${text//@DB_USER@/"$DB_USER"}; text=${text//@DB_PASS@/"$DB_PASS"}
    text=${text//@DS_USER@/"$DS_USER"}; text=${text//@DS_PASS@/"$DS_PASS"}
    text=${text//@EDMS_PORT@/"${STANDIN_PORTS[edms]}"}; text=${text//@MINUTES_PORT@/"${STANDIN_PORTS[minutes]}"}
    text=${text//@BUDGET_PORT@/"${STANDIN_PORTS[budget]}"}; text=${text//@ADMIN_PORT@/"${STANDIN_PORTS[admin]}"}
    text=${text//@COMPLAINTS_PORT@/"$COMPLAINTS_PORT"}; text=${text//@SMTP_PORT@/"$SMTP_PORT"}
    # bin/setup --search solr|solrcloud: CKAN's Solr search at $SOLR_URL instead of PostgreSQL.
    [ -n "${SOLR_URL:-}" ] && text=${text//"search_backend = postgres"/"search_backend = solr"$'\n'"solr_url = $SOLR_URL"}
    (umask 077; printf '%s\n' "$text" > "$CKAN_INI")
    chmod 600 "$CKAN_INI"
}

# The proxy's nginx.conf from config/nginx.conf.tmpl: listening on LISTEN (host:port), passing to
# UPSTREAM (unix:/path or host:port), keeping its pid and temp files in STATE_DIR and its logs in
# LOG_DIR; the body limit is the template ckan.ini's ckan.max_resource_size (MB).
write_proxy_conf() { # out listen upstream state_dir log_dir
    local text max_body user_line=""
    max_body=$(sed -n 's/^ckan\.max_resource_size *= *\([0-9]*\).*/\1/p' "$ROOT/config/ckan.ini.tmpl")
    [ "$(id -u)" = 0 ] && user_line="user root;"
    mkdir -p "$4" "$5"
    text=$(<"$ROOT/config/nginx.conf.tmpl")
    text=${text//@LISTEN@/"$2"}; text=${text//@UPSTREAM@/"$3"}
    text=${text//@STATE_DIR@/"$4"}; text=${text//@LOG_DIR@/"$5"}
    text=${text//@MAX_BODY_MB@/"${max_body:?ckan.max_resource_size is not set in config/ckan.ini.tmpl}"}
    text=${text//@USER_LINE@/"$user_line"}
    # As many connections as the machine lets a process hold (its hard limit), up to 65,536.
    local nofile; nofile=$(ulimit -Hn); [ "$nofile" = unlimited ] && nofile=1048576
    text=${text//@NOFILE@/"$nofile"}
    text=${text//@CONNECTIONS@/"$(( nofile - 256 < 65536 ? nofile - 256 : 65536 ))"}
    printf '%s\n' "$text" > "$1"
}

# Start (or restart) the portal: gunicorn on $PORTAL_SOCKET behind nginx on 127.0.0.1:$PORT.
start_portal() {
    stop_pid proxy >/dev/null; stop_pid ckan >/dev/null
    if curl -fsS -o /dev/null "http://127.0.0.1:$PORT/" 2>/dev/null; then
        echo "Port $PORT is taken by a program bin/setup did not start; stop it first" >&2; return 1
    fi
    rm -f "$PORTAL_SOCKET"
    CKAN_INI="$CKAN_INI" nohup "$VENV/bin/gunicorn" -c "$ROOT/config/gunicorn.conf.py" --bind "unix:$PORTAL_SOCKET" \
        >"$LOCAL/log/ckan.log" 2>&1 & echo $! > "$LOCAL/run/ckan.pid"
    write_proxy_conf "$LOCAL/run/nginx.conf" "127.0.0.1:$PORT" "unix:$PORTAL_SOCKET" "$LOCAL/run/nginx" "$LOCAL/log"
    nohup "$NGINX" -c "$LOCAL/run/nginx.conf" -e "$LOCAL/log/proxy-error.log" \
        >>"$LOCAL/log/proxy-error.log" 2>&1 & echo $! > "$LOCAL/run/proxy.pid"
}

SETUP_LOG="$LOCAL/log/setup.log"

# CKAN's CLI logs its start-up at INFO on stderr: keep that in the setup log and
# show the log's tail only when a step fails.
quiet_ckan() { mkdir -p "$(dirname "$SETUP_LOG")"; "$VENV/bin/ckan" "$@" 2>>"$SETUP_LOG"; }
show_log_on_failure() { trap 'echo "Failed; the last lines of $SETUP_LOG:" >&2; tail -n 25 "$SETUP_LOG" >&2' ERR; }

datastore_permissions() { # ini
    quiet_ckan -c "$1" datastore set-permissions | psql_admin >/dev/null
}

ckan() { quiet_ckan -c "$CKAN_INI" "$@"; }

# The real Seoul lists the demo, the fixtures and the benchmarks are made from.
SEOUL_LISTS="$ROOT/../shared/data/seoul-opengov"

# Stop at once, saying what is missing, when the Seoul lists are not beside the clone.
require_seoul_lists() {
    [ -f "$SEOUL_LISTS/info_list2021/20210104_20210110_info_list2.csv" ] && return 0
    echo "The Seoul lists are missing: expected $SEOUL_LISTS (../shared/data/seoul-opengov beside this clone; see README, \"Two commands\")" >&2
    return 1
}

# Start (or restart) the stand-in source systems the demo is harvested from.
start_standins() {
    local data_dir="$SEOUL_LISTS" system
    for system in "${!STANDIN_PORTS[@]}"; do
        stop_pid "standin-$system"
        nohup "$VENV/bin/python" -m harvesters.standins "$system" --port "${STANDIN_PORTS[$system]}" \
            --data-dir "$data_dir" >"$LOCAL/log/standin-$system.log" 2>&1 &
        echo $! > "$LOCAL/run/standin-$system.pid"
    done
    for system in "${!STANDIN_PORTS[@]}"; do
        for _ in $(seq 60); do
            curl -fsS "http://127.0.0.1:${STANDIN_PORTS[$system]}/api/status" >/dev/null 2>&1 && break
            sleep 0.5
        done
        curl -fsS "http://127.0.0.1:${STANDIN_PORTS[$system]}/api/status" >/dev/null \
            || { echo "stand-in $system did not start; see $LOCAL/log/standin-$system.log" >&2; return 1; }
    done
}

# Start (or restart) the 응답소 stand-in, the SMTP sink and the participation sync timer.
start_participation_services() {
    stop_pid complaints; stop_pid smtp; stop_pid participation
    mkdir -p "$LOCAL/mail"/{tmp,new,cur}   # a Maildir
    nohup "$VENV/bin/python" -m harvesters.standins complaints --port "$COMPLAINTS_PORT" --auto-answer 60 \
        >"$LOCAL/log/standin-complaints.log" 2>&1 & echo $! > "$LOCAL/run/complaints.pid"
    nohup "$VENV/bin/python" -m aiosmtpd -n -l "127.0.0.1:$SMTP_PORT" -c aiosmtpd.handlers.Mailbox "$LOCAL/mail" \
        >"$LOCAL/log/smtp.log" 2>&1 & echo $! > "$LOCAL/run/smtp.pid"
    nohup "$VENV/bin/ckan" -c "$CKAN_INI" seoulplaza participation sync --every 30 \
        >"$LOCAL/log/participation.log" 2>&1 & echo $! > "$LOCAL/run/participation.pid"
}

# Stop a process started with a pid file in .local/run.
stop_pid() {
    local pidfile="$LOCAL/run/$1.pid" pid
    [ -f "$pidfile" ] || return 0
    pid=$(cat "$pidfile")
    if kill "$pid" 2>/dev/null; then
        for _ in $(seq 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
        kill -9 "$pid" 2>/dev/null || true
        echo "stopped $1 ($pid)"
    fi
    rm -f "$pidfile"
}
