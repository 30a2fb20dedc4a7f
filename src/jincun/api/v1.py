"""The versioned JSON API at /api/v1 (OpenAPI docs at /api/v1/docs).

Every router is mounted here and nowhere else: each Jincun domain app with an `api.py` exposing `router` is
mounted at /api/v1/ by the loop below (the router spells its own paths — `/stations`, `/parcels/...`,
`/addresses/resolve` — and tags), then this app's own webhook-endpoint router. Domain routers are built on the
kernel in `jincun.core.api` and never import this app. Errors are JSON objects with `code` and `message`; bad input never yields a 500.
"""

from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from jincun.api.auth import PageSessionAuth, TokenAuth
from jincun.api.webhook_api import router as webhook_router
from jincun.core.api import ApiError

api = NinjaAPI(
    title="进村 Jincun API",
    version="1",
    description="County rural express network: divisions, stations, brands, agreements, coverage, parcels.",
    auth=[TokenAuth(), PageSessionAuth()],
    urls_namespace="api-v1",
)


def _error(request, status: int, code: str, message: str, **extra):
    return api.create_response(request, {"code": code, "message": message, **extra}, status=status)


@api.exception_handler(ApiError)
def _api_error(request, exc: ApiError):
    return _error(request, exc.status, exc.code, exc.message)


@api.exception_handler(ValidationError)
def _validation_error(request, exc: ValidationError):
    return _error(request, 422, "invalid_input", _("请求数据不符合接口要求"), errors=exc.errors)


@api.exception_handler(AuthenticationError)
def _auth_error(request, exc):
    return _error(request, 401, "unauthorized", _("缺少或无效的令牌（Authorization: Bearer …）"))


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return _error(request, 403, "forbidden", str(exc) or _("无权访问"))


@api.exception_handler(RequestDataTooBig)
def _too_big(request, exc):
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)
    return _error(
        request,
        413,
        "body_too_large",
        _("请求体超过 %(limit)s MB，请分批提交（每批最多 5000 条）") % {"limit": limit},
    )


@api.exception_handler(MultiPartParserError)
def _bad_upload(request, exc):
    return _error(request, 400, "bad_upload", _("上传内容无法解析：%(error)s") % {"error": exc})


@api.exception_handler(Http404)
def _not_found(request, exc):
    return _error(request, 404, "not_found", str(exc) or _("未找到"))


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    return _error(request, exc.status_code, "http_error", str(exc))


for app in settings.JINCUN_APPS:
    module = f"{app}.api"
    if app != "jincun.api" and find_spec(module) is not None:
        router = getattr(import_module(module), "router", None)
        if router is not None:
            api.add_router("/", router)

api.add_router("/", webhook_router)
