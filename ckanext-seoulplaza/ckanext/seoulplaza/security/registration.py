"""Citizens sign up themselves; an account works only after its owner opened
the link mailed to its address and chose a password there.

Accounts are made in two ways only. ``user_create`` is for sysadmins and
internal calls (``ignore_auth``: ``ckan user add``, CKAN's invitations); for
anyone else its auth refuses, whatever CKAN's ``create_user_via_web|api``
say. Citizens sign up with ``seoulplaza_user_register`` — the form
(``/user/register``: CKAN's endpoint ``user.register`` with the view below)
calls it, and so may any API client — which obeys:

- **Input**: ``email`` and ``fullname`` (the name shown on comments and
  requests, masked like a user's own name in ``catalogue_text``),
  optionally ``came_from`` (a page of this portal to go on to). The user name
  is made here (``citizen-`` and 10 random hex digits: no part of the address
  shows), and no password is taken.
- **Limits** (fixed windows of ``…registration.window`` seconds, in Redis
  through ``limiter``): ``…max_per_address`` per client address (an IPv6 /64),
  ``…max_per_domain`` per registrable e-mail domain (``a.b.evil.co.kr`` counts
  as ``evil.co.kr``: the Public Suffix List of ``publicsuffixlist``) and
  ``…max_per_email`` per address mailed. Past any, ``RegistrationLimited``:
  HTTP 429 through ``limiter.too_many_requests``, nothing stored or mailed.
- **One answer** whatever the address: ``{"email": …, "state": "pending"}``.
  A new address gets a pending account (made by ``user_create``, so CKAN's
  signals and activity see it) and the link; an address with a pending
  account a fresh link (the older one stops working); an address with an
  active account a mail saying so, with the login and password-reset pages.
  Neither page nor API tells whether an address has an account. The mails
  hold fixed text only (nothing typed into the form), so the form cannot be
  used to send anyone a message.
- **Verification**: ``/user/verify/<user id>?key=…`` (the key is CKAN's
  reset key, ``mailer.make_key``: 128 random bits, one use). The citizen
  chooses the password there; the account becomes active and is logged in.
  Since the password is only chosen by whoever reads the mail, nobody can
  register another person's address with a password of their own and wait
  for its owner to confirm it (account pre-hijacking). CKAN's own link for a
  pending account (``/user/reset/<id>``: an organization's invitation, a
  reset asked before verifying) leads here too.
"""
from __future__ import annotations

import logging
import math
import secrets
from typing import Any, Optional
from urllib.parse import urlencode

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.common import current_user, login_user
from ckan.lib import captcha, mailer
from ckan.logic.schema import create_user_for_user_invite_schema
from ckan.views.user import regenerate_session, rotate_token
from flask import g, has_request_context, request
from limits import RateLimitItemPerSecond
from publicsuffixlist import PublicSuffixList
from sqlalchemy import func

from ..participation import outbox, sync
from ..participation.access import request_context, user_obj
from . import limiter
from .login_throttle import address_key
from .redirects import local

log = logging.getLogger(__name__)

ENABLED = "ckanext.seoulplaza.registration.enabled"
ADDRESS_LIMIT = "ckanext.seoulplaza.registration.max_per_address"
DOMAIN_LIMIT = "ckanext.seoulplaza.registration.max_per_domain"
EMAIL_LIMIT = "ckanext.seoulplaza.registration.max_per_email"
WINDOW = "ckanext.seoulplaza.registration.window"
NAME_PREFIX = "citizen-"
VERIFY_ENDPOINT = "registration.verify"
FORM_FIELDS = ("email", "fullname", "came_from")
_SUFFIXES = PublicSuffixList()


class RegistrationLimited(Exception):
    """Too many registrations from one client, for one e-mail domain or one
    address; ``seconds`` until every limit passed allows one again."""

    def __init__(self, seconds: int):
        super().__init__(f"registration limited for {seconds} s")
        self.seconds = seconds


# Who may register


