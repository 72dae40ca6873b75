def login_username(request, credentials):
    """The e-mail a sign-in attempt is for, normalised, so that rate limiting counts
    'Alice@Example.org' and 'alice@example.org' as the same account."""
    source = credentials if credentials else request.POST
    return str(source.get("username", "")).strip().lower()
