"""What the invitation forms say when ``services.team`` refuses an invitation or asks the
inviter to confirm one that crosses from one State to another or to the secretariat."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm

from services.team import (
    OTHER_STATE,
    SECRETARIAT_MEMBER,
    SECRETARIAT_RIGHTS,
    CrossAccess,
    InvitationRefused,
)

CROSS_ACCESS_WARNINGS = {
    SECRETARIAT_RIGHTS: _l("This invitation gives secretariat rights: the person will read the "
                           "responses of every State."),
    OTHER_STATE: _l("This person already has a role for another State."),
    SECRETARIAT_MEMBER: _l("This person belongs to the secretariat."),
}


def invitation_refusal_message(refusal: InvitationRefused) -> str:
    if refusal.reason == "member":
        return _("This person is already on the team.")
    return _("This person has already been invited and has not yet accepted.")


def cross_access_warnings(cross: CrossAccess) -> list[str]:
    """The warnings to show before an invitation that crosses ``cross.reasons`` is sent."""
    return [str(CROSS_ACCESS_WARNINGS[reason]) for reason in cross.reasons]


def confirmation_values(form: FlaskForm, cross: CrossAccess) -> list[tuple[str, str]]:
    """The form's fields as (name, value) pairs to post again, with the reasons confirmed."""
    pairs: list[tuple[str, str]] = []
    for field in form:
        if field.name in ("csrf_token", "confirmed"):
            continue
        values = field.data if isinstance(field.data, list) else [field.data]
        pairs += [(field.name, str(value)) for value in values if value is not None]
    return [*pairs, ("confirmed", " ".join(cross.reasons))]
