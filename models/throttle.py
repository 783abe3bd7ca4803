"""Failed sign-in attempts, kept in the database so that every process sees them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import db, utcnow


class SignInFailure(db.Model):
    __tablename__ = "sign_in_failure"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: "account:<email>" or "address:<ip>".
    key: Mapped[str] = mapped_column(String(400), index=True)
    occurred_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
