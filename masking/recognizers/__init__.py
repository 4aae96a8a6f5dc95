"""The recognizers: each finds one kind of personal information and reports spans.

A recognizer has ``find(text) -> Iterable[Finding]``; ``DEFAULT_RECOGNIZERS``
is the disclosure policy's list. Patterns that would also match public facts
carry the context check that tells them apart (see each module).
"""
from .address import AddressRecognizer
from .contact import LandlineRecognizer, email, mobile_phone
from .financial import bank_account, card_number
from .identity import (REGISTRATION, BirthDateRecognizer, RegistrationFrontRecognizer, RegistrationNumberRecognizer,
                       driver_license, driver_license_bare, passport)
from .person import PersonNameRecognizer
from .sensitive import SensitiveRecognizer
from .vehicle import VehiclePlateRecognizer

DEFAULT_RECOGNIZERS = (
    RegistrationNumberRecognizer(), passport, driver_license, driver_license_bare,
    mobile_phone, email, card_number, bank_account,
    AddressRecognizer(), VehiclePlateRecognizer(), PersonNameRecognizer(),
    LandlineRecognizer(), BirthDateRecognizer(), RegistrationFrontRecognizer(), SensitiveRecognizer(),
)

# The numbers whose value is their digits (normalize.py regroups digits into them,
# unless the groups as written already read as one of them).
WHOLE_NUMBER_PATTERNS = (mobile_phone.pattern, card_number.pattern, REGISTRATION)

# The replacement token for each kind (what a reader sees in place of the value);
# phone_number and birth_date are also found by column meaning (masking.columns).
LABELS = {
    "resident_registration_number": "주민등록번호",
    "alien_registration_number": "외국인등록번호",
    "passport_number": "여권번호",
    "driver_license": "운전면허번호",
    "mobile_phone": "휴대전화번호",
    "email": "전자우편",
    "card_number": "카드번호",
    "bank_account": "계좌번호",
    "address": "주소",
    "vehicle_plate": "차량번호",
    "person_name": "성명",
    "phone_number": "전화번호",
    "birth_date": "생년월일",
    "sensitive": "민감정보",
}
