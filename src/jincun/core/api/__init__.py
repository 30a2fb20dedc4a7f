"""The API kernel every domain router builds on: the caller, refusals and the shared error schema.

Domain apps import these from `jincun.core.api`; the `api` app (tokens, webhooks, the mounted NinjaAPI) sits
above every domain app and nothing below it imports it.
"""

from jincun.core.api.caller import Caller, caller
from jincun.core.api.errors import ApiError
from jincun.core.api.schemas import ERRORS, ErrorOut

__all__ = ["ERRORS", "ApiError", "Caller", "ErrorOut", "caller"]
