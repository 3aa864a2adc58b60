#!/usr/bin/env python3
"""Derived English spellings: dropped vowels and sound-alikes of the strong and mild terms.

generate.py calls candidates() on the English profanity-strong and profanity-mild terms (curated
and reviewed, before derivation) and adds every candidate that review/en-derived.tsv keeps. Each
single-word term's core (the term without its '*') is rewritten by these rules, one or two of
them in a row, and the result keeps the term's wildcards and bucket:

  skeleton   drop every vowel after the first letter         fuck -> fck, shit -> sht, bitch -> btch,
             (only when at least two consonants remain)       motherfucker -> mthrfckr
  u>v        u between consonants -> v                        fuck -> fvck, cunt -> cvnt
  u>oo       u between consonants -> oo                       fuck -> fook
  ck>k/kk/q  ck -> k, kk, q                                   fuck -> fuk, fukk, fuq; dick -> dik
  c>k        a c that starts the word (c + vowel) -> k        cock -> kock, cunt -> kunt
  f>ph       f that starts the word -> ph                     fuck -> phuck, phuk
  s>z        ss -> zz; a final s -> z                         ass -> azz, asshole -> azzhole
  er>a       final er -> a, ah; ers -> as                     motherfucker -> motherfucka
  i>ee/ie/y  i between consonants -> ee, ie, y                shit -> shyt, shiet (sheet is dropped)

Variants shorter than 3 letters are not derived (fk is curated). Terms the engine already reaches
are not derived again (leet, masks, stretched letters, spacing).
Two rules in a row give e.g. fuck -> fuk -> fvk, phuck -> phuk, asshole -> azzhole.

review/en-derived.tsv holds one decision for every candidate: keep:<bucket> (the candidate as
derived, or moved to another bucket), rewrite:<term>:<bucket> (a narrower shape: `*sht*` matches
ashtray, so it is written `sht`) or drop, each with its reason. `python3 tools/wordlists/derive.py
--review` proposes the decisions from the dictionaries check.py uses: a candidate keeps the widest
shape (as derived, then prefix, then whole word) that matches no dictionary word which the
original lists do not already match; a candidate whose whole word is such a dictionary word is
dropped, and so is every candidate of 3 letters or fewer (cnt = count, twt = tweet, dck, tts =
text to speech, AHL = a hockey league, FKK = naturism: abbreviations more often than insults) unless
a manual decision keeps it (azz, dik, cok, fak, sht). Lines whose reason starts with "manual" are the reviewer's and are kept as they are
(abbreviations that are words to people but not to dictionaries: cnt = count, twt = tweet...).
"""
import itertools
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from termlib import Term  # noqa: E402

DERIVED_BUCKETS = ("profanity-strong", "profanity-mild")
REVIEW = os.path.join(HERE, "review", "en-derived.tsv")

V = "aeiou"
C = "bcdfghjklmnpqrstvwxz"


def _sub_each(pattern, repl, s):
    """Every string made by replacing ONE match of pattern (and the one replacing all)."""
    out = set()
    ms = list(re.finditer(pattern, s))
    for m in ms:
        out.add(s[:m.start()] + m.expand(repl) + s[m.end():])
    if len(ms) > 1:
        out.add(re.sub(pattern, repl, s))
    return out


def _skeleton(s):
    sk = s[0] + re.sub("[aeiou]", "", s[1:])
    if sk == s or len(re.sub("[aeiouy]", "", sk)) < 2:
        return set()
    return {sk}


