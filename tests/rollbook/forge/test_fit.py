"""`verify_invocation_token` as a pure function: what a verified FIT tells the server, for a UI
call and for a trigger (the attack cases run through the app in `test_fit_attacks.py`)."""

from __future__ import annotations

import time

import pytest

from rollbook.forge.exceptions import InvalidAppClaims, MissingToken
from rollbook.forge.fit import Invocation, bearer_token, verify_invocation_token
from rollbook.forge.jwks import parse_key_set
from support.forge_fit import APP_ID, ForgeSigner, ForgeSite, fit_claims


@pytest.fixture(scope="module")
def signer() -> ForgeSigner:
    return ForgeSigner()


def _verify(signer: ForgeSigner, token: str) -> Invocation:
    keys = parse_key_set({"keys": [signer.jwk()]})
    return verify_invocation_token(
        token, app_id=APP_ID, key_for=keys.__getitem__, leeway=10, now=time.time()
    )


def test_a_ui_invocation_names_installation_site_and_user(signer: ForgeSigner) -> None:
    site = ForgeSite("ui")
    invocation = _verify(signer, signer.sign(fit_claims(site, account_id="acc-1")))
    assert invocation == Invocation(
        installation_id=site.installation_id,
        app_id=APP_ID,
        api_base_url=site.api_base_url,
        cloud_id=site.cloud_id,
        site_url=site.site_url,
        environment_type="DEVELOPMENT",
        environment_id=site.environment_id,
        account_id="acc-1",
        module_key="rollbook-global",
    )


def test_a_trigger_has_no_user_and_no_site_url(signer: ForgeSigner) -> None:
    site = ForgeSite("trigger")
    invocation = _verify(signer, signer.sign(fit_claims(site, ui=False)))
    assert invocation.account_id is None
    assert invocation.site_url is None
    assert invocation.cloud_id == site.cloud_id  # from the installation's contexts


def test_an_audience_list_naming_the_app_is_accepted(signer: ForgeSigner) -> None:
    claims = {**fit_claims(ForgeSite()), "aud": ["other", APP_ID]}
    assert _verify(signer, signer.sign(claims))


@pytest.mark.parametrize("api_base_url", [None, "", "ftp://api.atlassian.com/x", 5])
def test_the_api_base_url_must_be_a_web_url(signer: ForgeSigner, api_base_url: object) -> None:
    claims = fit_claims(ForgeSite())
    claims["app"]["apiBaseUrl"] = api_base_url
    with pytest.raises(InvalidAppClaims):
        _verify(signer, signer.sign(claims))


@pytest.mark.parametrize("header", ["", "Bearer", "Bearer   ", "JWT abc", "Basic abc"])
def test_a_bearer_token_is_required(header: str) -> None:
    with pytest.raises(MissingToken):
        bearer_token(header)
