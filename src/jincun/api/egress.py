"""Where webhooks may go: public internet addresses only (no SSRF into our own network).

A brand chooses its endpoint URL, so without this guard a brand could make the worker POST to the database
port, the cloud metadata service (169.254.169.254) or any private host, and read from the delivery log which
ports are open. The rule is checked twice:

- at registration (`refusal(url)`), on every address the host name resolves to;
- at send time, on the address actually connected to (`guarded_connection`): the name is resolved again and
  each address checked just before the socket connects, so a DNS answer that changed since registration
  (rebinding) cannot reach an internal host. Hex, octal and decimal IP forms (`0x7f000001`, `2130706433`)
  resolve to the address they denote and are judged by it.

Loopback, private, link-local, shared (100.64/10), multicast, reserved and unspecified addresses are refused.
`settings.JINCUN["WEBHOOK_ALLOWED_NETWORKS"]` (`JINCUN_WEBHOOK_ALLOWED_NETWORKS`, CIDR list) lets named networks
through: the tests' local receiver on 127.0.0.1, or a brand's receiver inside a private link.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _


class Forbidden(OSError):
    """The target resolves to an address webhooks may not reach."""


def _allowed_networks():
    return [
        ipaddress.ip_network(n, strict=False) for n in settings.JINCUN.get("WEBHOOK_ALLOWED_NETWORKS", ())
    ]


def address_allowed(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if any(ip in network for network in _allowed_networks()):
        return True
    return ip.is_global and not ip.is_multicast


def resolve(host: str, port: int) -> list[tuple]:
    try:
        return socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise Forbidden("host name does not resolve") from exc


def refusal(url: str) -> str:
    """Why webhooks may not be sent to `url` ('' when they may)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return _("地址必须是 http 或 https")
    if parts.username or parts.password:
        return _("地址不能包含用户名或密码")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        return _("端口不正确")
    try:
        infos = resolve(parts.hostname, port)
    except Forbidden:
        # Not resolvable from here (yet): nothing to judge now; the send-time check decides each time.
        return ""
    if not all(address_allowed(info[4][0]) for info in infos):
        return _("不允许回调到内网、本机、链路本地或保留地址")
    return ""


def guarded_connection(address, timeout=None, source_address=None, **kwargs):
    """`socket.create_connection` that connects only to allowed addresses (http.client's connect hook)."""
    host, port = address
    last_error: OSError = Forbidden("no address")
    for family, kind, proto, _name, target in resolve(host, port):
        if not address_allowed(target[0]):
            raise Forbidden("target address is not allowed")
        sock = socket.socket(family, kind, proto)
        try:
            if timeout is not None:
                sock.settimeout(timeout)
            sock.connect(target)
            return sock
        except OSError as exc:
            sock.close()
            last_error = exc
    raise last_error