RULES = [
    ("skeleton", _skeleton),
    ("u>v", lambda s: _sub_each(r"(?<=[%s])u(?=[%s])" % (C, C), "v", s)),
    ("u>oo", lambda s: _sub_each(r"(?<=[%s])u(?=[%s])" % (C, C), "oo", s)),
    ("ck>k", lambda s: _sub_each("ck", "k", s)),
    ("ck>kk", lambda s: _sub_each("ck", "kk", s)),
    ("ck>q", lambda s: _sub_each("ck", "q", s)),
    ("c>k", lambda s: {"k" + s[1:]} if re.match("c[aou]", s) else set()),
    ("f>ph", lambda s: {"ph" + s[1:]} if s.startswith("f") else set()),
    ("s>z", lambda s: _sub_each("ss", "zz", s) | ({s[:-1] + "z"} if re.search("[^s]s$", s) else set())),
    ("er>a", lambda s: ({s[:-2] + "a", s[:-2] + "ah"} if s.endswith("er") and len(s) > 4 else set())
     | ({s[:-3] + "as"} if s.endswith("ers") and len(s) > 5 else set())),
    ("i>ee", lambda s: _sub_each(r"(?<=[%s])i(?=[%s])" % (C, C), "ee", s)),
    ("i>ie", lambda s: _sub_each(r"(?<=[%s])i(?=[%s])" % (C, C), "ie", s)),
    ("i>y", lambda s: _sub_each(r"(?<=[%s])i(?=[%s])" % (C, C), "y", s)),
]

# Rules that make the spelling unpronounceable or phonetic: two of them in a row are enough.
MAX_STEPS = 2
# Longer terms are compounds whose root is a shorter term that is derived itself (*fuck* -> *fck*
# covers mthrfckr): derive only cores up to 8 letters, and two steps only up to 6.
MAX_CORE = 8
MAX_CORE_TWO_STEPS = 6


def derive_core(core):
    """{variant: 'rule+rule'} for one core word."""
    out = {}
    frontier = {core: ""}
    if len(core) > MAX_CORE:
        return out
    for _step in range(MAX_STEPS if len(core) <= MAX_CORE_TWO_STEPS else 1):
        nxt = {}
        for s, how in frontier.items():
            for name, fn in RULES:
                if how and name == "skeleton" and "skeleton" in how:
                    continue
                for v in fn(s):
                    if v == core or v in out or len(v) < 3:
                        continue
                    label = (how + "+" if how else "") + name
                    out.setdefault(v, label)
                    nxt.setdefault(v, label)
        frontier = nxt
    return out


def shape(core, prefix, suffix):
    return ("*" if prefix else "") + core + ("*" if suffix else "")


def candidates(terms_by_bucket):
    """[(candidate, bucket, origin term, rules)] for {bucket: [term texts]}, sorted, deterministic.

    A candidate is dropped here when its folded key equals a term already in any bucket (those are
    already listed) or when another candidate of the same bucket was derived first from a shorter
    term."""
    existing = set()
    for terms in terms_by_bucket.values():
        for t in terms:
            existing.add(Term(t).key)
    seen, out = set(), []
    for bucket in DERIVED_BUCKETS:
        for text in sorted(terms_by_bucket.get(bucket, ()), key=lambda x: (len(x), x)):
            t = Term(text)
            if not t.single:
                continue
            core = t.words[0]
            if not core.isalpha() or not core.isascii():
                continue
            for v, how in sorted(derive_core(core).items()):
                cand = shape(v, t.prefix, t.suffix)
                k = Term(cand).key
                if k in existing or k in seen:
                    continue
                seen.add(k)
                out.append((cand, bucket, text, how))
    return out


def read_decisions():
    """{candidate: (kind, term, bucket, reason, line)}; errors."""
    dec, errors = {}, []
    if not os.path.exists(REVIEW):
        return dec, errors
    with open(REVIEW, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) < 3 or not parts[2].strip():
                errors.append("%s:%d: expected 'candidate<TAB>decision<TAB>reason'" % (REVIEW, n))
                continue
            cand, d, reason = parts[0], parts[1], parts[2]
            kind, _, rest = d.partition(":")
            if kind == "keep" and rest:
                dec[cand] = ("keep", cand, rest, reason, line)
            elif kind == "drop" and not rest:
                dec[cand] = ("drop", None, None, reason, line)
            elif kind == "rewrite" and rest.rpartition(":")[0]:
                new, _, bucket = rest.rpartition(":")
                dec[cand] = ("rewrite", new, bucket, reason, line)
            else:
                errors.append("%s:%d: bad decision %r for %r" % (REVIEW, n, d, cand))
    return dec, errors


