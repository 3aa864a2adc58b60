"""Korean words as typed on a QWERTY keyboard left in English layout (Dubeolsik, the standard
Korean layout): 시발 typed without switching the input method comes out as `tlqkf`, 개새끼 as
`rotoRl`, 병신 as `qudtls`. Comments use these spellings on purpose, since a Korean word list
never sees them. generate.py derives one for every single-word Hangul term of the Korean lists
(same wildcards, same bucket). The engine folds case, so the shifted keys of the tense consonants
(ㄲ R, ㅆ T) read like the plain ones (r, t), which are in the lists too.

Derived spellings shorter than MIN_KEYS are not kept: short key runs (`tq` for ㅅㅂ, `whw` for 좆)
are ordinary English letter strings. DROPPED lists derived spellings that are English words or
names (checked against the dictionaries of check.py).
"""
INITIALS = "r R s e E f a q Q t T d w W c z x v g".split()
VOWELS = "k o i O j p u P h hk ho hl y n nj np nl b m ml l".split()
FINALS = [""] + "r R rt s sw sg e f fr fa fq ft fx fv fg a q qt t T d w c z x v g".split()

MIN_KEYS = 5

# Derived spellings left out, with why.
DROPPED = {
}


def keys(word):
    """The keystrokes of a Hangul word, lower case; None if it holds anything but Hangul syllables."""
    out = []
    for ch in word:
        code = ord(ch) - 0xAC00
        if not 0 <= code < 11172:
            return None
        out.append(INITIALS[code // 588] + VOWELS[(code % 588) // 28] + FINALS[code % 28])
    return "".join(out).lower()


def candidates(terms):
    """(derived term, source term) for each single-word Hangul term of `terms` (term texts)."""
    out = []
    for text in terms:
        t = text.strip()
        if " " in t:
            continue
        core = t.strip("*")
        k = keys(core)
        if k is None or len(k) < MIN_KEYS:
            continue
        derived = ("*" if t.startswith("*") else "") + k + ("*" if t.endswith("*") and len(t) > 1 else "")
        if k in DROPPED:
            continue
        out.append((derived, text))
    return out
