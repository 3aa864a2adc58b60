"""Term syntax and folding shared by generate.py and check.py.

fold() approximates the engine's comparison form for dictionary checks: Unicode NFKD (which also
splits Korean syllables into jamo and maps compatibility jamo such as ㅅ to the conjoining
letters), combining marks removed (ё -> е, й -> и, ї -> і), lower case. Words are runs of
letters and digits; anything else (spaces, hyphens, apostrophes) separates words.
"""
import re
import unicodedata

BUCKETS = ("profanity-strong", "profanity-mild", "slurs", "insults")
LANGS = ("en", "ru", "uk", "ko")
WORD = re.compile(r"[^\W_]+")


def fold(text):
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.lower()


def words(text):
    return WORD.findall(fold(text))


class Term:
    """A term: whole word or phrase; `*` at an end of the term is a wildcard on that word."""

    def __init__(self, text):
        self.text = text
        t = text.strip()
        self.prefix = t.startswith("*")  # '*root': something may come before
        self.suffix = t.endswith("*") and len(t) > 1  # 'root*': something may come after
        self.words = words(t.strip("*"))
        if not self.words:
            raise ValueError("empty term: %r" % text)

    @property
    def single(self):
        return len(self.words) == 1

    @property
    def key(self):
        return ("*" if self.prefix else "") + " ".join(self.words) + ("*" if self.suffix else "")

    def kind(self):
        return {(False, False): "word", (False, True): "prefix", (True, False): "suffix",
                (True, True): "infix"}[(self.prefix, self.suffix)]

    def matches_word(self, w):
        """Does this single-word term match the folded word w?"""
        core = self.words[0]
        if self.prefix and self.suffix:
            return core in w
        if self.suffix:
            return w.startswith(core)
        if self.prefix:
            return w.endswith(core)
        return w == core

    def covers(self, other):
        """Does every word this term matches include every match of `other` (single words only)?"""
        if not (self.single and other.single):
            return False
        if not self.matches_word(other.words[0]):
            return False
        if other.prefix and not self.prefix:
            return False
        if other.suffix and not self.suffix:
            return False
        return True


def read_list(path):
    """Terms of a curated or generated list: one a line, '#' comments, blank lines skipped."""
    out = []
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.split("#", 1)[0].strip() if not line.lstrip().startswith("#") else ""
                if line:
                    out.append(unicodedata.normalize("NFC", line.lower()))
    except FileNotFoundError:
        pass
    return out