@tk.chained_auth_function
def user_create_auth(next_auth: Any, context: dict[str, Any], data_dict: Any = None) -> dict[str, Any]:
    """Sysadmins (who pass before auth functions) and internal calls only."""
    return {"success": False, "msg": tk._("Sign up on the form or with seoulplaza_user_register: "
                                          "an account opens once its e-mail address is confirmed")}


@tk.auth_allow_anonymous_access
def register_auth(context: dict[str, Any], data_dict: Any = None) -> dict[str, Any]:
    """Anyone not logged in, while ``…registration.enabled``; through the API
    only as JSON, which a page elsewhere cannot make its visitors' browsers
    send without the portal's consent (CORS), as it can a plain form."""
    if not tk.config.get(ENABLED):
        return {"success": False, "msg": tk._("Registration is closed")}
    if "api_version" in context and has_request_context() and not request.is_json:
        return {"success": False, "msg": tk._("Send the sign-up as JSON (Content-Type: application/json)")}
    if user_obj(context) is not None:
        return {"success": False, "msg": tk._("You already have an account: log out to register another")}
    return {"success": True}


# The rules


def _local_page(value: Any, context: Any) -> Any:
    if value and not local(value):
        raise tk.Invalid(tk._("Must be the address of a page of this portal"))
    return value


def _schema() -> dict[str, list[Any]]:
    v = tk.get_validator
    return {"email": [v("not_empty"), v("strip_value"), v("email_validator"), v("unicode_safe")],
            "fullname": [v("not_empty"), v("strip_value"), v("unicode_safe")],
            "came_from": [v("ignore_missing"), v("unicode_safe"), _local_page]}


def domain_of(email: str) -> str:
    """The registrable domain of an e-mail address, lower case
    (``kim@mail.naver.com`` → ``naver.com``; a name with no public suffix as written)."""
    domain = email.rsplit("@", 1)[-1].lower()
    return _SUFFIXES.privatesuffix(domain) or domain


def count(email: str) -> None:
    """Count one registration for the client, the e-mail's domain and the
    e-mail. A refused one counts for none of them, so one client past its
    limit cannot use up a domain's.
    :raises RegistrationLimited: past any limit (then nothing else runs)."""
    window = tk.config.get(WINDOW)
    client = address_key(request.remote_addr) if has_request_context() else "local"
    counted = [(RateLimitItemPerSecond(tk.config.get(ADDRESS_LIMIT), window, namespace="register-address"), client),
               (RateLimitItemPerSecond(tk.config.get(DOMAIN_LIMIT), window, namespace="register-domain"),
                domain_of(email)),
               (RateLimitItemPerSecond(tk.config.get(EMAIL_LIMIT), window, namespace="register-email"),
                email.lower())]
    fixed = limiter.fixed_window()
    over = [(item, key) for item, key in counted if not fixed.test(item, key)]
    if over:
        wait = limiter.seconds_until_free(fixed, over)
        log.warning("registration refused from %s: too many for %s; retry in %ss", client,
                    " and ".join(f"{item.namespace} {key}" for item, key in over), wait)
        refusal = RegistrationLimited(wait)
        if has_request_context():
            g.seoulplaza_registration_limited = refusal  # for answer_limited
        raise refusal
    for item, key in counted:
        fixed.hit(item, key)


def _account_with(email: str) -> Optional[model.User]:
    """The account of this e-mail address (any case), an active one first; None if none."""
    return (model.Session.query(model.User)
            .filter(func.lower(model.User.email) == email.lower(), model.User.state != model.State.DELETED)
            .order_by((model.User.state == model.State.ACTIVE).desc(), model.User.created).first())


def _new_name() -> str:
    while True:
        name = NAME_PREFIX + secrets.token_hex(5)
        if model.User.get(name) is None:
            return name


def _site_url(path: str, **query: Any) -> str:
    query = {k: v for k, v in query.items() if v}
    return tk.config.get("ckan.site_url").rstrip("/") + path + (f"?{urlencode(query)}" if query else "")


