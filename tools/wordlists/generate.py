#!/usr/bin/env python3
"""Builds rules/lists/{en,ru,uk,ko}/{profanity-strong,profanity-mild,slurs,insults}[.allow].txt.

Run from the repository root:

    python3 tools/wordlists/generate.py            # fetch the sources, apply the review, write the lists
    python3 tools/wordlists/generate.py --dump DIR  # also write every source's candidates to DIR (for review)
    python3 tools/wordlists/generate.py --check     # write nothing; fail if rules/lists/ is out of date

Inputs (all committed beside this file):
  sources.py                      the npm packages (pinned versions) and how their entries are read
  review/<lang>.tsv               one decision for every source term: keep:<bucket>, drop, or
                                  rewrite:<term>:<bucket>, with a reason
  curated/<lang>-<bucket>.txt     terms added by hand
  curated/<lang>-<bucket>.allow.txt  the allow list of that list

The sources are fetched with `npm pack` into a temporary folder; nothing is installed. The run
fails, listing them, when a source term has no decision, when a decision names an unknown bucket,
or when one term (after folding) would land in two lists. The output is sorted and deterministic.
"""
import argparse
import os
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import sources  # noqa: E402
from termlib import BUCKETS, LANGS, Term, read_list  # noqa: E402

OUT = os.path.join("rules", "lists")


def read_review(lang):
    path = os.path.join(HERE, "review", lang + ".tsv")
    decisions, errors = {}, []
    if not os.path.exists(path):
        return decisions, errors
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) < 2:
                errors.append("%s:%d: expected 'term<TAB>decision<TAB>reason'" % (path, n))
                continue
            term, decision = parts[0], parts[1]
            reason = parts[2] if len(parts) > 2 else ""
            kind, _, rest = decision.partition(":")
            if kind == "keep" and rest in BUCKETS:
                decisions[term] = ("keep", term, rest, reason)
            elif kind == "drop" and not rest:
                decisions[term] = ("drop", None, None, reason)
            elif kind == "rewrite" and rest.rpartition(":")[2] in BUCKETS and rest.rpartition(":")[0]:
                new, _, bucket = rest.rpartition(":")
                decisions[term] = ("rewrite", new, bucket, reason)
            else:
                errors.append("%s:%d: bad decision %r for %r" % (path, n, decision, term))
            if not reason.strip():
                errors.append("%s:%d: decision for %r has no reason" % (path, n, term))
    return decisions, errors


def build(candidates, derive=True):
    """{(lang, bucket): {"terms": {key: text}, "allow": [...]}}, errors, notes

    With derive, the English strong and mild terms also get the spellings derive.py derives and
    review/en-derived.tsv keeps."""
    lists, errors, notes = {}, [], []
    owner = {}  # folded key -> (lang, bucket, origin)

    def add(lang, bucket, text, origin):
        try:
            term = Term(text)
        except ValueError as e:
            errors.append("%s: %s" % (origin, e))
            return
        prev = owner.get(term.key)
        if prev and prev[:2] != (lang, bucket):
            errors.append("%r (%s) is in %s/%s (%s) and %s/%s (%s)" % (
                text, term.key, prev[0], prev[1], prev[2], lang, bucket, origin))
            return
        owner[term.key] = (lang, bucket, origin)
        lists[(lang, bucket)]["terms"].setdefault(term.key, text)

    for lang in LANGS:
        for bucket in BUCKETS:
            lists[(lang, bucket)] = {"terms": {}, "allow": []}
    for lang in LANGS:
        for bucket in BUCKETS:
            base = os.path.join(HERE, "curated", "%s-%s" % (lang, bucket))
            for t in read_list(base + ".txt"):
                add(lang, bucket, t, "curated/%s-%s.txt" % (lang, bucket))
            lists[(lang, bucket)]["allow"] = sorted(set(read_list(base + ".allow.txt")))
        decisions, errs = read_review(lang)
        errors.extend(errs)
        cands = candidates.get(lang, {})
        undecided = sorted(t for t in cands if t not in decisions)
        for t in undecided:
            errors.append("review/%s.tsv: no decision for source term %r (from %s)" % (
                lang, t, ", ".join(cands[t])))
        stale = sorted(t for t in decisions if t not in cands)
        if stale:
            notes.append("review/%s.tsv: %d decisions for terms no source has any more: %s" % (
                lang, len(stale), ", ".join(stale[:20]) + (" ..." if len(stale) > 20 else "")))
        for t in sorted(cands):
            d = decisions.get(t)
            if d and d[0] in ("keep", "rewrite"):
                add(lang, d[2], d[1], "review/%s.tsv (%s)" % (lang, t))

    prune(lists)  # derive from the pruned lists (derive.py --review sees the same)
    if derive:
        import derive as dv
        decisions, errs = dv.read_decisions()
        errors.extend(errs)
        base = {b: list(lists[("en", b)]["terms"].values()) for b in BUCKETS}
        cands = dv.candidates(base)
        names = set()
        for cand, bucket, origin, how in cands:
            names.add(cand)
            d = decisions.get(cand)
            if d is None:
                errors.append("review/en-derived.tsv: no decision for derived %r (%s, from %s by %s); "
                              "run derive.py --review" % (cand, bucket, origin, how))
            elif d[0] != "drop":
                if d[2] not in BUCKETS:
                    errors.append("review/en-derived.tsv: unknown bucket %r for %r" % (d[2], cand))
                    continue
                add("en", d[2], d[1], "review/en-derived.tsv (%s from %s)" % (cand, origin))
        stale = sorted(c for c in decisions if c not in names)
        if stale:
            notes.append("review/en-derived.tsv: %d decisions for candidates no longer derived: %s" % (
                len(stale), ", ".join(stale[:20]) + (" ..." if len(stale) > 20 else "")))

    # Korean terms as typed in the English keyboard layout (korean_keys.py): same bucket, and
    # never over a term another list holds.
    import korean_keys as kk
    for bucket in BUCKETS:
        for derived, source in kk.candidates(list(lists[("ko", bucket)]["terms"].values())):
            key = Term(derived).key
            if key in owner and owner[key][:2] != ("ko", bucket):
                notes.append("korean_keys: %r (from %s) is %s/%s already; not derived" % (
                    derived, source, owner[key][0], owner[key][1]))
                continue
            add("ko", bucket, derived, "korean_keys.py (%s)" % source)

    # Russian and Ukrainian terms as typed in the English keyboard layout (cyrillic_keys.py), the
    # same way.
    import cyrillic_keys as ck
    for lang in ("ru", "uk"):
        for bucket in BUCKETS:
            for derived, source in ck.candidates(list(lists[(lang, bucket)]["terms"].values()), lang):
                key = Term(derived).key
                if key in owner and owner[key][:2] != (lang, bucket):
                    notes.append("cyrillic_keys: %r (from %s) is %s/%s already; not derived" % (
                        derived, source, owner[key][0], owner[key][1]))
                    continue
                add(lang, bucket, derived, "cyrillic_keys.py (%s)" % source)

    prune(lists)
    return lists, errors, notes


