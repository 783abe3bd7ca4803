"""A small world for the security sweep: two States with data, one user per role.

Mexico's response carries a marker string in an answer, a comment, an attachment's name and
a submission snapshot, so a sweep can tell whether any of it reached a Kenyan user.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from flask import current_app
from flask.testing import FlaskClient
from sqlalchemy import select

from models import (
    Attachment,
    Comment,
    CommentThread,
    Cycle,
    JobKind,
    JobStatus,
    Membership,
    ReportJob,
    Response,
    Role,
    TokenPurpose,
    User,
    db,
)
from questionnaire.workflow import Action
from services.answers import save_answers
from services.api_tokens import issue_api_token
from services.pdf_jobs import store_pdf
from services.tokens import issue_token
from services.workflow import apply_transition
from tests.conftest import sign_in
from tests.workspace.workspace_fixtures import complete_answers, response_of
from web.workspace.attachments import storage_dir

MARKER = "MEXSECRET"
LINK = "http://localhost/"  # the response's address in the mails the transitions send
ANONYMOUS = "anonymous"
ROLES = [ANONYMOUS, Role.SECRETARIAT_ADMIN.value, Role.SECRETARIAT_REVIEWER.value,
         Role.FOCAL_POINT.value, Role.CONTRIBUTOR.value, Role.OBSERVER.value]
STATE_ROLES = [Role.FOCAL_POINT.value, Role.CONTRIBUTOR.value, Role.OBSERVER.value]
SECRETARIAT = [Role.SECRETARIAT_ADMIN.value, Role.SECRETARIAT_REVIEWER.value]
PDF_BYTES = b"%PDF-1.4\n% EnvSAQ test file\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


@dataclass
class StateObjects:
    """The objects of one State a URL can name."""

    iso3: str
    response: Response
    thread_id: int
    attachment_id: str
    membership_id: int
    user_id: int
    #: An invitation to the State's team, waiting to be accepted.
    invitation_id: int
    pdf_job_id: int = 0


@dataclass
class World:
    cycle: Cycle
    users: dict[str, User]
    ken: StateObjects
    mex: StateObjects
    sections: list[str] = field(default_factory=list)
    #: role -> the secret of the Kenyan user's API token (as if an administrator issued it).
    api_secrets: dict[str, str] = field(default_factory=dict)
    #: State -> the id of an API token held by one of its users.
    api_token_ids: dict[str, int] = field(default_factory=dict)
    report_job_id: int = 1


def _attach(response: Response, question_key: str, filename: str, user: User) -> Attachment:
    identifier = secrets.token_hex(16)
    (storage_dir() / identifier).write_bytes(PDF_BYTES)
    attachment = Attachment(id=identifier, response_id=response.id, question_key=question_key,
                            filename=filename, content_type="application/pdf",
                            size=len(PDF_BYTES), sha256=hashlib.sha256(PDF_BYTES).hexdigest(),
                            uploaded_by_id=user.id)
    db.session.add(attachment)
    return attachment


def _thread(response: Response, author: User, body: str) -> CommentThread:
    thread = CommentThread(response_id=response.id, question_key=None)
    thread.comments.append(Comment(author_id=author.id, body=body))
    db.session.add(thread)
    return thread


def _state_objects(iso3: str, cycle: Cycle, definition, focal: User, contributor: User,
                   marker: str) -> StateObjects:
    response = response_of(cycle, iso3)
    values = complete_answers(definition, iso3)
    values["gen.institution"] = f"{marker} institution"
    attachment_key = next(q.key for q in definition.questions if q.type == "attachment")
    attachment = _attach(response, attachment_key, f"{marker}-plan.pdf", focal)
    values[attachment_key] = {"id": attachment.id, "filename": attachment.filename,
                              "size": attachment.size, "content_type": attachment.content_type}
    save_answers(response, definition, {k: (v, 0) for k, v in values.items()}, focal)
    thread = _thread(response, focal, f"{marker} comment")
    db.session.flush()
    membership = next(m for m in contributor.memberships if m.state_iso3 == iso3)
    invitation, _secret = issue_token(TokenPurpose.INVITATION, f"invited@{iso3}.example.org",
                                      role=Role.OBSERVER, state_iso3=iso3, created_by=focal)
    return StateObjects(iso3=iso3, response=response, thread_id=thread.id,
                        attachment_id=attachment.id, membership_id=membership.id,
                        user_id=contributor.id, invitation_id=invitation.id,
                        pdf_job_id=_pdf_job(response, focal).id)


def _pdf_job(response: Response, focal: User) -> ReportJob:
    """A finished PDF of the State's draft, its file in the PDF cache."""
    key = hashlib.sha256(f"pdf of {response.state_iso3}".encode()).hexdigest()
    store_pdf(Path(current_app.config["INSTANCE_PATH"]), key, PDF_BYTES)
    job = ReportJob(kind=JobKind.SUBMISSION_PDF.value, cycle_id=response.cycle_id,
                    response_id=response.id, options={"lang": "en", "snapshot": None},
                    content_key=key, created_by_id=focal.id, status=JobStatus.DONE)
    db.session.add(job)
    db.session.flush()
    return job


