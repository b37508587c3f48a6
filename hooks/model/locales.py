"""The site's two languages, and how figures are written in each (Babel, CLDR data)."""

from __future__ import annotations

import datetime
from decimal import Decimal

ENGLISH = "en"
WELSH = "cy"
LOCALES = (ENGLISH, WELSH)
DEFAULT_LOCALE = ENGLISH

_BABEL = {ENGLISH: "en_GB", WELSH: "cy_GB"}
NAMES_IN_ENGLISH = {ENGLISH: "English", WELSH: "Welsh"}  # in messages, which are written in English


def babel_locale(locale: str) -> str:
    return _BABEL[locale]


def _pattern(value: Decimal | int, suffix: str = "") -> str:
    """A CLDR pattern that keeps exactly the decimals the value was written with."""
    places = 0
    if isinstance(value, Decimal):
        exponent = value.as_tuple().exponent
        places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return "#,##0" + ("." + "0" * places if places else "") + suffix


# Babel (and its CLDR data) is imported when a figure is first formatted, not with this module,
# so that commands which format nothing start sooner.


def format_number(value: Decimal | int, locale: str) -> str:
    from babel.numbers import format_decimal

    return format_decimal(value, format=_pattern(value), locale=_BABEL[locale], decimal_quantization=True)


def format_percentage(value: Decimal | int, locale: str) -> str:
    """9.4 -> "9.4%": the value is the percentage as written, not a fraction."""
    from babel.numbers import format_percent

    fraction = Decimal(value) / 100
    return format_percent(fraction, format=_pattern(value, "%"), locale=_BABEL[locale], decimal_quantization=True)


def format_money(value: Decimal | int, locale: str) -> str:
    from babel.numbers import format_currency

    return format_currency(value, "GBP", locale=_BABEL[locale])


def format_day(value: datetime.date, locale: str) -> str:
    from babel.dates import format_date

    return format_date(value, "d MMMM y", locale=_BABEL[locale])


def format_month(value: datetime.date, locale: str) -> str:
    from babel.dates import format_date

    return format_date(value, "LLLL y", locale=_BABEL[locale])
