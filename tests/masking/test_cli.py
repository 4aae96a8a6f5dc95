"""``python -m masking`` as the harvesters' operators and stewards run it."""
import json
import subprocess
import sys

import pytest

from . import documents


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "masking", *map(str, args)], capture_output=True, text=True, cwd=cwd)


def test_scan_json_lists_kind_position_and_text(tmp_path):
    source = tmp_path / "reply.txt"
    source.write_text("민원인 김철수 010-1234-5678", encoding="cp949")
    done = run("scan", source, "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [
        {"kind": "person_name", "start": 4, "end": 7, "text": "김철수"},
        {"kind": "mobile_phone", "start": 8, "end": 21, "text": "010-1234-5678"}]


def test_scan_and_redact_read_obfuscated_values_and_keep_the_rest_as_written(tmp_path):
    source = tmp_path / "comment.txt"
    source.write_text("문의: ０１０－１２３４－５６７８, hong [at] gmail [dot] com ①번", encoding="utf-8")
    done = run("scan", source, "--json")
    assert json.loads(done.stdout) == [
        {"kind": "mobile_phone", "start": 4, "end": 17, "text": "０１０－１２３４－５６７８"},
        {"kind": "email", "start": 19, "end": 44, "text": "hong [at] gmail [dot] com"}]
    run("redact", "--out-dir", tmp_path / "out", source)
    assert (tmp_path / "out/comment.txt").read_text(encoding="utf-8") == "문의: [휴대전화번호], [전자우편] ①번"


def test_redact_writes_text_beside_pdfs_and_skips_bad_files(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in/memo.txt").write_text("신청인 이영희 hong12@naver.com\n", encoding="utf-8")
    (tmp_path / "in/reply.pdf").write_bytes(documents.reportlab_pdf(["민원인 김철수 900101-1234567"]))
    (tmp_path / "in/broken.pdf").write_bytes(b"%PDF-1.4 broken")
    out = tmp_path / "out"

    done = run("redact", "--out-dir", out, "in/memo.txt", "in/broken.pdf", "in/reply.pdf", cwd=tmp_path)

    assert done.returncode == 1  # one file failed, the others were written
    assert "skipped broken.pdf: corrupt PDF" in done.stderr
    assert "Summary: 2 written, 1 skipped, 4 values masked" in done.stderr
    assert (out / "memo.txt").read_text(encoding="utf-8") == "신청인 [성명] [전자우편]\n"
    assert "민원인 [성명] [주민등록번호]" in (out / "reply.txt").read_text(encoding="utf-8")
    assert (out / "reply.pdf").read_bytes().startswith(b"%PDF")
    assert sorted(p.name for p in out.iterdir()) == ["memo.txt", "reply.pdf", "reply.txt"]


@pytest.mark.parametrize("args", [[], ["redact", "x.txt"], ["frobnicate"]])
def test_bad_usage_exits_2(args):
    assert run(*args).returncode == 2


def test_masking_imports_nothing_of_ckan():
    code = "import sys, masking, masking.cli; print(sorted(m for m in sys.modules if m.split('.')[0] == 'ckan'))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "[]", done.stderr