def verification_link(user: model.User, came_from: Optional[str] = None) -> str:
    """A new one-use key for the pending ``user`` (the previous stops working)
    and the address of its verification page."""
    user.reset_key = mailer.make_key()
    return _site_url(f"/user/verify/{user.id}", key=user.reset_key, came_from=came_from)


def _mail(user: model.User, subject: str, body: str, topic: str) -> None:
    outbox.queue([(user.email, user.email)], subject, body, topic)


def _mail_link(user: model.User, came_from: Optional[str]) -> None:
    _mail(user, tk._("[Seoul Plaza] Confirm your e-mail address to finish signing up"),
          tk._("We received a request to sign up to the Seoul information plaza with this e-mail address.\n\n"
               "Open this link and choose your password to finish:\n{link}\n\n"
               "If you did not ask for this, ignore this mail: no account is opened "
               "until the link is used.").format(link=verification_link(user, came_from)),
          "registration")


def _mail_taken(user: model.User) -> None:
    _mail(user, tk._("[Seoul Plaza] You already have an account"),
          tk._("Someone asked to sign up to the Seoul information plaza with this e-mail address, "
               "which already has an account.\n\n"
               "Log in with this address: {login}\nForgot your password? {reset}\n\n"
               "If you did not ask for this, ignore this mail: nothing was changed.").format(
              login=_site_url("/user/login"), reset=_site_url("/user/reset")),
          "registration")


def _pending_account(email: str, fullname: str) -> model.User:
    created = tk.get_action("user_create")(
        {"ignore_auth": True, "user": "", "schema": create_user_for_user_invite_schema()},
        {"name": _new_name(), "email": email, "fullname": fullname, "state": model.State.PENDING})
    return model.User.get(created["id"])


def register(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, str]:
    """Sign up: mail the address a link that opens a new account (module docstring).

    :param email: the citizen's e-mail address
    :param fullname: the name to show with comments and requests
    :param came_from: optional, a page of this portal to go on to after verifying
    :returns: ``{"email": email, "state": "pending"}``, alike for every address
    :raises ValidationError: a field missing or malformed, named
    :raises RegistrationLimited: past a limit (HTTP 429 with Retry-After)"""
    tk.check_access("seoulplaza_user_register", context, data_dict)
    data, errors = tk.navl_validate({k: data_dict.get(k) or "" for k in FORM_FIELDS}, _schema(),
                                    {"model": model, "session": model.Session})
    if errors:
        raise tk.ValidationError(errors)
    email = data["email"]
    count(email)
    account = _account_with(email)
    if account is None:
        _mail_link(_pending_account(email, data["fullname"]), data.get("came_from"))
    elif account.state == model.State.PENDING:
        _mail_link(account, data.get("came_from"))
    else:
        _mail_taken(account)
    model.Session.commit()
    sync.kick()
    return {"email": email, "state": model.State.PENDING}


# The pages


def _refused(error: RegistrationLimited, page: Any = None) -> Any:
    message = tk._("Too many sign-ups from this address or for this e-mail domain. "
                   "Try again in {minutes} minutes.").format(minutes=math.ceil(error.seconds / 60))
    return limiter.too_many_requests(message, error.seconds, tk._("Too many attempts"), page)


def _form_page(data: dict[str, Any], errors: dict[str, Any]) -> str:
    labels = {"email": tk._("E-mail"), "fullname": tk._("Name"), "came_from": tk._("Next page")}
    summary = {labels.get(k, k): " ".join(v) for k, v in errors.items()}
    form = tk.render("user/new_user_form.html", {"data": data, "errors": errors, "error_summary": summary})
    return tk.render("user/new.html", {"form": form, "is_sysadmin": False})


