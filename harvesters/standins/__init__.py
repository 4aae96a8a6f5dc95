"""Stand-ins for the city's internal source systems: small Flask services that
export their records the way such systems do (paged JSON listings with
modification times, record details, document files), seeded from the real
Seoul lists and deterministic generators. ``serve()`` runs one in a thread."""
from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from werkzeug.serving import BaseWSGIServer, make_server

from . import complaints
from .app import create_app
from .seed import SYSTEMS, build
from .store import Store

__all__ = ["SYSTEMS", "Store", "build", "create_app", "serve", "Running"]


@dataclass
class Running:
    store: Any
    server: BaseWSGIServer

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"

    def stop(self) -> None:
        self.server.shutdown()


def serve(store: Any, port: int = 0) -> Running:
    """Serve ``store`` (or the 응답소 stand-in's desk) on loopback (``port`` 0:
    any free port) from a thread."""
    app = complaints.create_app(store) if isinstance(store, complaints.ComplaintsDesk) else create_app(store)
    server = make_server("127.0.0.1", port, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return Running(store, server)
