"""What the invitation forms say when ``services.team`` refuses an invitation."""

from __future__ import annotations

from flask_babel import gettext as _

from services.team import InvitationRefused


def invitation_refusal_message(refusal: InvitationRefused) -> str:
    if refusal.reason == "member":
        return _("This person is already on the team.")
    return _("This person has already been invited and has not yet accepted.")
