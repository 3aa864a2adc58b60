"""Russian and Ukrainian words as typed on a keyboard left in the English (QWERTY) layout:
сука typed without switching the layout comes out as `cerf`, пиздец as `gbpltw`, курва as
`rehdf`, долбоёб as `ljk,j`,`. Comments use these spellings on purpose, since a Cyrillic word list
never sees them. generate.py derives one for every single-word term of the Russian and Ukrainian
lists (same wildcards, same bucket), in the standard layouts (ЙЦУКЕН; the Ukrainian one has і, ї
and є where the Russian has ы, ъ and э).

Seven Cyrillic letters sit on punctuation keys (х [, ъ ], ж ;, э ', б ,, ю ., ё `). In a text a
punctuation mark ends a word, so the derived term has a word break there and matches as a phrase
(`t fnm` for ебать matches "t,fnm"). Derived spellings are not kept when their letters are fewer
than MIN_LETTERS, when no piece has three letters, for a wildcard unless its word has
MIN_LETTERS letters whole, or when they are in DROPPED (English words or names, found by
check.py's dictionaries).
"""
RU_KEYS = dict(zip("йцукенгшщзхъфывапролджэячсмитьбюё", "qwertyuiop[]asdfghjkl;'zxcvbnm,.`"))
UK_KEYS = {**{k: v for k, v in RU_KEYS.items() if k not in "ыъэё"}, "і": "s", "ї": "]", "є": "'"}
LAYOUTS = {"ru": RU_KEYS, "uk": UK_KEYS}
PUNCTUATION = set("[];',.`")

MIN_LETTERS = 4

# Derived spellings left out, with why.
DROPPED = {
    "cere": "суку; the English cere (of a bird's beak, cere cloth)",
    "cert": "суке; the English cert (a certainty, a certificate)",
    "negs": "тупі; the English plural of neg",
    "*lege": "*дупу; ends college, privilege, sacrilege",
    "*legs": "*дупі; ends forelegs, bootlegs",
}


def keys(word, lang):
    """The keystrokes of a Cyrillic word in the layout of `lang`, with a space for each key that is
    punctuation; None if the word holds a letter the layout has no key for."""
    layout = LAYOUTS[lang]
    out = []
    for ch in word.replace("ё", "е") if lang == "ru" else word:
        if ch not in layout:
            return None
        key = layout[ch]
        out.append(" " if key in PUNCTUATION else key)
    return " ".join("".join(out).split())


def candidates(terms, lang):
    """(derived term, source term) for each single-word Cyrillic term of `terms` (term texts)."""
    out = []
    for text in terms:
        t = text.strip()
        core = t.strip("*")
        if " " in core:
            continue
        k = keys(core, lang)
        if not k or sum(c != " " for c in k) < MIN_LETTERS:
            continue
        pieces = k.split()
        prefix, suffix = t.startswith("*"), t.endswith("*") and len(t) > 1
        if prefix or suffix:
            # A wildcard extends one word: it must be a word of its own, long enough to be rare.
            if len(pieces) > 1 or len(pieces[0]) < MIN_LETTERS:
                continue
        elif max(len(p) for p in pieces) < 3:
            continue
        derived = ("*" if prefix else "") + k + ("*" if suffix else "")
        if derived not in DROPPED:
            out.append((derived, text))
    return out
