"""Where GNU gettext may break a line of a PO string, and how many columns each character takes.

GNU gettext lays out strings with libunistring: the break opportunities of Unicode's line breaking
algorithm (UAX #14, in its pair-table form, as libunistring 1.0 tailors it) and the display width
of each character (two columns for East Asian wide ones, none for combining marks). Both are
written out here so that an exported file is laid out the way `msgcat` lays it out, on any machine.
`tests/website/test_po_file.py` compares a file laid out with them with what `msgcat` makes of it.

Each character has a line breaking class (two letters, UAX #14's names). A break between two
characters depends on the class of the last character before them that is not a space (`before`),
the class of the one after (`after`) and whether spaces came between; the rules are `_pair`'s.
"""

from __future__ import annotations

import unicodedata
from functools import cache

# Classes that stand for one another here, as libunistring resolves them for UTF-8 text.
_RESOLVED = {"AI": "AL", "SA": "AL", "XX": "AL", "SG": "AL", "CB": "ID", "CJ": "NS", "NL": "BK", "LF": "BK", "CR": "BK"}

_ASCII = {
    "\t": "BA",
    "\n": "LF",
    "\x0b": "BK",
    "\x0c": "BK",
    "\r": "CR",
    " ": "SP",
    "!": "EX",
    '"': "QU",
    "$": "PR",
    "%": "PO",
    "'": "QU",
    "(": "OP",
    ")": "CP",
    "+": "PR",
    ",": "IS",
    "-": "HY",
    ".": "IS",
    "/": "SY",
    ":": "IS",
    ";": "IS",
    "?": "EX",
    "[": "OP",
    "\\": "PR",
    "]": "CP",
    "{": "OP",
    "|": "BA",
    "}": "CL",
}

# Characters beyond ASCII whose class their Unicode category does not tell.
_OTHERS = {
    "\x85": "NL",
    "\xa0": "GL",
    "\xa1": "OP",
    "\xa2": "PO",
    "\xa3": "PR",
    "\xa4": "PR",
    "\xa5": "PR",
    "\xa7": "AI",
    "\xa8": "AI",
    "\xaa": "AI",
    "\xab": "QU",
    "\xad": "BA",
    "\xb0": "PO",
    "\xb1": "PR",
    "\xb2": "AI",
    "\xb3": "AI",
    "\xb4": "BB",
    "\xb6": "AI",
    "\xb7": "AI",
    "\xb8": "AI",
    "\xb9": "AI",
    "\xba": "AI",
    "\xbb": "QU",
    "\xbc": "AI",
    "\xbd": "AI",
    "\xbe": "AI",
    "\xbf": "OP",
    "\xd7": "AI",
    "\xf7": "AI",
    "\u037e": "IS",
    "\u02c8": "BB",
    "\u02cc": "BB",
    "\u02df": "BB",
    "\u034f": "GL",
    "\u0f0c": "GL",
    "\u1680": "BA",
    "\u2007": "GL",
    "\u200b": "ZW",
    "\u200d": "ZWJ",
    "\u2010": "BA",
    "\u2011": "GL",
    "\u2012": "BA",
    "\u2013": "BA",
    "\u2014": "B2",
    "\u2015": "AI",
    "\u2016": "AI",
    "\u2017": "AL",
    "\u2018": "QU",
    "\u2019": "QU",
    "\u201a": "OP",
    "\u201b": "QU",
    "\u201c": "QU",
    "\u201d": "QU",
    "\u201e": "OP",
    "\u201f": "QU",
    "\u2020": "AI",
    "\u2021": "AI",
    "\u2022": "AI",
    "\u2024": "IN",
    "\u2025": "IN",
    "\u2026": "IN",
    "\u2027": "BA",
    "\u2028": "BK",
    "\u2029": "BK",
    "\u202f": "GL",
    "\u2030": "PO",
    "\u2031": "PO",
    "\u2032": "PO",
    "\u2033": "PO",
    "\u2034": "PO",
    "\u2035": "PO",
    "\u2036": "PO",
    "\u2037": "PO",
    "\u2039": "QU",
    "\u203a": "QU",
    "\u203c": "NS",
    "\u203d": "NS",
    "\u2044": "IS",
    "\u2047": "NS",
    "\u2048": "NS",
    "\u2049": "NS",
    "\u2056": "BA",
    "\u2058": "BA",
    "\u2059": "BA",
    "\u205a": "BA",
    "\u205b": "BA",
    "\u205d": "BA",
    "\u205e": "BA",
    "\u2060": "WJ",
    "\u2061": "AL",
    "\u2062": "AL",
    "\u2063": "AL",
    "\u2064": "AL",
    "\u20a7": "PO",
    "\u20b6": "PO",
    "\u20bb": "PO",
    "\u20be": "PO",
    "\u2103": "PO",
    "\u2109": "PO",
    "\u2116": "PR",
    "\u2212": "PR",
    "\u22ef": "IN",
    "\u2213": "PR",
    "\u3000": "BA",
    "\u3001": "CL",
    "\u3002": "CL",
    "\u3005": "NS",
    "\u301c": "NS",
    "\u303b": "NS",
    "\u303c": "NS",
    "\u309b": "NS",
    "\u309c": "NS",
    "\u309d": "NS",
    "\u309e": "NS",
    "\u30a0": "NS",
    "\u30fb": "NS",
    "\u30fc": "CJ",
    "\u30fd": "NS",
    "\u30fe": "NS",
    "\ufeff": "WJ",
    "\uff01": "EX",
    "\uff04": "PR",
    "\uff05": "PO",
    "\uff08": "OPW",
    "\uff09": "CL",
    "\uff0c": "CL",
    "\uff0e": "CL",
    "\uff1a": "NS",
    "\uff1b": "NS",
    "\uff1f": "EX",
    "\uff3b": "OPW",
    "\uff3d": "CL",
    "\uff5b": "OPW",
    "\uff5d": "CL",
    "\uff5f": "OPW",
    "\uff60": "CL",
    "\uff61": "CL",
    "\uff62": "OPW",
    "\uff63": "CL",
    "\uff64": "CL",
    "\uff65": "NS",
    "\uffe0": "PO",
    "\uffe1": "PR",
    "\uffe5": "PR",
    "\uffe6": "PR",
}

