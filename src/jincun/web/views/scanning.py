"""The scanner page pattern: one input, submit on Enter, a big coloured answer saying what to do.

A keyboard-wedge scanner types the code and Enter. The form posts with htmx and only the answer card comes
back (`web/_answer.html`), so the page stays put and the input is cleared and refocused for the next scan;
without JavaScript the same POST renders the whole page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.shortcuts import render
from django.utils.translation import gettext as _


@dataclass
class Answer:
    """What the operator must do with the parcel just scanned.

    `tone`: ok (green, go on), info (blue), warn (orange, do something special), bad (red, refused/stop).
    `headline` is the one big word or code (town, shelf code, "送货上门", "拒收"); `instruction` the sentence.
    """

    tone: str
    headline: str
    instruction: str = ""
    waybill: str = ""
    details: list[str] = field(default_factory=list)
    consent_waybill: str = ""  # set when the keeper may record the recipient's consent and shelve
    consent_contact: dict | None = None  # the recipient as the keeper may see them, to call for consent
    print_url: str = ""  # a label to print for this parcel (PDF), shown as a button


def refused(code: str, message: str, waybill: str = "") -> Answer:
    return Answer("bad", _("拒绝"), message, waybill, [_("原因代码：%(code)s") % {"code": code}])


def render_scan(request, template: str, context: dict, answer: Answer | None):
    """Full page on GET or plain POST; only the answer card for htmx posts."""
    if answer is not None and request.htmx:
        return render(request, "web/_answer.html", {"answer": answer, **context})
    return render(request, template, {"answer": answer, **context})


def scanned_code(request, name: str = "code") -> str:
    """The scanned text, trimmed; scanners sometimes add spaces, control characters or lower-case letters."""
    text = "".join(ch for ch in (request.POST.get(name) or "") if ch.isprintable())
    return text.strip().upper()[:64]
