"""Dates, times, numbers, sort order and article references as the UN writes them in each of
its six languages.

Pure functions of a value and a language code (``ar``, ``zh``, ``en``, ``es``, ``fr``, ``ru``):
every layer uses them (pages through the ``date``/``datetime``/``number`` template filters,
mails, PDFs, the report, the command line), so a date or a number reads the same everywhere.
"""

from questionnaire.l10n.articles import article_reference, article_references
from questionnaire.l10n.collation import sort_key, sorted_by_name
from questionnaire.l10n.cycles import cycle_name, default_cycle_name
from questionnaire.l10n.dates import format_date, format_datetime, format_time
from questionnaire.l10n.numbers import NumberParseError, format_number, parse_number

__all__ = [
    "NumberParseError",
    "article_reference",
    "article_references",
    "cycle_name",
    "default_cycle_name",
    "format_date",
    "format_datetime",
    "format_number",
    "format_time",
    "parse_number",
    "sort_key",
    "sorted_by_name",
]