def register_page() -> Any:
    """``user.register``: the sign-up form, and the same "check your mail" page
    for every address it is given."""
    if current_user.is_authenticated:
        return tk.render("user/logout_first.html", {})
    try:
        tk.check_access("seoulplaza_user_register", request_context())
    except tk.NotAuthorized:
        return tk.abort(403, tk._("Registration is closed"))
    data = {k: request.values.get(k, "") for k in FORM_FIELDS}
    if request.method != "POST":
        return _form_page(data, {})
    try:
        captcha.check_recaptcha(request)
        tk.get_action("seoulplaza_user_register")(request_context(), data)
    except captcha.CaptchaError:
        return _form_page(data, {"captcha": [tk._("Bad Captcha. Please try again.")]})
    except tk.ValidationError as error:
        return _form_page(data, error.error_dict)
    except RegistrationLimited as error:
        tk.h.flash_error(tk._("Too many sign-ups from this address or for this e-mail domain."))
        return _refused(error, _form_page(data, {}))
    return tk.render("user/registered.html", {"email": data["email"].strip()})


def _pending_with_key(id: str, key: str) -> Optional[model.User]:
    user = model.User.get(id)
    if user is None or user.state != model.State.PENDING or not mailer.verify_reset_link(user, key):
        return None
    return user


def activate(user: model.User, password: str) -> None:
    """Set the pending ``user``'s password (CKAN's rules: at least 8
    characters), make the account active and spend its key.
    :raises ValidationError: the password refused, in CKAN's words"""
    if not password:
        raise tk.ValidationError({"password": [tk._("You must provide a password")]})
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})["name"]
    tk.get_action("user_patch")({"user": site_user, "ignore_auth": True},
                                {"id": user.id, "password": password, "state": model.State.ACTIVE})
    user = model.User.get(user.id)
    user.reset_key = None
    model.Session.commit()
    log.info("account %s verified its e-mail address and is active", user.name)


def verify_page(id: str) -> Any:
    """``/user/verify/<id>?key=…``: choose a password; the account is then
    active and logged in, and goes on to ``came_from`` (or the dashboard)."""
    key = request.values.get("key", "")
    user = _pending_with_key(id, key)
    if user is None:
        return tk.abort(404, tk._("This link is not valid or was already used. Sign up again to get a new one."))
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        password = request.form.get("password1", "")
        if password != request.form.get("password2", ""):
            errors = {"password": [tk._("The passwords you entered do not match.")]}
        else:
            try:
                activate(user, password)
            except tk.ValidationError as error:
                errors = error.error_dict
            else:
                user = model.User.get(id)
                regenerate_session()
                login_user(user)
                rotate_token()
                tk.h.flash_success(tk._("Welcome! Your account is ready."))
                return tk.redirect_to(request.values.get("came_from") or tk.url_for("dashboard.datasets"))
    return tk.render("user/verify.html", {"user_dict": {"state": user.state}, "key": key, "errors": errors,
                                          "came_from": request.values.get("came_from", "")})


def pending_reset_to_verification() -> Any:
    """before_request: CKAN's reset page for a pending account is its verification page."""
    if request.endpoint != "user.perform_reset":
        return None
    user = model.User.get((request.view_args or {}).get("id"))
    if user is None or user.state != model.State.PENDING:
        return None
    return tk.redirect_to(tk.url_for(VERIFY_ENDPOINT, id=user.id, key=request.args.get("key", "")))


def answer_limited(response: Any) -> Any:
    """after_request: CKAN's Action API answers an exception it does not know
    with a 500; a registration past its limits is answered with the shared 429."""
    refusal = g.pop("seoulplaza_registration_limited", None)
    if refusal is not None and response.status_code == 500:
        return _refused(refusal)
    return response


def install(app: Any) -> None:
    app.view_functions["user.register"] = register_page
    app.add_url_rule("/user/verify/<id>", endpoint=VERIFY_ENDPOINT, view_func=verify_page,
                     methods=["GET", "POST"])
    app.before_request(pending_reset_to_verification)
    app.register_error_handler(RegistrationLimited, _refused)
    app.after_request(answer_limited)


AUTH = {"user_create": user_create_auth, "seoulplaza_user_register": register_auth}
ACTIONS = {"seoulplaza_user_register": register}
