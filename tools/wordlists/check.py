#!/usr/bin/env python3
"""Checks the generated lists (rules/lists/) against dictionaries of innocent words.

Run from the repository root after generate.py:

    python3 tools/wordlists/check.py [--details FILE]

Dictionaries (Debian packages; install them once):
    apt-get install -y wamerican-huge wbritish-huge miscfiles hunspell-ru hunspell-uk hunspell-ko hunspell-tools
  en: /usr/share/dict/{american-english-huge,british-english-huge,web2,propernames.gz} and
      tools/wordlists/names-en.txt (names, places and tricky words typed in for this check)
  ru, uk: every word form hunspell's `unmunch` expands from ru_RU / uk_UA .dic + .aff
  ko: the stems and forms listed in ko.dic (hunspell-ko)

Every list of every language is checked against every dictionary, so a Latin transliteration in
the ru list is checked against English words too. A dictionary word counts as *matched* when a
single-word term of the list matches it (after folding: lower case, no combining marks, Hangul as
jamo), and as *allowed* when an allow term of the same list matches it too. What is matched and not
allowed must be a genuinely offensive word: it is either the term itself (a whole-word term that is
also a dictionary word, judged in the review) or matched by a pattern in dict-ok/<lang>.txt (the
offensive word families the dictionaries contain, e.g. "fuck*", "*хуй*", same syntax as terms). Anything else is reported as UNEXPLAINED and makes
the exit status 1.
"""
import argparse
import gzip
import os
import subprocess
import sys
import tempfile
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from termlib import BUCKETS, LANGS, Term, fold, read_list, words, WORD  # noqa: E402

LISTS = os.path.join("rules", "lists")


