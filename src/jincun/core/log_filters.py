"""Logging filters: a refused page (403) is an everyday event, logged as one line, not a traceback."""

from __future__ import annotations

import logging


class ForbiddenOneLine(logging.Filter):
    """Drop the traceback Django attaches to a 403 from `django.request`; keep the line (path, who)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403:
            record.exc_info, record.exc_text, record.stack_info = None, None, None
            request = getattr(record, "request", None)
            user = getattr(getattr(request, "user", None), "username", "") or "-"
            record.msg = f"{record.msg} user=%s"
            record.args = (*record.args, user) if isinstance(record.args, tuple) else (user,)
        return True
