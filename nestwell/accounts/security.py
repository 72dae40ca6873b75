"""Sign-in protection: who an attempt is for, where it comes from, and how often a
password-reset e-mail may be sent."""

import hashlib
import ipaddress

from django.conf import settings
from django.core.cache import cache
from ipware import ip as ipware


def login_username(request, credentials):
    """The e-mail a sign-in attempt is for, normalised, so that rate limiting counts
    'Alice@Example.org' and 'alice@example.org' as the same account."""
    source = credentials if credentials else request.POST
    return str(source.get("username", "")).strip().lower()


def _trusted(address):
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    for entry in settings.TRUSTED_PROXIES:
        try:
            if ip in ipaddress.ip_network(entry.strip(), strict=False):
                return True
        except ValueError:
            continue
    return False


def client_ip(request):
    """The address a request really comes from (axes' AXES_CLIENT_IP_CALLABLE).

    Only a request that arrives from a trusted proxy (NESTWELL_TRUSTED_PROXIES) is read
    for X-Forwarded-For, by django-ipware with axes' settings; any other request is
    judged by the address that connected."""
    remote = request.META.get("REMOTE_ADDR")
    if not settings.TRUSTED_PROXIES or not _trusted(remote):
        return remote
    forwarded, _routable = ipware.get_client_ip(
        request, proxy_order=settings.AXES_IPWARE_PROXY_ORDER,
        proxy_count=settings.AXES_IPWARE_PROXY_COUNT,
        request_header_order=settings.AXES_IPWARE_META_PRECEDENCE_ORDER)
    return forwarded or remote


def reset_email_allowed(request, email):
    """Count one password-reset e-mail for this address and this client; False once
    either has had its share this hour. Kept in the cache (shared between processes
    when REDIS_URL is set)."""
    limit = settings.PASSWORD_RESET_EMAILS_PER_HOUR
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]
    allowed = True
    for key in (f"reset-mail:to:{digest}", f"reset-mail:from:{client_ip(request)}"):
        cache.add(key, 0, timeout=60 * 60)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=60 * 60)
            count = 1
        allowed = allowed and count <= limit
    return allowed
