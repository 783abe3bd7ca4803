"""The test's own look at the database the live server writes to."""

from __future__ import annotations

from typing import Any

from flask import Flask
from sqlalchemy import func, select

from models import (
    Comment,
    CommentThread,
    Response,
    Submission,
    TokenPurpose,
    User,
    WorkflowState,
    db,
)
from questionnaire.workflow import Action
from services.answers import answer_values, load_answers, save_answers
from services.tokens import issue_token
from services.workflow import apply_transition
from tests.browser.site import Site, focal
from tests.workspace.workspace_fixtures import complete_answers


def fresh() -> None:
    """End the test's read transaction so that the server's latest commits are visible."""
    db.session.rollback()
    db.session.expire_all()


def response_for(site: Site, iso3: str) -> Response:
    fresh()
    return db.session.scalar(select(Response).where(
        Response.cycle_id == site.cycle_id, Response.state_iso3 == iso3))


def stored_values(site: Site, iso3: str) -> dict[str, Any]:
    """Question key -> stored value of the State's draft."""
    return answer_values(load_answers(response_for(site, iso3)))


def submission_count(site: Site, iso3: str) -> int:
    response = response_for(site, iso3)
    return db.session.scalar(select(func.count()).select_from(Submission).where(
        Submission.response_id == response.id))


def prefill(site: Site, iso3: str, leave_out: set[str] = frozenset()) -> None:
    """Save a complete, valid set of answers (but ``leave_out``) through the service layer."""
    response = response_for(site, iso3)
    answers = complete_answers(site.definition, iso3)
    changes = {key: (value, 0) for key, value in answers.items() if key not in leave_out}
    result = save_answers(response, site.definition, changes, None, source="test")
    assert not result.conflicts and not result.errors, (result.conflicts, result.errors)
    db.session.commit()


def set_locale(email: str, lang: str) -> None:
    fresh()
    user_by_email(email).locale = lang
    db.session.commit()


def user_by_email(email: str) -> User:
    return db.session.scalar(select(User).where(User.email == email))


def transition_through_service(app: Flask, site: Site, iso3: str, action: Action, email: str,
                               **details) -> None:
    """Apply a workflow action as the user ``email`` (a comment or certified name in
    ``details``)."""
    response = response_for(site, iso3)
    with app.test_request_context(base_url=site.url):  # the notification mail links back
        apply_transition(response, site.definition, action, user_by_email(email),
                         expected_revision=response.revision,
                         link=f"{site.url}/states/{iso3}/cycles/{response.cycle_id}/", **details)
    db.session.commit()


def submit_through_service(app: Flask, site: Site, iso3: str) -> None:
    """A complete response, certified and submitted by the State's focal point."""
    prefill(site, iso3)
    response = response_for(site, iso3)
    response.workflow_state = WorkflowState.IN_PROGRESS
    db.session.commit()
    transition_through_service(app, site, iso3, Action.SUBMIT, focal(iso3),
                               certified_name="Focal point")


def accept_through_service(app: Flask, site: Site, iso3: str, reviewer_email: str) -> None:
    """Submit the State's complete response, then review and accept it as ``reviewer_email``."""
    submit_through_service(app, site, iso3)
    for action in (Action.START_REVIEW, Action.ACCEPT):
        transition_through_service(app, site, iso3, action, reviewer_email)


def workflow_state(site: Site, iso3: str) -> WorkflowState:
    return response_for(site, iso3).workflow_state


def submissions(site: Site, iso3: str) -> list[Submission]:
    response = response_for(site, iso3)
    return list(db.session.scalars(select(Submission).where(
        Submission.response_id == response.id).order_by(Submission.number)))


def save_value(site: Site, iso3: str, key: str, value: Any, email: str) -> None:
    """Save one answer as ``email`` on the version currently stored (valid or not)."""
    response = response_for(site, iso3)
    current = load_answers(response).get(key)
    save_answers(response, site.definition, {key: (value, current.version if current else 0)},
                 user_by_email(email), source="test")
    db.session.commit()


def open_thread(site: Site, iso3: str, key: str | None, body: str, email: str) -> None:
    thread = CommentThread(response_id=response_for(site, iso3).id, question_key=key)
    thread.comments.append(Comment(author_id=user_by_email(email).id, body=body))
    db.session.add(thread)
    db.session.commit()


def link_secret(purpose: TokenPurpose, email: str, **details) -> str:
    """The secret of a new invitation or password-reset link (as the mail would carry it)."""
    _token, secret = issue_token(purpose, email, **details)
    db.session.commit()
    return secret


def queued_pdf_job(site: Site, iso3: str) -> int:
    """A PDF of the State's draft waiting for a worker (its page shows the progress)."""
    from services.pdf_jobs import create_pdf_job, pdf_request

    request = pdf_request(response_for(site, iso3), "en", None)
    job = create_pdf_job(request, user_by_email(focal(iso3)))
    db.session.commit()
    return job.id


def membership_id(email: str, iso3: str) -> int:
    """The id of ``email``'s role in the State ``iso3`` (for the team's removal page)."""
    fresh()
    user = user_by_email(email)
    return next(m.id for m in user.memberships if m.state_iso3 == iso3)


def open_version_2_cycle(states: list[str]) -> int:
    """A newer cycle on questionnaire version 2 for ``states``; its id."""
    from datetime import date, timedelta

    from services.cycles import create_cycle
    from services.definitions import publish
    from web.cli.demo_next import NEXT_DEFINITION

    fresh()
    version, _created = publish(NEXT_DEFINITION)
    cycle = create_cycle("Reporting cycle 2027", version, date.today() + timedelta(days=200),
                         states, None)
    db.session.commit()
    return cycle.id
