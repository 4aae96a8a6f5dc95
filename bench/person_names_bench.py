"""Benchmark person names: the recognizer on field-like sentences, and the analysers it could use.

1. ``masking.redact_text`` on ``masking.names_corpus`` sentences: private names
   with no role word (씨/님, ages in parentheses, speakers, quotations, lists,
   bare subjects, Latin, hanja and foreign names) and public ones (officials
   with titles, approval lines, contact blocks, politicians, bodies, places,
   projects, laws, companies): leaks by form, over-masking, speed.
2. The morphological analysers as name finders on the same sentences, each
   alone: recall = a planted Korean private name read whole as a person's name;
   public hit = a body, place, project, law or company any part of which is read as one; speed per CPU
   second. mecab-ko-dic (python-mecab-ko) is the project's; kiwipiepy is
   measured when it is installed (``pip install kiwipiepy``), not required.
Run: ``.venv/bin/python bench/person_names_bench.py [SENTENCES]``.
"""
from __future__ import annotations

import re
import sys
import time
from collections import Counter

from masking import redact_text
from masking.names_corpus import PUBLIC_WORDS, NameSentences
from masking.recognizers.names import NAME


def recognizer(sentences) -> None:
    leaked, planted, over, public = Counter(), Counter(), 0, 0
    started = time.process_time()
    outputs = [redact_text(s.text) for s in sentences]
    cpu = time.process_time() - started
    for s, out in zip(sentences, outputs):
        form = re.sub(r"[가-힣A-Za-z\u4e00-\u9fff]+", "X", s.text.split("\n")[0])[:28]  # the sentence's shape
        for name in s.private:
            planted[form] += 1
            leaked[form] += name in out
        public += len(s.public)
        over += sum(word not in out for word in s.public)
    total, lost = sum(planted.values()), sum(leaked.values())
    print(f"recognizer: {total} private names, {lost} leaked (recall {1 - lost / total:.2%}); "
          f"{public} public names and words, {over} over-masked ({over / public:.2%})")
    for form in sorted(planted, key=lambda f: -leaked[f]):
        if leaked[form]:
            print(f"  leaked {leaked[form]:4d} of {planted[form]:4d}  {form}")
    print(f"  {len(sentences) / cpu:,.0f} sentences per CPU second (warm caches after the first pass)")


def analysers(sentences) -> None:
    korean = [(s.text, [n for n in s.private if re.fullmatch(NAME, n)], [w for w in s.public if w in PUBLIC_WORDS])
              for s in sentences]
    candidates = {}
    import mecab
    tagger = mecab.MeCab()
    candidates["mecab-ko-dic 인명 (python-mecab-ko)"] = lambda t: [
        (m.span.start, m.span.end) for m in tagger.parse(t) if m.feature.semantic == "인명"]
    try:
        from kiwipiepy import Kiwi
        started = time.perf_counter()
        kiwi = Kiwi()
        print(f"kiwipiepy model load {time.perf_counter() - started:.2f} s")
        candidates["kiwipiepy NNP"] = lambda t: [(k.start, k.start + k.len) for k in kiwi.tokenize(t) if k.tag == "NNP"]
        candidates["kiwipiepy NNP, name-shaped"] = lambda t: [
            (k.start, k.start + k.len) for k in kiwi.tokenize(t) if k.tag == "NNP" and re.fullmatch(NAME, k.form)]
    except ImportError:
        print("kiwipiepy not installed: measured with mecab only")
    for label, spans_of in candidates.items():
        found = planted = hit = public = 0
        started = time.process_time()
        for text, names, publics in korean:
            spans = spans_of(text)
            for name in names:
                i = text.find(name)
                planted += 1
                found += any(a <= i and i + len(name) <= b for a, b in spans)
            for word in publics:
                i = text.find(word)
                public += 1
                hit += any(a < i + len(word) and i < b for a, b in spans)
        cpu = time.process_time() - started
        print(f"{label:38s} recall {found / planted:6.1%} of {planted}  public hit {hit / public:5.1%} of {public}  "
              f"{len(korean) / cpu:,.0f} sentences/CPU-s")


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    sentences = list(NameSentences(seed=11).sentences(n))
    recognizer(sentences)
    analysers(sentences)
