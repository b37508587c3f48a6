"""The site's two languages, and how figures are written in each (as CLDR writes them).

Figures are written here as Babel, with its CLDR data, writes them in en_GB and cy_GB: the two
languages write numbers alike (1,234.5, -5, 9.4%, £224,786.00) and differ only in the names of
the months. They are written here, not by Babel, because Babel's first figure cost a command
several hundredths of a second (importing it and reading its CLDR data for both languages) and
every amount a look-up of the currency's names: a tenth of the time of checking the real site.
tests/test_properties.py holds the two to each other: the locales' CLDR patterns, symbols and
month names, and thousands of generated numbers, amounts and days in both languages. An upgrade
of Babel whose CLDR data writes a figure otherwise fails there.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

ENGLISH = "en"
WELSH = "cy"
LOCALES = (ENGLISH, WELSH)
DEFAULT_LOCALE = ENGLISH

_BABEL = {ENGLISH: "en_GB", WELSH: "cy_GB"}
NAMES_IN_ENGLISH = {ENGLISH: "English", WELSH: "Welsh"}  # in messages, which are written in English

# CLDR's month names (wide, the same for a date and for a month on its own), as Babel 2.18 has them.
MONTHS = {
    ENGLISH: ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"),
    WELSH: ("Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst", "Medi", "Hydref", "Tachwedd", "Rhagfyr"),
}


def babel_locale(locale: str) -> str:
    return _BABEL[locale]


def format_number(value: Decimal | int, locale: str) -> str:
    """1234.50 -> "1,234.50": the digits as written (84.0 stays 84.0), grouped in thousands.

    Babel's format_decimal with the pattern #,##0 and as many decimals as were written; both
    locales group with "," and write "." and "-".
    """
    _refuse_float(value)
    return f"{value:,f}" if isinstance(value, Decimal) else f"{value:,}"


def format_percentage(value: Decimal | int, locale: str) -> str:
    """9.4 -> "9.4%": the value is the percentage as written, not a fraction."""
    return format_number(value, locale) + "%"


def format_money(value: Decimal | int, locale: str) -> str:
    """224786 -> "£224,786.00", -1234.5 -> "-£1,234.50": pounds and pence, in both languages.

    Babel's format_currency(value, "GBP"): CLDR's pattern ¤#,##0.00 for both locales, the
    pence rounded half to even, as Babel rounds.
    """
    _refuse_float(value)
    written = f"{Decimal(value):,.2f}"
    return "-£" + written[1:] if written.startswith("-") else "£" + written


def _refuse_float(value) -> None:
    """A figure is a whole number or a decimal as written (hooks/model/strict_yaml.py), never a binary float, whose digits are not the ones written."""
    if isinstance(value, float):
        raise TypeError(f"a figure is a whole number or a decimal, not a float ({value!r})")


def format_day(value: datetime.date, locale: str) -> str:
    """1 March 2024, 1 Mawrth 2024: Babel's format_date(value, "d MMMM y")."""
    return f"{value.day} {MONTHS[locale][value.month - 1]} {value.year}"


def format_month(value: datetime.date, locale: str) -> str:
    """March 2024, Mawrth 2024: Babel's format_date(value, "LLLL y")."""
    return f"{MONTHS[locale][value.month - 1]} {value.year}"


# --- Counted nouns in Welsh ----------------------------------------------------------------------
# Babel (CLDR) gives Welsh plural categories (zero, one, two, few, many, other) but not the form a
# noun takes after a number, which in Welsh depends on the numeral as it is said: its mutation
# (un flwyddyn, dau bractis, tri phractis, chwe phractis) and, for "blwyddyn", the old plural
# "blynedd" with the nasal mutation after pum, saith, wyth, naw, deng, deuddeng, pymtheng, deunaw,
# ugain and can (pum mlynedd). A Welsh text writes the noun after its figure ("{years} blwyddyn",
# any form of it), and the site writes the form that follows the figure (count_noun).

_SOFT = (("ll", "l"), ("rh", "r"), ("p", "b"), ("t", "d"), ("c", "g"), ("b", "f"), ("d", "dd"), ("g", ""), ("m", "f"))
_ASPIRATE = (("p", "ph"), ("t", "th"), ("c", "ch"))

# noun (its dictionary form): feminine?
COUNTED_NOUNS_CY = {
    "blwyddyn": True,
    "practis": False,
    "nod": False,
    "llyfrgell": True,
    "fferyllfa": True,
    "ysgol": True,
    "achos": False,
    "atgyfeiriad": False,
}
# every form of a counted noun a Welsh text may write after its figure -> the dictionary form
COUNTED_FORMS_CY = {"flwyddyn": "blwyddyn", "blynedd": "blwyddyn", "flynedd": "blwyddyn", "mlynedd": "blwyddyn", "bractis": "practis", "phractis": "practis", "lyfrgell": "llyfrgell"}
COUNTED_FORMS_CY.update({noun: noun for noun in COUNTED_NOUNS_CY})

_BLYNEDD = {1: "flwyddyn", 2: "flynedd", 3: "blynedd", 4: "blynedd", 6: "blynedd"}
_MLYNEDD = {5, 7, 8, 9, 10, 12, 15, 18, 20, 30, 40, 50, 60, 70, 80, 90, 100}


def _mutate(word: str, mutations) -> str:
    for radical, mutated in mutations:
        if word.startswith(radical):
            return mutated + word[len(radical):]
    return word


def count_noun(number, noun: str) -> str:
    """The form of a Welsh noun (its dictionary form, a key of COUNTED_NOUNS_CY) after a number:
    1 flwyddyn, 2 flynedd, 3 blynedd, 5 mlynedd, 11 o flynyddoedd; 1 llyfrgell, 2 lyfrgell;
    2 bractis, 3 phractis, 4 practis, 6 phractis. A number that is not whole takes "o" and the
    plural (1.5 o flynyddoedd); only "blwyddyn" has a plural here."""
    feminine = COUNTED_NOUNS_CY[noun]
    whole = isinstance(number, int) or (isinstance(number, Decimal) and number == number.to_integral_value())
    n = int(number) if whole else None
    if noun == "blwyddyn":
        if n in _BLYNEDD:
            return _BLYNEDD[n]
        if n in _MLYNEDD:
            return "mlynedd"
        return "o flynyddoedd"
    if n == 1:  # un: the soft mutation of a feminine noun, but not of ll or rh
        return noun if not feminine or noun.startswith(("ll", "rh")) else _mutate(noun, _SOFT)
    if n == 2:  # dau, dwy
        return _mutate(noun, _SOFT)
    if n in (3, 6) and not (n == 3 and feminine):  # tri, chwe (tair: no mutation)
        return _mutate(noun, _ASPIRATE)
    return noun


def counted_welsh(template: str, values: dict) -> str:
    """A Welsh text with each counted noun after a figure ("{years} flwyddyn") in the form that
    follows that figure's value; values: placeholder name -> the figure's value."""
    import re

    def form(match):
        name, written = match.group(1), match.group(2)
        if name not in values:
            return match.group(0)
        return "{" + name + "} " + count_noun(values[name], COUNTED_FORMS_CY[written])

    return re.sub(r"\{(\w+)\} (" + "|".join(sorted(COUNTED_FORMS_CY, key=len, reverse=True)) + r")\b", form, template)
