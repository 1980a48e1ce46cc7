"""Security headers on real responses."""

from django.urls import reverse


def test_login_page_sends_strict_csp_and_security_headers(db, client):
    response = client.get(reverse("accounts:login"))

    csp = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["default-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Content-Language"] == "da"


def test_pages_have_no_inline_script_or_style(world, lead_client):
    pages = [
        reverse("strategy:home"),
        reverse("strategy:process.overview", kwargs={"slug": world.process.slug}),
        reverse("strategy:orgunit.list", kwargs={"slug": world.process.slug}),
        reverse("strategy:member.list", kwargs={"slug": world.process.slug}),
        reverse("strategy:phase.detail", kwargs={"slug": world.process.slug, "pk": world.phase.pk}),
    ]
    for page in pages:
        body = lead_client.get(page).content.decode()
        assert "<style" not in body, page
        assert " style=" not in body, page
        assert " on" + "click=" not in body, page
        assert [
            line for line in body.splitlines() if "<script" in line and "src=" not in line
        ] == []


def test_language_switch_sets_cookie_and_english_is_served(db, client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/accounts/login/"})
    page = client.get(reverse("accounts:login"))

    assert response.status_code == 302
    assert response.cookies["language"].value == "en"
    assert response.cookies["language"]["httponly"] is True
    assert '<html lang="en">' in page.content.decode()


def test_browser_accept_language_does_not_override_danish(db, client):
    page = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")

    assert '<html lang="da">' in page.content.decode()
