"""A stand-in for 응답소, the city's complaints service, which is internal to
the city. It takes petitions over HTTP and reports them 접수 → 처리중 → 답변완료
with the answer, as the real service does:

    POST /api/petitions              {plaza_id, kind, title, body, record, petitioner} → 201 {id, status}
                                     (the same plaza_id again returns the first filing)
    GET  /api/petitions/<id>         status, answer, history
    POST /api/petitions/<id>/advance {answer?}: the officer's next step
    GET  /api/status

With ``auto_answer`` seconds set (the demo), a petition moves on by itself:
처리중 after that long, 답변완료 after twice that."""
from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass, field
from typing import Any, Optional

from flask import Flask, abort, jsonify, request

KINDS = ("민원", "제안", "신청", "문의")
STEPS = ("접수", "처리중", "답변완료")
ANSWERS = {
    "민원": "불편을 드려 죄송합니다. 말씀하신 사항을 담당 부서에서 확인하여 조치하였습니다.",
    "제안": "소중한 제안 감사합니다. 담당 부서에서 검토하여 다음 사업 계획에 반영을 검토하겠습니다.",
    "신청": "신청하신 내용이 접수되어 처리되었습니다. 결과는 담당 부서에서 별도로 안내드립니다.",
    "문의": "문의하신 내용에 답변드립니다. 해당 문서는 담당 부서에서 작성하였으며 자세한 사항은 부서로 연락 바랍니다.",
}


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


@dataclass
class ComplaintsDesk:
    auto_answer: Optional[float] = None
    petitions: dict[str, dict[str, Any]] = field(default_factory=dict)
    by_plaza_id: dict[str, str] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def file(self, data: dict[str, Any]) -> tuple[dict[str, Any], bool]:
        with self.lock:
            if data["plaza_id"] in self.by_plaza_id:
                return self.petitions[self.by_plaza_id[data["plaza_id"]]], False
            number = f"2AA-{_now():%Y%m}-{len(self.petitions) + 1:06d}"
            petition = {**data, "id": number, "status": STEPS[0], "answer": None,
                        "history": [{"status": STEPS[0], "at": _now().isoformat(timespec="seconds")}]}
            self.petitions[number] = petition
            self.by_plaza_id[data["plaza_id"]] = number
            return petition, True

    def advance(self, number: str, answer: Optional[str] = None) -> dict[str, Any]:
        with self.lock:
            petition = self.petitions[number]
            step = STEPS.index(petition["status"])
            if step + 1 < len(STEPS):
                petition["status"] = STEPS[step + 1]
                petition["history"].append({"status": petition["status"], "at": _now().isoformat(timespec="seconds")})
                if petition["status"] == STEPS[-1]:
                    petition["answer"] = answer or ANSWERS[petition["kind"]]
            return petition

    def show(self, number: str) -> dict[str, Any]:
        petition = self.petitions[number]
        if self.auto_answer:
            age = (_now() - dt.datetime.fromisoformat(petition["history"][0]["at"])).total_seconds()
            while STEPS.index(petition["status"]) < min(int(age // self.auto_answer), len(STEPS) - 1):
                self.advance(number)
        return petition


def create_app(desk: ComplaintsDesk) -> Flask:
    app = Flask("standin-complaints")
    app.json.ensure_ascii = False  # type: ignore[attr-defined]

    @app.get("/api/status")
    def status():
        return jsonify(system="응답소", petitions=len(desk.petitions))

    @app.post("/api/petitions")
    def file():
        data = request.get_json(silent=True) or {}
        problems = [f for f in ("plaza_id", "title", "body") if not str(data.get(f) or "").strip()]
        if data.get("kind") not in KINDS:
            problems.append("kind")
        if problems:
            return jsonify(error="missing or invalid: " + ", ".join(problems)), 400
        petition, created = desk.file(data)
        return jsonify(petition), 201 if created else 200

    @app.get("/api/petitions/<number>")
    def show(number: str):
        if number not in desk.petitions:
            abort(404)
        return jsonify(desk.show(number))

    @app.post("/api/petitions/<number>/advance")
    def advance(number: str):
        if number not in desk.petitions:
            abort(404)
        return jsonify(desk.advance(number, (request.get_json(silent=True) or {}).get("answer")))

    return app
