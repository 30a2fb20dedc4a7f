"""Refusals an endpoint raises; the mounted API turns them into `{code, message}` JSON."""


class ApiError(Exception):
    """Raise from an endpoint for a refusal the caller can act on."""

    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
