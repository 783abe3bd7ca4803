"""UN editorial dates and times: "3 December 2026", never a numeric short date.

The forms follow the UN editorial manuals of each language:

- en: 3 December 2026
- fr: 3 décembre 2026 (1er décembre 2026 for the first day of a month)
- es: 3 de diciembre de 2026
- ru: 3 декабря 2026 года
- zh: 2026年12月3日
- ar: 3 كانون الأول/ديسمبر 2026 (the Levantine and the Egyptian month names, as UN Arabic
  documents write them; Western digits)

Babel supplies the month names where its CLDR forms are the UN's (en, fr, es, ru in the
genitive); Arabic months are written out here because CLDR has only one name per month.
Times are on the 24-hour clock and always name their zone (UTC: the application stores UTC).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from babel import dates as babel_dates

#: UN Arabic month names: the Levantine name, then the Egyptian one.
ARABIC_MONTHS = (
    "كانون الثاني/يناير", "شباط/فبراير", "آذار/مارس", "نيسان/أبريل", "أيار/مايو",
    "حزيران/يونيه", "تموز/يوليه", "آب/أغسطس", "أيلول/سبتمبر", "تشرين الأول/أكتوبر",
    "تشرين الثاني/نوفمبر", "كانون الأول/ديسمبر",
)

#: Babel patterns for the languages whose CLDR month names are the UN's.
_PATTERNS = {
    "en": "d MMMM y",
    "fr": "d MMMM y",
    "es": "d 'de' MMMM 'de' y",
    "ru": "d MMMM y 'года'",
}

#: How each language writes "<date>, <time> <zone>" for a moment in UTC.
_MOMENT = {
    "en": "{date}, {hours:02d}:{minutes:02d} UTC",
    "fr": "{date} à {hours} h {minutes:02d} UTC",
    "es": "{date}, {hours:02d}.{minutes:02d} horas (UTC)",
    "ru": "{date}, {hours:02d}:{minutes:02d} (UTC)",
    "zh": "{date} {hours:02d}:{minutes:02d}（协调世界时）",
    "ar": "{date}، الساعة {hours:02d}:{minutes:02d} بالتوقيت العالمي المنسق",
}

_TIME = {
    "en": "{hours:02d}:{minutes:02d} UTC",
    "fr": "{hours} h {minutes:02d} UTC",
    "es": "{hours:02d}.{minutes:02d} horas (UTC)",
    "ru": "{hours:02d}:{minutes:02d} (UTC)",
    "zh": "{hours:02d}:{minutes:02d}（协调世界时）",
    "ar": "الساعة {hours:02d}:{minutes:02d} بالتوقيت العالمي المنسق",
}


def _language(lang: str | None) -> str:
    """The language code a formatter uses: ``fr_CA`` reads as ``fr``; unknown ones as ``en``."""
    code = (str(lang) if lang else "en").replace("-", "_").split("_")[0].lower()
    return code if code in _MOMENT else "en"


def _utc(value: datetime) -> datetime:
    """``value`` in UTC; a naive value is taken to be UTC already (as the database stores it)."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def format_date(value: date | datetime | str | None, lang: str | None = "en") -> str:
    """``value`` as a UN editorial date in ``lang``; "" for None. A datetime gives the UTC
    day; a string is read as an ISO date ("2026-12-03")."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
    if isinstance(value, datetime):
        value = _utc(value).date()
    lang = _language(lang)
    if lang == "zh":
        return f"{value.year}年{value.month}月{value.day}日"
    if lang == "ar":
        return f"{value.day} {ARABIC_MONTHS[value.month - 1]} {value.year}"
    text = babel_dates.format_date(value, _PATTERNS[lang], locale=lang)
    if lang == "fr" and value.day == 1:
        text = "1er" + text[1:]
    return text


def format_datetime(value: datetime | str | None, lang: str | None = "en") -> str:
    """``value`` as a UN date with its time in UTC, the zone named: "3 December 2026, 13:53
    UTC"; "" for None."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    moment = _utc(value)
    lang = _language(lang)
    return _MOMENT[lang].format(
        date=format_date(moment.date(), lang), hours=moment.hour, minutes=moment.minute)


def format_time(value: datetime | None, lang: str | None = "en") -> str:
    """Only the time of ``value`` in UTC, the zone named ("13:53 UTC"); "" for None."""
    if value is None:
        return ""
    moment = _utc(value)
    return _TIME[_language(lang)].format(hours=moment.hour, minutes=moment.minute)
