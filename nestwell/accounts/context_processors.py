from django.conf import settings

from nestwell.accounts.roles import Role, at_least


def household(request):
    membership = getattr(request, "membership", None)
    role = membership.role if membership else None
    return {
        "household": getattr(request, "household", None),
        "role": role,
        "role_label": Role(role).label if role else "",
        # Each language in its own name ({% get_available_languages %} would translate
        # "English" into the language in use).
        "languages": settings.LANGUAGES,
        "can_write": bool(role) and at_least(role, Role.CAREGIVER),
        "is_parent": role == Role.PARENT,
        "theme": request.COOKIES.get("theme", "system")
        if request.COOKIES.get("theme") in ("light", "dark") else "system",
    }