# Small kana (written after the syllable they modify): a line must not start with one.
_SMALL_KANA = frozenset("ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿｧｨｩｪｫｬｭｮｯｰ")


# Thai, Lao, Myanmar, Khmer, Tai Le, New Tai Lue, Tai Tham, Myanmar extensions, Tai Viet.
_SOUTHEAST_ASIAN = (
    (0x0E00, 0x0EFF),
    (0x1000, 0x109F),
    (0x1780, 0x17FF),
    (0x1950, 0x19DF),
    (0x1A20, 0x1AAF),
    (0xA9E0, 0xA9FF),
    (0xAA60, 0xAADF),
)


@cache
def line_class(char: str) -> str:
    """The UAX #14 class a character breaks as (resolved as libunistring resolves it for UTF-8)."""
    found = _ASCII.get(char) or _OTHERS.get(char) or _by_category(char)
    return _RESOLVED.get(found, found)


def _by_category(char: str) -> str:
    code = ord(char)
    category = unicodedata.category(char)
    wide = unicodedata.east_asian_width(char) in ("W", "F")
    if char in _SMALL_KANA:
        return "CJ"
    if 0xAC00 <= code <= 0xD7A3:  # a Hangul syllable: with a final consonant (H3) or without (H2)
        return "H2" if (code - 0xAC00) % 28 == 0 else "H3"
    if 0x1100 <= code <= 0x115F or 0xA960 <= code <= 0xA97C:
        return "JL"
    if 0x1160 <= code <= 0x11A7 or 0xD7B0 <= code <= 0xD7C6:
        return "JV"
    if 0x11A8 <= code <= 0x11FF or 0xD7CB <= code <= 0xD7FB:
        return "JT"
    if 0xFF66 <= code <= 0xFFDC:  # halfwidth katakana and Hangul
        return "NS" if code in (0xFF9E, 0xFF9F) else "ID"
    if any(first <= code <= last for first, last in _SOUTHEAST_ASIAN):
        return "AL"  # libunistring breaks no word of these scripts: each stands as a letter
    if 0x1F1E6 <= code <= 0x1F1FF:
        return "RI"
    if category == "Nd":
        return "NU" if not wide else "ID"
    if category in ("Mn", "Mc", "Me"):
        return "CM"
    if category == "Cc" or category == "Cf":
        return "CM"
    if category == "Zs":
        return "BA"
    if category == "Sc":
        return "PR"
    if category == "Ps":  # one as wide as an ideograph may follow a letter at a break
        return "OP" if unicodedata.east_asian_width(char) not in ("W", "F", "H") else "OPW"
    if category == "Pe":
        return "CL"
    if category in ("Pi", "Pf"):
        return "QU"
    if category == "Pd":
        return "ID" if wide else "BA"
    if 0x05D0 <= code <= 0x05F2 or 0xFB1D <= code <= 0xFB4F:
        return "HL"
    if wide:
        return "ID"
    if category == "Po" and 0x3000 <= code <= 0x303F:
        return "CL"
    return "AL"


