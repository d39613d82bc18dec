"""The local server answers only its own page: loopback Host, a one-time token, no CORS,
and writes only from the page itself (the token in a header a foreign page cannot set)."""

from __future__ import annotations

import secrets
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse
from starlette.types import ASGIApp, Receive, Scope, Send

COOKIE = "thidua_token"
HEADER = "x-thidua-token"
SAFE_METHODS = ("GET", "HEAD")


def new_token() -> str:
    return secrets.token_urlsafe(18)


class Guard:
    """Refuses every request without the token, from a foreign Host (DNS rebinding), or a
    write without the token header and a same-origin Origin (CSRF)."""

    def __init__(self, app: ASGIApp, token: str, hosts: tuple[str, ...]):
        self.app, self.token, self.hosts = app, token, hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        host = request.headers.get("host", "")
        if host not in self.hosts:
            await _refuse("Địa chỉ không hợp lệ: trang này chỉ mở được tại địa chỉ thidua serve in ra.", 403)(
                scope, receive, send)
            return
        offered = request.query_params.get("token")
        cookie = request.cookies.get(COOKIE, "")
        if offered is not None and secrets.compare_digest(offered, self.token) and request.method in SAFE_METHODS:
            rest = {k: v for k, v in request.query_params.items() if k != "token"}
            target = request.url.path + (f"?{urlencode(rest)}" if rest else "")
            response = RedirectResponse(target, status_code=303)
            response.set_cookie(COOKIE, self.token, httponly=True, samesite="strict")
            await response(scope, receive, send)
            return
        if not secrets.compare_digest(cookie, self.token):
            await _refuse("Cần mã truy cập: mở trang bằng đường dẫn đầy đủ mà lệnh thidua serve in ra "
                          "(có ?token=…).", 401)(scope, receive, send)
            return
        if request.method not in SAFE_METHODS:
            origin = request.headers.get("origin")
            header = request.headers.get(HEADER, "")
            if not secrets.compare_digest(header, self.token) or (
                    origin is not None and origin.split("://", 1)[-1] not in self.hosts):
                await _refuse("Yêu cầu ghi không đến từ trang của thidua: bị từ chối.", 403)(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _refuse(message: str, status: int) -> PlainTextResponse:
    return PlainTextResponse(message, status_code=status, headers={"cache-control": "no-store"})
