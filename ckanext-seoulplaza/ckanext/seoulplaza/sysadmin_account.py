"""The sysadmin account bin/setup keeps (``ckan seoulplaza sysadmin``).

Its password comes from a file only root reads (``.local/admin.password``),
never from a command line other users can see (``ps``), and it is no other
secret: bin/setup once used one value as the admin's password, the session
key and the API tokens' key. Its API token (``.local/sysadmin.token``, mode
0600) is kept while it still authenticates as the account with the
configured token secret; otherwise, as after that secret changed, the old one
is revoked and a new one written.
"""
from __future__ import annotations

import os
from pathlib import Path

import jwt
from ckan import model
from ckan.lib import api_token
from ckan.logic import get_action

TOKEN_NAME = "seoulplaza-setup"


def ensure_sysadmin(name: str, email: str, password: str, token_file: Path) -> bool:
    """Make ``name`` a sysadmin whose password is ``password`` (creating the
    user if needed) with a working API token in ``token_file`` (0600).

    :returns: whether a new token was written
    """
    user = model.User.get(name)
    if user is None:
        get_action("user_create")({"ignore_auth": True},
                                  {"name": name, "email": email, "password": password})
        user = model.User.get(name)
    elif not user.validate_password(password):
        user.password = password
    user.sysadmin = True
    model.repo.commit()
    stored = token_file.read_text(encoding="utf-8").strip() if token_file.exists() else ""
    if stored and _authenticates(stored, user):
        token_file.chmod(0o600)
        return False
    _revoke(stored)
    token = get_action("api_token_create")({"ignore_auth": True, "user": name},
                                           {"user": name, "name": TOKEN_NAME})["token"]
    descriptor = os.open(token_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        out.write(token + "\n")
    token_file.chmod(0o600)  # O_CREAT's mode applies only to a new file
    return True


def _authenticates(token: str, user: model.User) -> bool:
    owner = api_token.get_user_from_token(token, update_access_time=False)
    return owner is not None and owner.id == user.id


def _revoke(token: str) -> None:
    """Revoke a stored token the current secret no longer verifies (its id is
    still readable), so it cannot work again should that secret come back."""
    try:
        jti = jwt.decode(token, options={"verify_signature": False}).get("jti")
    except jwt.InvalidTokenError:
        return
    if jti:
        model.ApiToken.revoke(jti)
