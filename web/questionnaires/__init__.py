"""Published questionnaire versions: storing, loading (cached) and the paragraph matrix page."""

from flask import Blueprint

bp = Blueprint("questionnaires", __name__, url_prefix="/secretariat/questionnaires")

from web.questionnaires import views  # noqa: E402,F401
