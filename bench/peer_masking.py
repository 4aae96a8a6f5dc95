"""Run a peer PII library over texts, for bench/masking_bench.py's side-by-side table.

Runs inside the peers' own virtualenv (default /tmp/peer-venv, made with
``python3 -m venv /tmp/peer-venv && /tmp/peer-venv/bin/pip install ko-pii==1.22.15
presidio-analyzer==2.2.366 presidio-anonymizer==2.2.366``), never in the
portal's: ``PEER_PYTHON bench/peer_masking.py LIBRARY < texts.json``, where
texts.json is a JSON list of strings; prints one JSON object
``{"outputs": [masked text, ...], "cpu_seconds": float}``. Exit status 3 and
"not installed" on stderr when the library cannot be imported.

Libraries (settings as in ../shared/docs/PII-NOTES.md):
- ``ko-pii``: ``Anonymizer(strategy="redact")``, its default mode;
- ``ko-pii-paranoid``: the same in ``ProcessingMode.PARANOID``;
- ``presidio``: Presidio's Korean recognizers (RRN, FRN, BRN, passport,
  driver's licence) with its e-mail, card, phone and IBAN ones, on a blank
  multilingual spaCy pipeline (no model download: this machine reaches no hub).
"""
from __future__ import annotations

import json
import sys
import time


def ko_pii(paranoid: bool):
    from ko_pii import Anonymizer, ProcessingMode

    anonymizer = Anonymizer(mode=ProcessingMode.PARANOID, strategy="redact") if paranoid else \
        Anonymizer(strategy="redact")
    return lambda text: anonymizer.process(text).text


def presidio():
    import spacy
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import SpacyNlpEngine
    from presidio_analyzer.predefined_recognizers import (CreditCardRecognizer, EmailRecognizer, IbanRecognizer,
                                                          PhoneRecognizer)
    from presidio_analyzer.predefined_recognizers.country_specific import korea
    from presidio_anonymizer import AnonymizerEngine

    engine = SpacyNlpEngine(models=[{"lang_code": "ko", "model_name": "blank"}])
    engine.nlp = {"ko": spacy.blank("xx")}
    registry = RecognizerRegistry(supported_languages=["ko"])
    korean = [getattr(korea, name) for name in dir(korea) if name.startswith("Kr") and name.endswith("Recognizer")]
    for recognizer in [*korean, EmailRecognizer, CreditCardRecognizer, IbanRecognizer]:
        registry.add_recognizer(recognizer(supported_language="ko"))
    registry.add_recognizer(PhoneRecognizer(supported_language="ko", supported_regions=("KR",)))
    analyzer = AnalyzerEngine(nlp_engine=engine, registry=registry, supported_languages=["ko"])
    anonymizer = AnonymizerEngine()
    return lambda text: anonymizer.anonymize(text, analyzer.analyze(text, language="ko")).text


LIBRARIES = {"ko-pii": lambda: ko_pii(False), "ko-pii-paranoid": lambda: ko_pii(True), "presidio": presidio}


def main(library: str) -> int:
    try:
        mask = LIBRARIES[library]()
    except ImportError as e:
        print(f"not installed ({e})", file=sys.stderr)
        return 3
    texts = json.load(sys.stdin)
    started = time.process_time()
    outputs = [mask(t) for t in texts]
    json.dump({"outputs": outputs, "cpu_seconds": time.process_time() - started}, sys.stdout, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
