#!/usr/bin/env python3
"""Trains the linear model of abusive comments that the `abuse-model` rule reads.

Logistic regression over hashed features of a comment: its words, pairs of neighbouring words,
and the 3- and 4-letter pieces of each word (which carry Russian and Ukrainian inflection and
Korean particles). Trained on the labelled rows the team may tune on: `eval/corpus`, the
`dev/` half of each outside corpus, and `tools/classifier/training/` (rows written for training
only by labellers who saw no rule, list or corpus: innocent comments that look like abuse to a
word counter, sentence-level abuse without swear words; `innocent-neighbours.tsv` holds the
families of innocent sentences the model had flagged, written by the team). The `held-back/` halves are never read here: they measure
the model (and the rules) afterwards.

The features are defined once more in C# (`Moderation.Core/Rules/Classification/TextFeatures.cs`);
the model file ends with sample texts and the score this script gave each, and a test checks
that the engine gives the same scores, so the two definitions cannot drift apart.

    python3 tools/classifier/train.py            # writes rules/models/abuse.model
    python3 tools/classifier/train.py --check    # exit 1 if the committed model is not what this trains
    python3 tools/classifier/train.py --cross-validate   # recall and false positives by threshold, 5-fold

Deterministic: fixed seed, fixed order, pure Python (about 30 s).
"""
import argparse
import glob
import math
import os
import random
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TRAINING = ["eval/corpus", "eval/second/dev", "eval/third/dev", "eval/fourth/dev", "eval/fifth/dev", "eval/sixth/dev", "eval/seventh/dev", "eval/eighth/dev", "eval/ninth/dev", "tools/classifier/training"]
# Innocent words and sentences that hold a bad root (Scunthorpe, spick and span, Clitheroe): the
# lists' allow entries and the word-list checker's samples, as clean rows, so the model does not
# learn from a root's letters what the allow lists took back.
INNOCENT = ["rules/lists/*/*.allow.txt", "tools/wordlists/innocent-samples.txt", "tools/wordlists/names-en.txt"]
OUTPUT = "rules/models/abuse.model"
BUCKETS = 1 << 18
PIECES = (3, 4)
EPOCHS = 30
RATE = 0.2
L2 = 1e-5
PRUNE = 0.005
FOLD = {"ё": "е", "ї": "і", "й": "и"}
# A word within NEGATION_SCOPE words after one of these, and its pieces, are features of their
# own ("n:die" and "m:die", not "w:die" and "c:die"),
# so "I hope they don't die" does not weigh as "I hope they die". "t" negates after don, can...
# (the apostrophe splits "don't" into two words). Folded forms: й reads и.
NEGATORS = {"not", "no", "never", "nobody", "nothing", "none", "neither", "nor", "cannot",
            "не", "ни", "нет", "нельзя", "никто", "никогда", "неможна", "ні", "ніхто", "ніколи", "ніякого", "안", "못"}
APOSTROPHE_NEGATORS = {"don", "doesn", "didn", "isn", "aren", "wasn", "weren", "won", "wouldn",
                       "shouldn", "can", "couldn", "mustn", "haven", "hasn", "ain"}
NEGATION_SCOPE = 3
SAMPLES = [
    "Thanks to the reporters who went there.",
    "someone should put a bullet in that journalist",
    "Мигранты плодятся как крысы, скоро всё заполонят",
    "드론이 호송대를 공격했다는 기사 잘 봤습니다",
    "You're a worthless, lying sack of garbage!!!",
    "Nobody should die like that, and I don't want them to suffer.",
    "Кто-то выше написал «чтоб они все сдохли», а он 'просто' ответил: \"don't\" — 윗댓에 '다 죽어라'라고 😡",
]


def fnv1a(feature: str) -> int:
    """FNV-1a over the feature's code points, one step per code point (not per UTF-8 byte)."""
    h = 2166136261
    for c in feature:
        h = ((h ^ ord(c)) * 16777619) & 0xFFFFFFFF
    return h


def fold(c: str) -> str:
    lower = c.lower()
    c = lower if len(lower) == 1 else c
    return FOLD.get(c, c)


QUOTE_CLOSERS = {'"': '"', "'": "'", "“": "”", "„": "“", "«": "»", "‘": "’", "「": "」", "『": "』"}
QUOTE_MARKS = set(QUOTE_CLOSERS) | set(QUOTE_CLOSERS.values())


def is_hangul(c: str) -> bool:
    """As CommentLanguage.IsHangul: a syllable, a jamo or a compatibility jamo."""
    return "\uac00" <= c <= "\ud7a3" or "\u1100" <= c <= "\u11ff" or "\u3130" <= c <= "\u318f"


