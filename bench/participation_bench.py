"""Participation throughput on this machine: what one portal process and one
sync pass handle.

  * comments_comment_create with personal data in the text (masking, insert,
    the department's notice into the outbox, the record's reindex): comments/s
    and the median latency;
  * the sync pass forwarding queued 문의하기 to the 응답소 stand-in over HTTP,
    then reading their status: petitions/s each;
  * the outbox handed to an SMTP server (aiosmtpd on loopback): mails/s.

Uses the *test* databases (test.ini), which it empties: run it with the test
suite idle.   .venv/bin/python bench/participation_bench.py [--n N]
"""
from __future__ import annotations

import argparse
import socket
import statistics
import time

from bench_site import bench_site

PLUGINS = "seoulplaza_search seoulplaza scheming_datasets comments"


def _rate(n: int, seconds: float) -> str:
    return f"{n / seconds:,.0f}/s ({n} in {seconds:.1f} s)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=300, help="comments, petitions and mails (default 300)")
    n = parser.parse_args().n
    with bench_site(PLUGINS):
        from aiosmtpd.controller import Controller
        from ckan import model
        from ckan.cli.db import _run_migrations
        from ckan.common import config
        from ckan.tests import factories, helpers
        from sqlalchemy import text

        from ckanext.seoulplaza.participation import outbox, petitions
        from harvesters.standins import serve
        from harvesters.standins.complaints import ComplaintsDesk

        helpers.reset_db()
        for plugin in ("comments", "seoulplaza"):
            _run_migrations(plugin, "head", True)
        model.Session.execute(text("TRUNCATE comments_comments, comments_threads, seoulplaza_petition, "
                                   "seoulplaza_disclosure_request, seoulplaza_request_event, seoulplaza_outbox"))
        model.Session.commit()
        config["ckanext.seoulplaza.participation.max_per_hour"] = n + 10
        config["ckanext.comments.require_approval"] = False
        config["ckanext.seoulplaza.participation.desk_email"] = "desk@example.org"
        org = factories.Organization(title="재정담당관")
        record = factories.Dataset(type="sanction", owner_org=org["id"], title="2025년 예산 편성 계획",
                                   department="재정담당관", production_date="2025-01-02", disclosure_class="공개",
                                   source_system="업무관리시스템", source_id="BENCH-1", document_number="재정담당관-1")
        citizen = factories.User(email="citizen@example.org")
        user = model.User.get(citizen["id"])

        latencies = []
        start = time.perf_counter()
        for i in range(n):
            began = time.perf_counter()
            helpers.call_action("comments_comment_create", context={"user": citizen["name"], "ignore_auth": False},
                                subject_type="package", subject_id=record["id"],
                                content=f"{i}번째 의견입니다. 연락처 010-{1000 + i:04d}-5678, 서울시 중구 세종대로 110")
            latencies.append(time.perf_counter() - began)
        print(f"comment (mask + store + notice + reindex): {_rate(n, time.perf_counter() - start)}, "
              f"median {statistics.median(latencies) * 1000:.0f} ms")

        desk = ComplaintsDesk()
        served = serve(desk)
        config["ckanext.seoulplaza.complaints_url"] = served.url
        pkg = helpers.call_action("package_show", id=record["id"])
        for i in range(n):
            petitions.create(user, pkg, "문의", f"문의 {i}", "예산 편성 근거 자료를 받을 수 있나요?")
        start = time.perf_counter()
        counts = petitions.sync()
        print(f"sync: forward to 응답소: {_rate(counts['forwarded'], time.perf_counter() - start)}")
        for number in list(desk.petitions):
            desk.advance(number)
        start = time.perf_counter()
        counts = petitions.sync()
        print(f"sync: read status: {_rate(counts['refreshed'], time.perf_counter() - start)}")
        served.stop()

        class Sink:
            received = 0

            async def handle_DATA(self, server, session, envelope):
                Sink.received += 1
                return "250 OK"

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        controller = Controller(Sink(), hostname="127.0.0.1", port=port)
        controller.start()
        config["smtp.server"] = f"127.0.0.1:{port}"
        waiting = model.Session.query(outbox.OutboxMail).filter(outbox.OutboxMail.sent_at.is_(None)).count()
        start = time.perf_counter()
        sent, failed = outbox.deliver(limit=waiting)
        print(f"outbox to SMTP: {_rate(sent, time.perf_counter() - start)}; failed {failed}, "
              f"received {Sink.received}")
        controller.stop()


if __name__ == "__main__":
    main()
