// Evaluates every corpus row with a rules file and prints one result line per row:
//   system  file  line  label  lang  technique  caught  detail
// eval/anchors/run.mjs prints the same format for the open-source filters, so that one
// summariser can compare them.
using System.Text;
using Moderation.Core.Decisions;
using Moderation.Core.Rules;

const string Usage = "usage: Moderation.Eval [--rules PATH] [--out PATH] [CORPUS_FILE_OR_DIR...]";
const string Header = "label\tlang\ttechnique\ttext";

var repoRoot = FindRepoRoot();
string rulesPath = Path.Combine(repoRoot, "rules", "default.yaml");
string? outPath = null;
var corpusPaths = new List<string>();
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--rules" when i + 1 < args.Length:
            rulesPath = args[++i];
            break;
        case "--out" when i + 1 < args.Length:
            outPath = args[++i];
            break;
        case var arg when arg.StartsWith("--", StringComparison.Ordinal):
            Console.Error.WriteLine(Usage);
            return 2;
        default:
            corpusPaths.Add(args[i]);
            break;
    }
}

if (corpusPaths.Count == 0)
{
    corpusPaths.Add(Path.Combine(repoRoot, "eval", "corpus"));
}

var corpusFiles = corpusPaths
    .SelectMany(p => Directory.Exists(p) ? Directory.GetFiles(p, "*.tsv") : [p])
    .Order(StringComparer.Ordinal)
    .ToList();
if (corpusFiles.Count == 0)
{
    Console.Error.WriteLine($"no corpus files in {string.Join(", ", corpusPaths)}");
    return 1;
}

RuleSet ruleSet;
try
{
    ruleSet = RuleSetParser.ParseFile(rulesPath, DateTimeOffset.UtcNow);
}
catch (Exception ex) when (ex is InvalidRulesException or IOException)
{
    Console.Error.WriteLine(ex.Message);
    return 1;
}

// UTF-8 without a byte-order mark, whatever the console's encoding, as the summariser expects.
var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
using var output = outPath is null
    ? new StreamWriter(Console.OpenStandardOutput(), utf8)
    : new StreamWriter(outPath, append: false, utf8);
output.NewLine = "\n";

foreach (var file in corpusFiles)
{
    var fileName = Path.GetFileName(file);
    int lineNumber = 0;
    foreach (var line in File.ReadLines(file, Encoding.UTF8))
    {
        lineNumber++;
        if (lineNumber == 1 && line != Header)
        {
            Console.Error.WriteLine($"{fileName}:1: the header is not `label<TAB>lang<TAB>technique<TAB>text`; line 1 is skipped all the same");
        }

        if (lineNumber == 1 || line.Length == 0)
        {
            continue;
        }

        // The text is the last column and keeps any tabs of its own.
        var fields = line.Split('\t', 4);
        if (fields.Length < 4 || fields[0] is not ("abusive" or "clean"))
        {
            Console.Error.WriteLine($"{fileName}:{lineNumber}: skipped, not `label<TAB>lang<TAB>technique<TAB>text` with label abusive or clean");
            continue;
        }

        var decision = ruleSet.Evaluate(fields[3]);
        bool caught = decision.Verdict != Verdict.Approved || decision.Flagged;
        // Each rule with what it matched, so a false positive shows the word to allow.
        var ruleIds = decision.Reasons.Where(r => !r.Shadow).Select(r =>
            r.RuleId + (r.Spans.Count == 0 ? "" : "[" + string.Join('|', r.Spans.Select(s => CodePointSlice(fields[3], s.Start, s.End))) + "]")).Distinct();
        output.WriteLine($"rules\t{fileName}\t{lineNumber}\t{fields[0]}\t{fields[1]}\t{fields[2]}\t{(caught ? 1 : 0)}\t{string.Join(',', ruleIds)}");
    }
}

return 0;

static string CodePointSlice(string text, int start, int end)
{
    var runes = text.EnumerateRunes().ToArray();
    return string.Concat(runes[Math.Min(start, runes.Length)..Math.Min(end, runes.Length)].Select(r => r.ToString()));
}

// The executable sits in eval/Moderation.Eval/bin/...; the repository root is the folder above
// it that holds Moderation.sln, wherever the command is run from.
static string FindRepoRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Moderation.sln")))
        {
            return dir.FullName;
        }
    }

    return Directory.GetCurrentDirectory();
}