def closes(expected: str, c: str) -> bool:
    if expected in "”“":
        return c in "”“"
    if expected == "'":
        return c in "'’"
    return c == expected


def quoted_passages(text: str) -> list[tuple[int, int]]:
    """The outermost passages in quotation marks, as (opening, closing) positions.

    As Moderation.Core/Rules/Matching/Quotations.cs: an apostrophe between two letters ("don't",
    "м'ясо") is not a mark, except next to Hangul, where a particle follows a closing quote.
    """
    def letter(c):
        return unicodedata.category(c)[0] == "L"

    def opener(i):
        return i + 1 < len(text) and not text[i + 1].isspace() and (
            i == 0 or not (letter(text[i - 1]) or unicodedata.category(text[i - 1]) == "Nd") or is_hangul(text[i - 1]))

    def closer(i):
        if i == 0 or text[i - 1].isspace():
            return False
        letter_after = i + 1 < len(text) and letter(text[i + 1])
        return not letter_after or not letter(text[i - 1]) or is_hangul(text[i - 1]) or is_hangul(text[i + 1])

    out, stack = [], []
    for i, c in enumerate(text):
        if c not in QUOTE_MARKS:
            continue
        closing = -1
        for d in range(len(stack) - 1, -1, -1):
            if closes(stack[d][0], c) and (c not in "'’" or closer(i)):
                closing = d
                break
        if closing >= 0:
            if closing == 0:
                out.append((stack[0][1], i))
            del stack[closing:]
        elif c in QUOTE_CLOSERS and len(stack) < 4 and (c not in "'‘" or opener(i)):
            stack.append((QUOTE_CLOSERS[c], i))
    # A comment that is all quotation marks quotes no one: at least two words must frame it.
    outside, in_word, i, k = 0, False, 0, 0
    while i < len(text) and outside < 2:
        if k < len(out) and i >= out[k][0]:
            i, k, in_word = out[k][1] + 1, k + 1, False
            continue
        is_letter = letter(text[i])
        if is_letter and not in_word:
            outside += 1
        in_word = is_letter
        i += 1
    return out if outside >= 2 else []


def words(text: str) -> list[str]:
    """Runs of letters and digits (Unicode categories L and N), folded; everything else splits.
    Words in quotation marks are someone else's ("he wrote «сдохни»") and left out."""
    inside = [False] * len(text)
    for opening, closing in quoted_passages(text):
        for i in range(opening, closing + 1):
            inside[i] = True
    out, current = [], []
    for i, c in enumerate(text):
        if not inside[i] and unicodedata.category(c)[0] in "LN":
            current.append(fold(c))
        elif current:
            out.append("".join(current))
            current = []
    if current:
        out.append("".join(current))
    return out


def negated(ws: list[str]) -> list[bool]:
    """Whether each word is among the NEGATION_SCOPE words after a negation ("don't die", "не убивайте")."""
    out = [False] * len(ws)
    for i, w in enumerate(ws):
        if w in NEGATORS or (w == "t" and i > 0 and ws[i - 1] in APOSTROPHE_NEGATORS):
            for j in range(i + 1, min(len(ws), i + 1 + NEGATION_SCOPE)):
                out[j] = True
    return out


def features(text: str) -> list[int]:
    """Distinct buckets of the text's features, in first-seen order."""
    seen, order = set(), []

    def add(feature: str) -> None:
        bucket = fnv1a(feature) % BUCKETS
        if bucket not in seen:
            seen.add(bucket)
            order.append(bucket)

    ws = words(text)
    negation = negated(ws)
    for i, w in enumerate(ws):
        add(("n:" if negation[i] else "w:") + w)
        if i + 1 < len(ws):
            add("b:" + w + " " + ws[i + 1])
        padded = "<" + w + ">"
        for n in range(PIECES[0], PIECES[1] + 1):
            for k in range(len(padded) - n + 1):
                add(("m:" if negation[i] else "c:") + padded[k:k + n])
    return order


def score(weights, bias, text):
    fs = features(text)
    if not fs:
        return 1 / (1 + math.exp(-bias))
    z = bias + sum(weights.get(j, 0.0) if isinstance(weights, dict) else weights[j] for j in fs) / math.sqrt(len(fs))
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


def load(folders):
    rows = []
    for folder in folders:
        for path in sorted(glob.glob(os.path.join(ROOT, folder, "*.tsv"))):
            with open(path, encoding="utf-8") as f:
                for number, line in enumerate(f, 1):
                    parts = line.rstrip("\n").split("\t", 3)
                    if number == 1 or len(parts) < 4 or parts[0] not in ("abusive", "clean"):
                        continue
                    rows.append((1 if parts[0] == "abusive" else 0, parts[3]))
    return rows


