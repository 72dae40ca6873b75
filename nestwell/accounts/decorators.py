"""Small decorators for the rules every household view shares."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect

from nestwell.accounts import safety_net
from nestwell.accounts.roles import RANK, Role, at_least

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def member_required(role=Role.VIEWER, write_role=Role.CAREGIVER):
    """Require a signed-in member of a household.

    ``role`` is the least role that may open the view at all; ``write_role`` the least
    that may send it a POST. A member without the role gets 403; objects are looked up
    within ``request.household`` by the view itself, so another household's get 404.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                # A "not safe" sent after her session ended: support first, never the
                # sign-in page with her answer gone.
                return safety_net.support_instead(request) or redirect_to_login(
                    request.get_full_path())
            if request.membership is None:
                return safety_net.support_instead(request) or redirect(
                    "accounts:create_household")
            needed = role
            if request.method not in SAFE_METHODS:
                needed = max(role, write_role, key=RANK.__getitem__)
            if not at_least(request.membership.role, needed):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


parent_required = member_required(role=Role.PARENT, write_role=Role.PARENT)


def signed_in_required(view):
    """A signed-in person, whatever her households (none at all is fine)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapped
