"""Use cases over the database, between ``web/`` (HTTP) and the domain (``questionnaire/``).

A service reads and writes through ``models.db.session``, flushes but never commits or rolls
back (the caller owns the transaction: one per request, or one per CLI command), imports neither
Flask nor Werkzeug, and reports refusals by raising :mod:`services.errors`, which ``web/errors.py``
turns into HTTP answers and the CLI into one-line messages.
"""