def prune(lists):
    """Terms that another term of the same list already matches add nothing: drop them quietly."""
    for (lang, bucket), data in lists.items():
        terms = {k: Term(v) for k, v in data["terms"].items()}
        wild = [t for t in terms.values() if t.single and (t.prefix or t.suffix)]
        for k, t in list(terms.items()):
            if any(w is not t and w.covers(t) and w.key != t.key for w in wild):
                del data["terms"][k]


HEADER = """# Generated by tools/wordlists/generate.py: do not edit; change tools/wordlists/ and run it again.
# Sources: {sources}.
# Language {lang}, list {bucket}{allow}: {count} terms. Syntax: one term a line, whole words;
# '*' at an end matches the rest of the word; words of a phrase match across spaces and punctuation.
"""


def render(lists):
    """{path: text} of every output file."""
    out = {}
    src = "; ".join("%s (%s)" % (spec, lic) for _n, spec, lic, _r in sources.SOURCES)
    for (lang, bucket), data in sorted(lists.items()):
        d = os.path.join(OUT, lang)
        for suffix, items in (("", sorted(set(data["terms"].values()))), (".allow", data["allow"])):
            path = os.path.join(d, bucket + suffix + ".txt")
            out[path] = HEADER.format(sources=src, lang=lang, bucket=bucket,
                                      allow=" (allow list)" if suffix else "", count=len(items)) + \
                "".join(t + "\n" for t in items)
    return out


def write(files):
    for path, text in files.items():
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)


def stale(files):
    """Paths whose committed content differs from what this run would write."""
    bad = []
    for path, text in files.items():
        try:
            with open(path, encoding="utf-8", newline="") as f:
                if f.read() == text:
                    continue
        except FileNotFoundError:
            pass
        bad.append(path)
    return bad


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dump", help="write each language's source candidates (term<TAB>sources) to this folder")
    ap.add_argument("--check", action="store_true",
                    help="write nothing; exit 1 if rules/lists/ differs from what a run would write")
    args = ap.parse_args()
    if not os.path.isdir("rules"):
        sys.exit("run from the repository root")
    with tempfile.TemporaryDirectory() as tmp:
        candidates = sources.fetch_all(tmp)
    if args.dump:
        os.makedirs(args.dump, exist_ok=True)
        for lang, cands in candidates.items():
            with open(os.path.join(args.dump, lang + ".tsv"), "w", encoding="utf-8") as f:
                for t in sorted(cands):
                    f.write("%s\t%s\n" % (t, ",".join(cands[t])))
    lists, errors, notes = build(candidates)
    for n in notes:
        print("note:", n, file=sys.stderr)
    if errors:
        for e in errors:
            print("error:", e, file=sys.stderr)
        sys.exit("%d errors; nothing written" % len(errors))
    files = render(lists)
    if args.check:
        bad = stale(files)
        for p in bad:
            print("out of date:", p, file=sys.stderr)
        sys.exit(1 if bad else 0)
    write(files)
    for lang in LANGS:
        counts = ", ".join("%s %d" % (b, len(lists[(lang, b)]["terms"])) for b in BUCKETS)
        allows = sum(len(lists[(lang, b)]["allow"]) for b in BUCKETS)
        print("%s: %s; allow %d" % (lang, counts, allows))


if __name__ == "__main__":
    main()
