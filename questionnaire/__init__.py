"""The questionnaire domain: definitions, conditions, field types, gap rules.

Pure Python: nothing here imports Flask request objects or the database.
"""

LANGUAGES: tuple[str, ...] = ("ar", "zh", "en", "es", "fr", "ru")
"""The six official UN languages, in the order the definition format uses."""

DEFAULT_LANGUAGE = "en"
