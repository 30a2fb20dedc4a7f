"""Schemas every router shares."""

from ninja import Schema


class ErrorOut(Schema):
    """Every refusal: a machine-readable `code` and a message in Chinese (validation errors add `errors`)."""

    code: str
    message: str
    errors: list[dict] | None = None


ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
