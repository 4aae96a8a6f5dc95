"""python -m harvesters.standins SYSTEM --port N [--data-dir DIR]: serve one
stand-in (a source system seeded from the Seoul lists, or ``complaints``: 응답소)."""
from __future__ import annotations

import argparse
from pathlib import Path

from werkzeug.serving import make_server

from . import complaints
from .app import create_app
from .seed import SYSTEMS, build


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("system", choices=sorted(SYSTEMS) + ["complaints"])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--data-dir", type=Path, help="folder of the Seoul lists (source systems)")
    parser.add_argument("--auto-answer", type=float, default=None,
                        help="complaints: seconds per step from 접수 to 답변완료 (default: only when told)")
    args = parser.parse_args()
    if args.system == "complaints":
        app = complaints.create_app(complaints.ComplaintsDesk(auto_answer=args.auto_answer))
        banner = "응답소 stand-in"
    else:
        if args.data_dir is None:
            parser.error("--data-dir is required for a source system")
        store = build(args.system, args.data_dir)
        app = create_app(store)
        banner = f"{SYSTEMS[args.system]} stand-in: {len(store.records)} records"
    server = make_server("127.0.0.1", args.port, app, threaded=True)
    print(f"{banner} on http://127.0.0.1:{args.port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