def load_innocent(patterns):
    rows = []
    for pattern in patterns:
        for path in sorted(glob.glob(os.path.join(ROOT, pattern))):
            with open(path, encoding="utf-8") as f:
                for line in f:
                    line = line.strip().strip("*")
                    if line and not line.startswith("#"):
                        rows.append((0, line))
    return rows


def train(rows):
    weights = [0.0] * BUCKETS
    bias = 0.0
    data = [(features(text), label) for label, text in rows]
    data = [(fs, label) for fs, label in data if fs]
    rng = random.Random(20261203)
    # The weights are averaged over the second half of the epochs: plain SGD ends wherever its
    # last steps left it, so one row more or less (which reshuffles every epoch) moved sentences
    # near the threshold across it; the average moves far less.
    total, total_bias, averaged = [0.0] * BUCKETS, 0.0, 0
    for epoch in range(EPOCHS):
        rng.shuffle(data)
        for fs, label in data:
            scale = 1 / math.sqrt(len(fs))
            z = bias + scale * sum(weights[j] for j in fs)
            p = 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))
            gradient = p - label
            for j in fs:
                weights[j] -= RATE * (gradient * scale + L2 * weights[j])
            bias -= RATE * gradient * 0.1
        if epoch >= EPOCHS // 2:
            total = [t + w for t, w in zip(total, weights)]
            total_bias += bias
            averaged += 1
    weights = [t / averaged for t in total]
    return {j: w for j, w in enumerate(weights) if abs(w) >= PRUNE}, total_bias / averaged


def render(weights, bias, rows):
    lines = [
        "# Generated by tools/classifier/train.py: do not edit; change the trainer or the corpora and run it again.",
        f"# Logistic regression over hashed words, word pairs and 3-4 letter pieces; {len(rows)} training rows",
        f"# ({sum(label for label, _ in rows)} abusive) from {', '.join(TRAINING)}, and the innocent entries of",
        f"# {', '.join(INNOCENT)} as clean rows; weights under {PRUNE} dropped.",
        f"buckets {BUCKETS}",
        f"pieces {PIECES[0]} {PIECES[1]}",
        f"negation_scope {NEGATION_SCOPE}",
        "negators " + " ".join(sorted(NEGATORS)),
        "apostrophe_negators " + " ".join(sorted(APOSTROPHE_NEGATORS)),
        f"bias {bias:.6f}",
    ]
    lines += [f"w {j} {w:.6f}" for j, w in sorted(weights.items())]
    lines += [f"sample {score(weights, bias, text):.6f} {text}" for text in SAMPLES]
    return "\n".join(lines) + "\n"


def cross_validate(rows, folds=5):
    """Scores every row with a model trained on the other folds: what a threshold does to unseen text."""
    order = list(range(len(rows)))
    random.Random(7).shuffle(order)
    scored = []
    for fold in range(folds):
        held = set(order[fold::folds])
        weights, bias = train([row for i, row in enumerate(rows) if i not in held])
        scored += [(rows[i][0], score(weights, bias, rows[i][1])) for i in held]
    abusive = sum(label for label, _ in scored)
    clean = len(scored) - abusive
    print(f"{folds}-fold cross-validation over {len(scored)} rows ({abusive} abusive, {clean} clean)")
    print("| threshold | recall | false positives | FP rate |")
    print("| ---: | ---: | ---: | ---: |")
    for threshold in (0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.92, 0.94, 0.95, 0.97):
        caught = sum(1 for label, p in scored if label and p >= threshold)
        fp = sum(1 for label, p in scored if not label and p >= threshold)
        print(f"| {threshold} | {caught / abusive:.3f} | {fp} | {fp / clean:.4f} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if the committed model differs")
    parser.add_argument("--cross-validate", action="store_true", help="write nothing; print recall and false positives by threshold")
    args = parser.parse_args()
    rows = load(TRAINING) + load_innocent(INNOCENT)
    if args.cross_validate:
        cross_validate(rows)
        return 0
    weights, bias = train(rows)
    content = render(weights, bias, rows)
    path = os.path.join(ROOT, OUTPUT)
    if args.check:
        with open(path, encoding="utf-8") as f:
            same = f.read() == content
        print("up to date" if same else f"{OUTPUT} is out of date: run tools/classifier/train.py")
        return 0 if same else 1
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(content)
    print(f"{OUTPUT}: {len(weights)} weights, bias {bias:.4f}, {len(rows)} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