def _pair(before: str, after: str, spaces: bool) -> bool:
    """Whether a line may break before a character of class `after`, the last character that is no
    space being of class `before` (`spaces`: with spaces between them)."""
    if after == "OPW":  # as any opening punctuation, except that a letter or a number may end a line before it
        return before in (*_LETTERS, "NU") or _pair(before, "OP", spaces)
    before = "OP" if before == "OPW" else before
    if before in ("BK", "ZW"):
        return before == "ZW"
    if after in ("WJ", "CL", "CP", "EX", "IS", "SY", "ZWJ") or before == "OP":
        return False
    if before == "QU" and after == "OP":
        return False
    if before == "CL" and after == "NS":
        return False
    if before == after == "B2":
        return False
    if before in ("GL", "WJ", "ZWJ"):  # libunistring keeps these only without spaces
        return spaces
    if after == "GL":
        return spaces or before in ("BA", "HY")
    if _joined(before, after):
        return spaces
    return True


_NUMERIC_JOINS = {
    ("CL", "PO"),
    ("CL", "PR"),
    ("CP", "PO"),
    ("CP", "PR"),
    ("NU", "PO"),
    ("NU", "PR"),
    ("PO", "OP"),
    ("PO", "NU"),
    ("PR", "OP"),
    ("PR", "NU"),
    ("HY", "NU"),
    ("IS", "NU"),
    ("NU", "NU"),
    ("SY", "NU"),
}
_HANGUL = ("JL", "JV", "JT", "H2", "H3")
_LETTERS = ("AL", "HL")


def _joined(before: str, after: str) -> bool:
    """The pairs that break only where spaces come between them."""
    if after in ("QU", "BA", "HY", "NS", "IN") or before in ("QU", "BB"):
        return True
    if before == "SY" and after == "HL":
        return True
    if (before, after) in _NUMERIC_JOINS:
        return True
    if (before in _LETTERS and after == "NU") or (before == "NU" and after in _LETTERS):
        return True
    if (before == "PR" and after in ("ID", "EB", "EM", *_HANGUL)) or (
        before in ("ID", "EB", "EM", *_HANGUL) and after == "PO"
    ):
        return True
    if (before in ("PR", "PO") and after in _LETTERS) or (before in _LETTERS and after in ("PR", "PO")):
        return True
    if (before == "JL" and after in _HANGUL[:1] + ("JV", "H2", "H3")) or (
        (before in ("JV", "H2") and after in ("JV", "JT")) or (before in ("JT", "H3") and after == "JT")
    ):
        return True
    if before in _LETTERS and after in _LETTERS:
        return True
    if (before in (*_LETTERS, "NU") and after == "OP") or (before == "CP" and after in (*_LETTERS, "NU")):
        return True
    return (before, after) in (("RI", "RI"), ("EB", "EM"))


def opportunities(text: str) -> list[bool]:
    """For each character of `text`, whether a line may break just before it."""
    found: list[bool] = []
    before = "BK"  # the start of the text: no break before its first character
    spaces = False  # whether spaces came since `before`
    for char in text:
        kind = line_class(char)
        if kind == "BK":
            found.append(False)
            before, spaces = "BK", False
        elif kind == "SP":
            found.append(False)
            spaces = True
        elif kind in ("CM", "ZWJ") and before not in ("BK", "ZW") and not spaces:
            found.append(False)  # a combining mark stays with what it marks, and breaks as that does
            before = "ZWJ" if kind == "ZWJ" else before
        elif kind in ("CM", "ZWJ"):  # one with nothing to mark stands as a letter
            found.append(before == "ZW" or (spaces and before != "BK"))
            before, spaces = "ZWJ" if kind == "ZWJ" else "AL", False
        elif kind == "ZW":
            found.append(False)
            before, spaces = "ZW", False
        else:
            found.append(_pair(before, kind, spaces))
            before, spaces = kind, False
    return found


@cache
def columns(char: str) -> int:
    """How many columns a character takes on a terminal, as libunistring counts them (control
    characters count for none)."""
    category = unicodedata.category(char)
    if category == "Cc":
        return 0
    if category in ("Mn", "Me", "Cf"):
        return 0
    if "\u1160" <= char <= "\u11ff" or "\ud7b0" <= char <= "\ud7ff" or char == "\u200b":
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