# ---------------------------------------------------------------- review proposal (needs dictionaries)

def _review():
    import tempfile
    import check  # noqa: E402
    import generate  # noqa: E402
    import sources  # noqa: E402
    from termlib import read_list  # noqa: E402

    if not os.path.isdir("rules"):
        sys.exit("run from the repository root")
    with tempfile.TemporaryDirectory() as tmp:
        cands_src = sources.fetch_all(tmp)
    base = generate.build(cands_src, derive=False)[0]
    terms_by_bucket = {b: list(base[("en", b)]["terms"].values()) for b in generate.BUCKETS}
    cands = candidates(terms_by_bucket)
    with tempfile.TemporaryDirectory() as tmp:
        en = check.load_dictionaries(tmp, only=("en",))["en"]
    idx = check.Index(en)
    # words the English lists (any bucket, with their allow lists) and dict-ok already account for
    known = set()
    for b in generate.BUCKETS:
        allow = [Term(a) for a in base[("en", b)]["allow"] if Term(a).single]
        for t in base[("en", b)]["terms"].values():
            tt = Term(t)
            if tt.single:
                known |= idx.find(tt)
        for a in allow:
            known |= idx.find(a)
    for p in read_list(os.path.join(HERE, "dict-ok", "en.txt")):
        known |= idx.find(Term(p))
    old, _ = read_decisions()
    lines = []
    for cand, bucket, origin, how in cands:
        if cand in old and old[cand][3].startswith("manual"):
            lines.append(old[cand][4])
            continue
        t = Term(cand)
        core = t.words[0]
        if len(core) <= 3:
            lines.append("%s\tdrop\tfrom %s by %s; 3 letters read as an abbreviation more often than not "
                         "(cnt, twt, dck, tts, ahl, fkk...): kept only by a manual decision" % (cand, origin, how))
            continue
        shapes = [(t.prefix, t.suffix)]
        if t.prefix and t.suffix:
            shapes += [(False, True), (False, False)]
        elif t.prefix or t.suffix:
            shapes += [(False, False)]
        chosen, why = None, ""
        for p, s in shapes:
            hits = sorted(w for w in idx.find(Term(shape(core, p, s))) if w not in known)
            if not hits:
                chosen = shape(core, p, s)
                break
            why = why or ", ".join(idx.display[w] for w in hits[:6]) + (" ..." if len(hits) > 6 else "")
        src = "from %s by %s" % (origin, how)
        if chosen == cand:
            lines.append("%s\tkeep:%s\t%s; no innocent dictionary word" % (cand, bucket, src))
        elif chosen:
            lines.append("%s\trewrite:%s:%s\t%s; as derived it matches %s" % (cand, chosen, bucket, src, why))
        else:
            lines.append("%s\tdrop\t%s; dictionary word(s): %s" % (cand, src, why))
    with open(REVIEW, "w", encoding="utf-8", newline="\n") as f:
        f.write("# Decisions for the English spellings derive.py derives (see its docstring): "
                "candidate<TAB>decision<TAB>reason.\n"
                "# Proposed by `python3 tools/wordlists/derive.py --review` from the dictionaries; "
                "lines whose reason starts with 'manual' are the reviewer's and survive a re-run.\n")
        f.write("".join(l + "\n" for l in lines))
    print("%d candidates written to %s" % (len(lines), REVIEW))


if __name__ == "__main__":
    if sys.argv[1:] == ["--review"]:
        _review()
    else:
        for t in sys.argv[1:]:
            for v, how in sorted(derive_core(t).items()):
                print(v, how)
