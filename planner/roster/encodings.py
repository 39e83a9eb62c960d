"""Which encoding a CSV roster is in: the ones our users' spreadsheets write, judged by whether the text makes sense.

Excel saves "CSV" in the computer's ANSI code page: Windows-1251 in Moscow
and Dushanbe, Windows-1256 for Urdu, Windows-1252 in Western Europe; old
Russian systems write KOI8-R. A single-byte file decodes without error in
almost any of them, so each candidate is judged: first by how many headers
then name a known column (ФИО, Должность...), then by whether its words are
words (one script each, sensibly capitalised) rather than mojibake.
"""

from __future__ import annotations

import codecs
import csv
import unicodedata

# (Python codec, the name users know it by), in order of preference when two read equally well.
SINGLE_BYTE = [("cp1251", "Windows-1251"), ("cp1252", "Windows-1252"), ("cp1256", "Windows-1256"),
               ("koi8_r", "KOI8-R")]
SAMPLE = 20000  # characters judged; a header and a few hundred rows


class NotText(ValueError):
    """The bytes are not text in any encoding we know."""


def _script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0] if name else "?"


def _word_score(word: str) -> int:
    """+len for a plausible word, -2*len for mojibake (mixed scripts, case changing inside a word)."""
    if len({_script(ch) for ch in word}) > 1:
        return -2 * len(word)
    cased = [c for c in word[1:] if c.isupper() or c.islower()]
    if any(c.isupper() for c in cased) and any(c.islower() for c in cased):
        return -2 * len(word)
    return len(word)


def sense(text: str) -> int:
    """How much ``text`` reads as words: letters in plausible words count up, mojibake and odd symbols down."""
    score, word = 0, []
    for ch in text[:SAMPLE] + " ":
        if ch.isalpha():
            word.append(ch)
            continue
        if word:
            score += _word_score("".join(word))
            word = []
        category = unicodedata.category(ch)
        if category in ("Cc", "Co", "Cn", "So", "Sk") and ch not in "\t\r\n":
            score -= 3  # control characters, unassigned bytes, box drawing and stray symbols
    return score


def mapped_headers(text: str) -> int:
    """How many columns of the best of the first rows name a known field."""
    from planner.roster.columns import guess_mapping

    lines = text[:SAMPLE].splitlines()[:10]
    best = 0
    for delimiter in ",;\t|":
        for cells in csv.reader(lines, delimiter=delimiter):
            best = max(best, len(guess_mapping([cell.strip() for cell in cells])))
    return best


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when every other byte of a text sample is zero."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > len(odd) * 0.6 and even.count(0) < len(even) * 0.1:
        return "utf-16-le"
    if even.count(0) > len(even) * 0.6 and odd.count(0) < len(odd) * 0.1:
        return "utf-16-be"
    return None


def decode(data: bytes) -> tuple[str, str]:
    """The text of a CSV file and the name of its encoding; NotText when it is none we know."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace"), "UTF-8 with BOM"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "UTF-16"  # Excel's "Unicode Text"
    wide = _utf16_without_bom(data)
    if wide:
        return data.decode(wide, errors="replace"), "UTF-16"
    if data[:4096].count(0) > 8:  # a stray NUL is dropped with the other control characters; many are binary
        raise NotText("it holds binary data")
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    candidates = []
    for rank, (codec, shown) in enumerate(SINGLE_BYTE):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        candidates.append(((mapped_headers(text), sense(text), -rank), text, shown))
    if not candidates:
        raise NotText("its encoding cannot be recognised")
    _score, text, shown = max(candidates, key=lambda c: c[0])
    return text, shown
