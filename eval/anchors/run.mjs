// Runs open-source profanity filters ("anchors") on the evaluation corpus and prints one line per
// row and filter, in the format of eval/Moderation.Eval:
//   system  file  line  label  lang  technique  caught  detail
// Each filter runs at its most protective setting, so that a row it misses is one that no
// configuration of it would catch.
//
// usage: node run.mjs [--out PATH] [CORPUS_FILE_OR_DIR...]   (default: eval/corpus)
import { createWriteStream, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { RegExpMatcher, englishDataset, englishRecommendedTransformers } from 'obscenity';
import BadWordsNext from 'bad-words-next';
import ch from 'bad-words-next/lib/ch';
import de from 'bad-words-next/lib/de';
import en from 'bad-words-next/lib/en';
import es from 'bad-words-next/lib/es';
import fr from 'bad-words-next/lib/fr';
import pl from 'bad-words-next/lib/pl';
import ru from 'bad-words-next/lib/ru';
import ruLat from 'bad-words-next/lib/ru_lat';
import ua from 'bad-words-next/lib/ua';
import { Filter } from 'glin-profanity';

const obscenity = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });

const badWordsDictionaries = [en, ru, ruLat, ua, de, es, fr, pl, ch];
// Confusables are undone for every dictionary, not only the Latin-script defaults: the library
// tests the text both as written and prepared, so preparing more can only catch more.
const badWords = new BadWordsNext({ confusables: badWordsDictionaries.map((d) => d.id) });
for (const dictionary of badWordsDictionaries) badWords.add(dictionary);

// wordBoundaries: false matches dictionary words inside longer words, and also turns on the
// library's fuzzy matching (the word's letters in order anywhere in the text's a-z letters, at
// its default tolerance of 0.8), which catches nearly every clean English text too. So the
// strongest whole-word setting runs beside it as glin-profanity-words. JavaScript's \b knows
// only ASCII word characters: with word boundaries, words in Cyrillic or Hangul never match.
const glinOptions = {
  allLanguages: true,
  detectLeetspeak: true,
  leetspeakLevel: 'aggressive',
  normalizeUnicode: true,
  allowObfuscatedMatch: true,
};
const glin = new Filter({ ...glinOptions, wordBoundaries: false });
const glinWords = new Filter({ ...glinOptions, wordBoundaries: true });

const anchors = {
  obscenity: (text) =>
    obscenity.getAllMatches(text, true).map((m) => englishDataset.getPayloadWithPhraseMetadata(m).phraseMetadata?.originalWord ?? ''),
  'bad-words-next': (text) => {
    const caught = [];
    badWords.filter(text, (word) => caught.push(word));
    return caught;
  },
  'glin-profanity': (text) => glin.checkProfanity(text).profaneWords,
  'glin-profanity-words': (text) => glinWords.checkProfanity(text).profaneWords,
};

const MaxDetailWords = 8;
function detail(words) {
  const unique = [...new Set(words.map((w) => w.replace(/\s+/g, ' ').trim()).filter((w) => w !== ''))];
  const shown = unique.slice(0, MaxDetailWords).join(',');
  return unique.length > MaxDetailWords ? `${shown},+${unique.length - MaxDetailWords} more` : shown;
}

let out = process.stdout;
const corpusPaths = [];
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--out' && i + 1 < args.length) out = createWriteStream(args[++i]);
  else if (args[i].startsWith('--')) {
    console.error('usage: node run.mjs [--out PATH] [CORPUS_FILE_OR_DIR...]');
    process.exit(2);
  } else corpusPaths.push(args[i]);
}
if (corpusPaths.length === 0) corpusPaths.push(join(dirname(fileURLToPath(import.meta.url)), '..', 'corpus'));

const corpusFiles = corpusPaths
  .flatMap((p) => (statSync(p).isDirectory() ? readdirSync(p).filter((f) => f.endsWith('.tsv')).map((f) => join(p, f)) : [p]))
  .sort();
if (corpusFiles.length === 0) {
  console.error(`no corpus files in ${corpusPaths.join(', ')}`);
  process.exit(1);
}

for (const file of corpusFiles) {
  const fileName = basename(file);
  const lines = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  if (lines[0] !== 'label\tlang\ttechnique\ttext') console.error(`${fileName}:1: the header is not \`label<TAB>lang<TAB>technique<TAB>text\`; line 1 is skipped all the same`);
  for (let index = 1; index < lines.length; index++) {
    const line = lines[index];
    const lineNumber = index + 1;
    if (line === '') continue;
    // The text is the last column and keeps any tabs of its own.
    const [label, lang, technique, ...textParts] = line.split('\t');
    if (textParts.length === 0 || (label !== 'abusive' && label !== 'clean')) {
      console.error(`${fileName}:${lineNumber}: skipped, not \`label<TAB>lang<TAB>technique<TAB>text\` with label abusive or clean`);
      continue;
    }
    const text = textParts.join('\t');
    for (const [system, matches] of Object.entries(anchors)) {
      const words = matches(text);
      out.write(`${system}\t${fileName}\t${lineNumber}\t${label}\t${lang}\t${technique}\t${words.length > 0 ? 1 : 0}\t${detail(words)}\n`);
    }
  }
}
if (out !== process.stdout) out.end();
