"""Text stages shared by training and the Rust pipeline (src/normalize.rs, src/tokenize.rs).

Keep in step with the Rust side: both must turn the same text into the same
token ids and shape ids, or the model sees inputs it was never trained on.
"""
import re
import unicodedata

# Tone folding: syllables ending in oa/oe/uy carry the tone on either vowel
# ("hoà"/"hòa", "thuỷ"/"thủy"). Fold to the tone on the first vowel. The
# substitution is character for character, so offsets are unchanged.
_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook, dot


def _split_tone(ch):
    d = unicodedata.normalize("NFD", ch)
    tone = "".join(c for c in d if c in _TONES)
    base = "".join(c for c in d if c not in _TONES)
    return unicodedata.normalize("NFC", base), tone


_PAIRS = {("o", "a"), ("o", "e"), ("u", "y")}
_WORD = re.compile(r"\w+")


def _fold_word(w):
    if len(w) < 2:
        return w
    a, b = w[-2], w[-1]
    ba, ta = _split_tone(a)
    bb, tb = _split_tone(b)
    if not tb or ta or (ba.lower(), bb.lower()) not in _PAIRS:
        return w
    # "qu" is a consonant: "quý" keeps its tone on y.
    if ba.lower() == "u" and len(w) >= 3 and w[-3].lower() == "q":
        return w
    na = unicodedata.normalize("NFC", ba + tb)
    return w[:-2] + na + bb


def fold_tones(text):
    """Move the tone of a final oa/oe/uy to the first vowel; same length out."""
    return _WORD.sub(lambda m: _fold_word(m.group(0)), text)


def normalize(text):
    return unicodedata.normalize("NFC", text)


# Shape of a token, from the original (not lowercased) text.
def shape_id(tok, word_start):
    if not tok:
        return 0
    if all(c in "0123456789" for c in tok):
        base = 1
    elif any(c in "0123456789" for c in tok):
        base = 2
    elif not any(c.isalnum() for c in tok):
        base = 3
    elif len(tok) > 1 and all(not c.isalpha() or c.isupper() for c in tok):
        base = 4
    elif tok[0].isupper():
        base = 5
    else:
        base = 6
    return base + (7 if word_start else 0)


NUM_SHAPES = 14


# Sentence splitting: at line breaks, and after . ! ? … followed by a space and
# an upper-case letter, digit or quote, unless the dot ends an abbreviation
# ("TP. Hưng Yên", "Q. 1", "PGS. TS").
_ABBREV = {"tp", "tx", "q", "h", "p", "x", "tt", "ts", "ths", "pgs", "gs", "bs", "ks", "th.s", "mr", "st", "no"}


def _is_abbrev(word):
    w = word.strip("(\"'“")
    if w.lower() in _ABBREV:
        return True
    return 0 < len(w) <= 3 and w.isalpha() and w.isupper()


def split_sentences(text):
    """(start, end) character spans of the sentences, whitespace trimmed."""
    spans = []
    n = len(text)
    start = 0
    i = 0
    while i < n:
        c = text[i]
        cut = None
        if c == "\n":
            cut = i
            nxt = i + 1
        elif c in ".!?…":
            j = i + 1
            while j < n and text[j] in "\"'”)»":
                j += 1
            if j < n and text[j] == " ":
                k = j
                while k < n and text[k] == " ":
                    k += 1
                if k < n and (text[k].isupper() or text[k] in "0123456789\"“'(-"):
                    ws = text.rfind(" ", 0, i) + 1
                    ws = max(ws, text.rfind("\n", 0, i) + 1)
                    if c != "." or not _is_abbrev(text[ws:i]):
                        cut = j
                        nxt = j
        if cut is not None:
            _push(text, start, cut, spans)
            start = nxt
            i = nxt
            continue
        i += 1
    _push(text, start, n, spans)
    return spans


def _push(text, s, e, spans):
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        spans.append((s, e))
