#!/usr/bin/env python3
"""Summarises per-row results (system, file, line, label, lang, technique, caught, detail) as
Markdown: recall and false positives per system, by language, by language and technique, and
in total. With --misses SYSTEM, also lists that system's missed abusive rows and caught clean
rows with their text, read back from the corpus."""

import argparse
import sys
from collections import defaultdict
from pathlib import Path

LANGUAGE_ORDER = ["en", "ru", "uk", "ko", "mixed"]
SYSTEM_ORDER = ["rules", "obscenity", "bad-words-next", "glin-profanity", "glin-profanity-words"]


def read_results(paths):
    rows = []
    for path in paths:
        with open(path, encoding="utf-8", newline="\n") as results:
            for line in results:
                system, file, number, label, lang, technique, caught, detail = line.rstrip("\n").split("\t", 7)
                rows.append(dict(system=system, file=file, line=int(number), label=label, lang=lang,
                                 technique=technique, caught=caught == "1", detail=detail))
    return rows


def rank(value, order):
    return (order.index(value) if value in order else len(order), value)


def ordered(values, order):
    return sorted(set(values), key=lambda v: rank(v, order))


class Tally:
    def __init__(self):
        self.abusive = self.caught_abusive = self.clean = self.caught_clean = 0

    def add(self, row):
        if row["label"] == "abusive":
            self.abusive += 1
            self.caught_abusive += row["caught"]
        else:
            self.clean += 1
            self.caught_clean += row["caught"]

    def recall(self):
        return f"{self.caught_abusive / self.abusive:.2f}" if self.abusive else "–"


def tally(rows, key):
    tallies = defaultdict(lambda: defaultdict(Tally))
    for row in rows:
        tallies[key(row)][row["system"]].add(row)
    return tallies


def table(header, body):
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in cells) + " |" for cells in body]
    return "\n".join(lines)


def summary(rows, systems):
    # Every system sees the same rows, so the first one's counts are the corpus's.
    first = systems[0]
    out = [f"# Evaluation: {len([r for r in rows if r['system'] == first])} rows", ""]

    by_lang = tally(rows, lambda r: r["lang"])
    header = ["lang", "abusive", "clean"] + [f"{s} {m}" for s in systems for m in ("recall", "FP")]
    body = []
    for lang in ordered(by_lang, LANGUAGE_ORDER):
        t = by_lang[lang]
        body.append([lang, t[first].abusive, t[first].clean] + [v for s in systems for v in (t[s].recall(), t[s].caught_clean)])
    out += ["## Per language", "", "Recall: caught abusive rows / abusive rows. FP: clean rows caught.", "", table(header, body), ""]

    by_technique = tally(rows, lambda r: (r["lang"], r["technique"]))
    header = ["lang", "technique", "abusive", "clean"] + systems
    body = []
    for lang, technique in sorted(by_technique, key=lambda k: (rank(k[0], LANGUAGE_ORDER), k[1])):
        t = by_technique[(lang, technique)]
        body.append([lang, technique, t[first].abusive, t[first].clean] + [f"{t[s].recall()} / {t[s].caught_clean}" for s in systems])
    out += ["## Per language and technique", "", "Each system's cell: recall / FP.", "", table(header, body), ""]

    totals = tally(rows, lambda r: "all")["all"]
    header = ["system", "abusive caught", "recall", "clean caught (FP)", "FP rate"]
    body = [[s, f"{totals[s].caught_abusive} / {totals[s].abusive}", totals[s].recall(),
             f"{totals[s].caught_clean} / {totals[s].clean}",
             f"{totals[s].caught_clean / totals[s].clean:.2f}" if totals[s].clean else "–"] for s in systems]
    out += ["## Totals", "", table(header, body), ""]
    return "\n".join(out)


def corpus_texts(paths):
    texts = {}
    for path in paths:
        files = sorted(Path(path).glob("*.tsv")) if Path(path).is_dir() else [Path(path)]
        for file in files:
            # Split lines exactly as the runners do (\r\n, \r or \n), so that line numbers agree.
            lines = file.read_text(encoding="utf-8-sig").replace("\r\n", "\n").replace("\r", "\n").split("\n")
            for number, line in enumerate(lines, start=1):
                fields = line.split("\t", 3)
                if number > 1 and len(fields) == 4:
                    texts[(file.name, number)] = fields[3]
    return texts


def misses(rows, system, corpus):
    texts = corpus_texts(corpus)
    mine = [r for r in rows if r["system"] == system]
    missed = [r for r in mine if r["label"] == "abusive" and not r["caught"]]
    false_positives = [r for r in mine if r["label"] == "clean" and r["caught"]]

    def item(row, with_detail):
        reason = f" ({row['detail']})" if with_detail else ""
        return f"- {row['file']}:{row['line']} {row['lang']}/{row['technique']}{reason}: {texts.get((row['file'], row['line']), '?')}"

    out = [f"## Misses of {system}", "", f"### Abusive rows not caught ({len(missed)})", ""]
    out += [item(r, False) for r in missed] + ["", f"### Clean rows caught ({len(false_positives)})", ""]
    out += [item(r, True) for r in false_positives] + [""]
    return "\n".join(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("results", nargs="+", help="per-row result files")
    parser.add_argument("--misses", metavar="SYSTEM", help="list this system's misses and false positives")
    parser.add_argument("--corpus", action="append", default=[], help="corpus file or folder (for --misses)")
    args = parser.parse_args()

    rows = read_results(args.results)
    if not rows:
        sys.exit("no results")
    systems = ordered([r["system"] for r in rows], SYSTEM_ORDER)
    if args.misses and args.misses not in systems:
        sys.exit(f"unknown system {args.misses!r}; the systems are {', '.join(systems)}")

    print(summary(rows, systems))
    if args.misses:
        print(misses(rows, args.misses, args.corpus))


if __name__ == "__main__":
    main()