@pytest.fixture
def world(app, make_user, cycle, definition) -> World:
    users = {role: make_user(role, "KEN", email=f"{role}@ken.example.org")
             for role in ROLES if role != ANONYMOUS}
    mex_focal = make_user(Role.FOCAL_POINT, "MEX", email="focal@mex.example.org")
    mex_contributor = make_user(Role.CONTRIBUTOR, "MEX", email="contributor@mex.example.org")
    ken = _state_objects("KEN", cycle, definition, users[Role.FOCAL_POINT.value],
                         users[Role.CONTRIBUTOR.value], "KENOWN")
    mex = _state_objects("MEX", cycle, definition, mex_focal, mex_contributor, MARKER)
    db.session.commit()
    # Mexico has submitted once and been returned: a snapshot exists and the draft is editable.
    reviewer = users[Role.SECRETARIAT_REVIEWER.value]
    with app.test_request_context():  # the transitions send mail, rendered from templates
        _submit_and_return(mex, definition, mex_focal, reviewer)
    db.session.commit()
    secrets_by_role = {role: issue_api_token(user, "sweep")[1] for role, user in users.items()}
    token_ids = {"KEN": issue_api_token(users[Role.FOCAL_POINT.value], "ken")[0].id,
                 "MEX": issue_api_token(mex_focal, "mex")[0].id}
    db.session.commit()
    return World(cycle=cycle, users=users, ken=ken, mex=mex,
                 sections=[s.key for s in definition.sections],
                 api_secrets=secrets_by_role, api_token_ids=token_ids)


def api_headers(world: World, role: str) -> dict[str, str]:
    """The bearer token of the role's user (none for anonymous visitors)."""
    secret = world.api_secrets.get(role)
    return {"Authorization": f"Bearer {secret}"} if secret else {}


def _submit_and_return(mex: StateObjects, definition, focal: User, reviewer: User) -> None:
    apply_transition(mex.response, definition, Action.SUBMIT, focal,
                     expected_revision=mex.response.revision, certified_name=f"{MARKER} Focal",
                     link=LINK)
    apply_transition(mex.response, definition, Action.START_REVIEW, reviewer,
                     expected_revision=mex.response.revision, link=LINK)
    apply_transition(mex.response, definition, Action.RETURN, reviewer,
                     expected_revision=mex.response.revision, comment=f"{MARKER} please fix",
                     link=LINK)


def client_as(app, world: World, role: str) -> FlaskClient:
    """A fresh client, signed in as the Kenyan user of ``role`` (or anonymous)."""
    client = app.test_client()
    if role != ANONYMOUS:
        sign_in(client, world.users[role])
    return client


def memberships_of(iso3: str) -> list[tuple[int, str, list]]:
    rows = db.session.scalars(select(Membership).where(Membership.state_iso3 == iso3)
                              .order_by(Membership.id))
    return [(m.user_id, m.role.value, list(m.sections or [])) for m in rows]
