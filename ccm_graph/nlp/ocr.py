"""OCR slips that no reader would keep, undone for matching only.

The pipeline reads a copy of the text in which "2Ol9" is "2019", "lst" is "1st", "Coa1ition"
is "Coalition" and "COORDlNATlON" is "COORDINATION": the copy has the same length, character
for character, so every offset found in it holds in the text itself, and facts quote the
document's own words.
"""

from __future__ import annotations

import re

# OCR confusions that can be undone without knowing the word: the same number of
# characters, so offsets into the source still hold.
_OCR_NUMBER = re.compile(
    r"(?<![\w])[0-9OolI]*[0-9][0-9OolI]*(?:st|nd|rd|th)?(?![\w])|(?<![\w])lst(?![\w])"
)
# What a number `_OCR_NUMBER` changes holds: a digit beside one of "OolI", or the word "lst".
# Most documents have neither and skip its pass (every number would call `_digits`).
_OCR_DIGIT_BESIDE_LETTER = re.compile(r"[0-9](?:(?<=[OolI][0-9])|(?=[OolI]))")
_OCR_LST = re.compile(r"lst(?<!\wlst)(?!\w)")
# The patterns below start with the character they consume first, and look behind it
# afterwards: a pattern that starts with a look-behind or `\b` makes `re` try every position.
_OCR_LETTERS_AROUND_DIGIT = re.compile(r"[10](?<=[a-z][10])(?=[a-z])")
# A word of capitals and "l" (at least three): its "l"s are "I"s when it has a capital.
_OCR_CAPS_WORD = re.compile(r"[A-Zl](?<!\w[A-Zl])[A-Zl]{2,}\b")
_OCR_LIST_NUMBER = re.compile(r"(?m)^([ \t]*)l(?=\.[ \t])")
# No English word opens with "l" and a consonant other than l or y: "lnternational" is
# "International".
_OCR_INITIAL_L = re.compile(r"l(?<![\w'’-]l)(?=[bcdfghjkmnpqrstvwxz][a-z])")
# "rn" read for "m" next to the other "m" of the genre's double-m words ("Cornmittee",
# "Comrnission"): the word is one letter shorter, so a space before it keeps the length, and
# a phrase that ends with the word ("Coordination Committee") still quotes the document.
_OCR_RN_FOR_M = re.compile(r"([Cc])(?<![\w-][Cc])o(?:rnm|mrn)(?=i(?:ttee|ssion|tment)s?\b)")

# A word hyphenated at a line's end in text whose line breaks were flattened ("Implemen-
# tation Support Unit"): the pieces joined, the hyphen and the space moved before the word to
# keep the length. Line breaks stay (the layout reads them); "long- and short-term" stays.
_BROKEN_WORD = re.compile(
    r"([A-Za-z])(?<![\w-][A-Za-z])([a-z]{2,})-[ \t]+(?!(?:and|or|to|nor)\b)([a-z]{2,})"
)


def matching_text(text: str) -> str:
    """The text with OCR slips that no reader would keep undone, for matching only:
    "2Ol9" -> "2019", "lst" -> "1st", "Coa1ition" -> "Coalition", "COORDlNATlON" ->
    "COORDINATION", a list number "l." -> "1.", "lnternational" -> "International",
    "Cornmittee" -> " Committee". Same length as `text`, character for character."""
    if _OCR_DIGIT_BESIDE_LETTER.search(text) or _OCR_LST.search(text):
        text = _OCR_NUMBER.sub(_digits, text)
    text = _OCR_LETTERS_AROUND_DIGIT.sub(lambda m: "l" if m.group() == "1" else "o", text)
    text = _OCR_CAPS_WORD.sub(_capitals, text)
    text = _OCR_INITIAL_L.sub("I", text)
    text = _OCR_RN_FOR_M.sub(lambda m: f" {m.group(1)}omm", text)
    if "-" in text:
        text = _BROKEN_WORD.sub(_joined, text)
    return _OCR_LIST_NUMBER.sub(lambda m: m.group(1) + "1", text)


def _joined(match: re.Match[str]) -> str:
    word = match.group(1) + match.group(2) + match.group(3)
    return " " * (len(match.group()) - len(word)) + word


def _digits(match: re.Match[str]) -> str:
    token = match.group()
    if token == "lst":
        return "1st"
    suffix = re.search(r"(?:st|nd|rd|th)$", token)
    body = token[: suffix.start()] if suffix else token
    fixed = body.translate(str.maketrans("OolI", "0011"))
    return fixed + (suffix.group() if suffix else "")


def _capitals(match: re.Match[str]) -> str:
    word = match.group()
    return word.replace("l", "I") if "l" in word and word.strip("l") else word
