"""The open word lists the generator reads, and how each one's entries become candidate terms.

Every source is an npm package at a pinned version. `fetch_all(tmp)` packs each into `tmp` with
`npm pack` (nothing is installed), extracts it and returns {lang: {term: [source names]}}.

A candidate term is written in the engine's term syntax: plain lower case, a trailing/leading
`*` where the source itself marks a wildcard, words of a phrase separated by one space. Source
syntaxes are translated as follows:
  - bad-words-next: `+` (one or more of the letter before) is dropped, `_` (any separator) is a
    space, `*` is kept.
  - obscenity: the phrase's `originalWord` metadata (its patterns use their own syntax).
  - russian-bad-words: every inflected form listed in src/words/**.ts.
"""
import glob
import json
import os
import re
import subprocess
import tarfile

SOURCES = [
    # name, npm spec, licence, repository
    ("naughty-words", "naughty-words@1.2.0", "CC-BY-4.0",
     "https://github.com/LDNOOBW/List-of-Dirty-Naughty-Obscene-and-Otherwise-Bad-Words"),
    ("bad-words-next", "bad-words-next@3.2.0", "MIT", "https://github.com/voidresort/bad-words-next"),
    ("russian-bad-words", "russian-bad-words@0.5.0", "MIT", "https://github.com/denexapp/russian-bad-words"),
    ("obscenity", "obscenity@0.4.6", "MIT", "https://github.com/jo3-l/obscenity"),
    ("glin-profanity", "glin-profanity@3.3.0", "ISC (package.json; README says MIT)",
     "https://github.com/GLINCKER/glin-profanity"),
]


def clean(term):
    term = term.strip().lower().replace("\u2019", "'")
    term = re.sub(r"\s+", " ", term)
    return term


def _pack(spec, tmp):
    out = subprocess.run(["npm", "pack", spec, "--silent", "--pack-destination", tmp],
                         capture_output=True, text=True, check=True, cwd=tmp).stdout.strip().splitlines()[-1]
    dest = os.path.join(tmp, spec.replace("@", "-").replace("/", "_"))
    with tarfile.open(os.path.join(tmp, out)) as tar:
        try:
            tar.extractall(dest, filter="data")
        except TypeError:  # Python < 3.12
            tar.extractall(dest)
    return os.path.join(dest, "package")


def _naughty_words(root):
    out = {}
    for lang in ("en", "ru", "ko"):
        with open(os.path.join(root, lang + ".json"), encoding="utf-8") as f:
            out[lang] = [clean(w) for w in json.load(f)]
    return out


def _bad_words_next(root):
    out = {}
    for file, lang in (("en", "en"), ("ru", "ru"), ("ru_lat", "ru"), ("ua", "uk")):
        text = open(os.path.join(root, "lib", file + ".cjs"), encoding="utf-8").read()
        hexdata = re.search(r"decode\.dd\('([0-9A-Fa-f]+)'\)", text).group(1)
        data = json.loads(bytes.fromhex(hexdata).decode("utf-8"))
        terms = []
        for w in data["words"]:
            w = w.replace("+", "").replace("_", " ")
            terms.append(clean(w))
        out.setdefault(lang, []).extend(terms)
    return out


def _russian_bad_words(root):
    terms = []
    for path in sorted(glob.glob(os.path.join(root, "src", "words", "**", "*.ts"), recursive=True)):
        if os.path.basename(path) == "index.ts":
            continue
        text = open(path, encoding="utf-8").read()
        for key, value in re.findall(r"^\s*(\w+):\s*'([^']*)'", text, re.M):
            if key != "type" and value:
                terms.append(clean(value))
    return {"ru": terms}


def _obscenity(root):
    text = open(os.path.join(root, "dist", "preset", "english.js"), encoding="utf-8").read()
    return {"en": [clean(w) for w in re.findall(r"originalWord: '([^']*)'", text)]}


def _glin_profanity(root):
    text = open(os.path.join(root, "dist", "index.cjs"), encoding="utf-8").read()
    out = {}
    for name, lang in (("english", "en"), ("russian", "ru"), ("korean", "ko")):
        m = re.search(r"var %s_default = \{\s*words: (\[.*?\])\s*\};" % name, text, re.S)
        body = re.sub(r"\\u\{([0-9A-Fa-f]+)\}", lambda x: chr(int(x.group(1), 16)), m.group(1))
        body = re.sub(r"\\u([0-9A-Fa-f]{4})", lambda x: chr(int(x.group(1), 16)), body)
        out[lang] = [clean(w) for w in json.loads(body)]
    return out


READERS = {
    "naughty-words": _naughty_words,
    "bad-words-next": _bad_words_next,
    "russian-bad-words": _russian_bad_words,
    "obscenity": _obscenity,
    "glin-profanity": _glin_profanity,
}


def fetch_all(tmp):
    """{lang: {candidate term: sorted list of source names}}"""
    result = {}
    for name, spec, _licence, _repo in SOURCES:
        root = _pack(spec, tmp)
        for lang, terms in READERS[name](root).items():
            for t in terms:
                if t:
                    result.setdefault(lang, {}).setdefault(t, set()).add(name)
    return {lang: {t: sorted(s) for t, s in terms.items()} for lang, terms in result.items()}