def _lines(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8", errors="replace") as f:
        for line in f:
            yield line.rstrip("\n")


def load_dictionaries(tmp, only=LANGS):
    dicts = {}
    en = []
    for p in ("/usr/share/dict/american-english-huge", "/usr/share/dict/british-english-huge",
              "/usr/share/dict/web2", "/usr/share/dict/propernames.gz",
              os.path.join(HERE, "names-en.txt")):
        if not os.path.exists(p):
            sys.exit("missing dictionary %s (see the docstring for the packages)" % p)
        en.extend(l for l in _lines(p) if not l.startswith("#"))
    dicts["en"] = en
    for lang, base in (("ru", "/usr/share/hunspell/ru_RU"), ("uk", "/usr/share/hunspell/uk_UA")):
        if lang not in only:
            continue
        out = os.path.join(tmp, lang + ".txt")
        with open(out, "w", encoding="utf-8") as f:
            subprocess.run(["unmunch", base + ".dic", base + ".aff"], stdout=f,
                           stderr=subprocess.DEVNULL, check=True)
        dicts[lang] = [l.split("/")[0] for l in _lines(out)]
    if "ko" not in only:
        return dicts
    ko = []
    for i, l in enumerate(_lines("/usr/share/hunspell/ko_KR.dic")):
        if i == 0:
            continue
        ko.append(unicodedata.normalize("NFC", l.split("/")[0]))
    dicts["ko"] = ko
    return dicts


class Index:
    """All folded words of one dictionary, as one '\\n'-joined string for fast searching."""

    def __init__(self, raw_words):
        toks = {}
        for w in raw_words:
            for t in WORD.findall(fold(w)):
                toks.setdefault(t, w)
        self.display = toks
        self.text = "\n" + "\n".join(sorted(toks)) + "\n"

    def find(self, term):
        core = term.words[0]
        needle = ("" if term.prefix else "\n") + core + ("" if term.suffix else "\n")
        text, out, pos = self.text, set(), 0
        while True:
            i = text.find(needle, pos)
            if i < 0:
                return out
            core_pos = i + (0 if term.prefix else 1)
            start = text.rfind("\n", 0, core_pos) + 1
            end = text.find("\n", core_pos)
            out.add(text[start:end])
            pos = i + 1


def _allowed_in(name_words, i, allow):
    """Is word i of a name cancelled by an allow term (a single word, or a phrase around it)?"""
    for a in allow:
        n = len(a.words)
        for start in range(max(0, i - n + 1), min(i, len(name_words) - n) + 1):
            seg = name_words[start:start + n]
            ok = all(x == y for x, y in zip(seg[1:-1], a.words[1:-1])) if n > 2 else True
            first = seg[0].endswith(a.words[0]) if a.prefix else seg[0] == a.words[0]
            last = seg[-1].startswith(a.words[-1]) if a.suffix else seg[-1] == a.words[-1]
            if n == 1:
                if a.matches_word(seg[0]):
                    return True
            elif ok and first and last:
                return True
    return False


def check_names():
    names = [l for l in read_list(os.path.join(HERE, "names-en.txt"))]
    out = []
    for lang in LANGS:
        for bucket in BUCKETS:
            terms = [Term(t) for t in read_list(os.path.join(LISTS, lang, bucket + ".txt"))]
            allow = [Term(t) for t in read_list(os.path.join(LISTS, lang, bucket + ".allow.txt"))]
            for name in names:
                ws = words(name)
                for i, w in enumerate(ws):
                    hits = [t.text for t in terms if t.single and t.matches_word(w)]
                    if hits and not _allowed_in(ws, i, allow):
                        out.append("%s/%s: %r matched by %s" % (lang, bucket, name, ", ".join(hits)))
    return out


def _phrase_hit(term, ws, i):
    """Does a (possibly multi-word) term match the words ws starting at i?"""
    n = len(term.words)
    if i + n > len(ws):
        return False
    seg = ws[i:i + n]
    if n == 1:
        return term.matches_word(seg[0])
    first = seg[0].endswith(term.words[0]) if term.prefix else seg[0] == term.words[0]
    last = seg[-1].startswith(term.words[-1]) if term.suffix else seg[-1] == term.words[-1]
    return first and last and seg[1:-1] == term.words[1:-1]


def check_samples():
    """Matches of any list in innocent-samples.txt (each must be cancelled by an allow term)."""
    path = os.path.join(HERE, "innocent-samples.txt")
    lines = [l for l in _lines(path) if l.strip() and not l.startswith("#")]
    out = []
    for lang in LANGS:
        for bucket in BUCKETS:
            terms = [Term(t) for t in read_list(os.path.join(LISTS, lang, bucket + ".txt"))]
            allow = [Term(t) for t in read_list(os.path.join(LISTS, lang, bucket + ".allow.txt"))]
            for line in lines:
                ws = words(line)
                for i in range(len(ws)):
                    for t in terms:
                        if not _phrase_hit(t, ws, i):
                            continue
                        span = range(i, i + len(t.words))
                        cancelled = any(_phrase_hit(a, ws, j) and i >= j and i + len(t.words) <= j + len(a.words)
                                        for a in allow for j in range(max(0, i - len(a.words) + 1), i + 1))
                        if not cancelled:
                            out.append("%s/%s: %s matches %r" % (lang, bucket, t.text, " ".join(ws[k] for k in span)))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--details", help="write every match (term, word, dictionary, status) here")
    ap.add_argument("--summary", help="write the summary table here too")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        indexes = {k: Index(v) for k, v in load_dictionaries(tmp).items()}
    summary, details, bad = [], [], 0
    summary.append("dictionary words: " + ", ".join("%s %d" % (k, len(v.display)) for k, v in indexes.items()))
    summary.append("%-4s %-17s %6s %9s %8s %9s %11s" % (
        "lang", "list", "terms", "matched", "allowed", "offensive", "unexplained"))
    totals = {}
    for lang in LANGS:
        ok = [Term(t) for t in read_list(os.path.join(HERE, "dict-ok", lang + ".txt"))]
        lang_words = {"matched": set(), "after": set()}
        for bucket in BUCKETS:
            terms = [Term(t) for t in read_list(os.path.join(LISTS, lang, bucket + ".txt"))]
            allow = [Term(t) for t in read_list(os.path.join(LISTS, lang, bucket + ".allow.txt"))]
            allow1 = [a for a in allow if a.single]
            matched, allowed, exact, unexplained = set(), set(), set(), set()
            for t in terms:
                if not t.single:
                    continue
                for dname, idx in indexes.items():
                    for w in idx.find(t):
                        key = (dname, w)
                        matched.add(key)
                        if any(a.matches_word(w) for a in allow1):
                            allowed.add(key)
                            status = "allowed"
                        elif t.kind() == "word" or any(o.matches_word(w) for o in ok):
                            exact.add(key)
                            status = "offensive"
                        else:
                            unexplained.add(key)
                            status = "UNEXPLAINED"
                        details.append("%s\t%s\t%s\t%s\t%s\t%s" % (
                            lang, bucket, t.text, dname, idx.display[w], status))
            unexplained -= allowed | exact
            exact -= allowed
            summary.append("%-4s %-17s %6d %9d %8d %9d %11d" % (
                lang, bucket, len(terms), len(matched), len(allowed), len(exact), len(unexplained)))
            lang_words["matched"] |= matched
            lang_words["after"] |= matched - allowed
            bad += len(unexplained)
        totals[lang] = lang_words
    summary.append("")
    summary.append("per language, distinct dictionary words matched before allow lists -> after allow lists")
    names_report = check_names()
    for lang in LANGS:
        summary.append("  %s: %d -> %d" % (lang, len(totals[lang]["matched"]), len(totals[lang]["after"])))
    summary.append("")
    summary.append("names-en.txt entries (names, places, words hiding roots) still matched after allow lists:")
    summary.extend("  " + line for line in names_report) if names_report else summary.append("  none")
    samples = check_samples()
    summary.append("")
    summary.append("innocent-samples.txt: %d sentences, %d matches" % (
        sum(1 for l in _lines(os.path.join(HERE, "innocent-samples.txt")) if l.strip() and not l.startswith("#")),
        len(samples)))
    summary.extend("  " + s for s in samples)
    bad += len(samples)
    text = "\n".join(summary)
    print(text)
    if args.summary:
        with open(args.summary, "w", encoding="utf-8") as f:
            f.write(text + "\n")
    if args.details:
        with open(args.details, "w", encoding="utf-8") as f:
            f.write("\n".join(sorted(set(details))) + "\n")
    if bad:
        print("%d UNEXPLAINED matches (see --details)" % bad, file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
