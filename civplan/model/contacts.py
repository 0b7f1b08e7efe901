"""How the contacts a plan publishes are written: phone numbers and e-mail addresses.

One home for both shapes: the check's phone-format and email-format rules, the importer
that finds them in an old plan and the editor's form all use these patterns.
"""

from __future__ import annotations

from civplan.model.personal import MOBILE_DIGITS

PHONE = (
    r"0\d{2,3}-?\d{7,8}(?:-\d{1,5})?"  # landline with area code and optional extension
    rf"|{MOBILE_DIGITS}"  # mobile
    r"|[48]00-?\d{3}-?\d{4}"  # 400/800 hotlines
    r"|1\d{4}"  # public service numbers such as 12345
)
"""A phone number the public can dial, as the metadata writes it (no anchors)."""
EMAIL = r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
"""An e-mail address (no anchors)."""
