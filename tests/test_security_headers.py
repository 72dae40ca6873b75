def test_pages_carry_a_strict_content_security_policy(client, db):
    response = client.get("/login/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_pages_load_nothing_from_another_host(client_for, alice, nora):
    page = client_for(alice).get("/").content.decode()
    for marker in ("http://", "https://", "//cdn", "googleapis"):
        assert marker not in page.replace("http://www.w3.org", "")


def test_the_theme_switch_refuses_to_redirect_elsewhere(client, db):
    response = client.post("/theme/", {"theme": "dark", "next": "https://evil.example/"})
    assert response.url == "/"
    assert response.cookies["theme"].value == "dark"


def _production(tmp_path, code, https=True):
    """Run ``code`` in a fresh process with the production settings (not the tests')."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "nestwell.settings",
           "NESTWELL_DATA_DIR": str(tmp_path), "NESTWELL_ALLOWED_HOSTS": "nest.example.org",
           "NESTWELL_HTTPS": "true" if https else "false"}
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests, never in production
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, timeout=120)


def test_the_deployment_check_is_clean_over_https(tmp_path):
    result = _production(tmp_path, "import django; django.setup(); "
                         "from django.core.management import call_command; "
                         "call_command('check', deploy=True, fail_level='WARNING')")
    assert result.returncode == 0, result.stderr[-2000:]


def test_over_https_cookies_are_secure_and_hsts_is_sent(tmp_path):
    code = """
import django, json
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
call_command("collectstatic", interactive=False, verbosity=0)
from django.test import Client
from nestwell.accounts.models import User
User.objects.create_user(email="a@example.org", password="a calm long password 1")
c = Client(HTTP_HOST="nest.example.org")
plain = c.get("/login/")
r = c.get("/login/", secure=True)
r2 = c.post("/login/", {"username": "a@example.org", "password": "a calm long password 1"},
            secure=True)
session = r2.cookies["sessionid"]
csrf = r.cookies["csrftoken"]
print(json.dumps({"redirect": plain.status_code, "hsts": r.get("Strict-Transport-Security"),
    "s_secure": bool(session["secure"]), "s_httponly": bool(session["httponly"]),
    "s_samesite": session["samesite"], "c_secure": bool(csrf["secure"]),
    "age": session["max-age"]}))
"""
    result = _production(tmp_path, code)
    assert result.returncode == 0, result.stderr[-2000:]
    import json

    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["redirect"] == 301  # plain HTTP is sent to HTTPS
    assert seen["hsts"].startswith("max-age=31536000")
    assert seen["s_secure"] and seen["s_httponly"] and seen["s_samesite"] == "Lax"
    assert seen["c_secure"]
    assert int(seen["age"]) == 60 * 60 * 24 * 60  # signed in for two months, then again


def test_no_hsts_without_https(client, db):
    assert "Strict-Transport-Security" not in client.get("/login/")
