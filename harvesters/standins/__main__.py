"""python -m harvesters.standins SYSTEM --port N --data-dir DIR: serve one stand-in."""
from __future__ import annotations

import argparse
from pathlib import Path

from werkzeug.serving import make_server

from .app import create_app
from .seed import SYSTEMS, build


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("system", choices=sorted(SYSTEMS))
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--data-dir", type=Path, required=True, help="folder of the Seoul lists")
    args = parser.parse_args()
    store = build(args.system, args.data_dir)
    server = make_server("127.0.0.1", args.port, create_app(store), threaded=True)
    print(f"{SYSTEMS[args.system]} stand-in: {len(store.records)} records on http://127.0.0.1:{args.port}",
          flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
