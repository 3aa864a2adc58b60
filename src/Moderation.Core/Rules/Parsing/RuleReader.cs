using System.Text;
using Moderation.Core.Comments;
using Moderation.Core.Decisions;
using Moderation.Core.Rules.Classification;
using Moderation.Core.Rules.Detectors;
using Moderation.Core.Rules.Matching;
using YamlDotNet.RepresentationModel;

namespace Moderation.Core.Rules.Parsing;

/// <summary>Reads one rule of a rules file: its common fields, its one kind, and its conditions.</summary>
internal sealed class RuleReader(string? baseDirectory, List<RuleError> problems, StringBuilder versionInput)
{
    /// <summary>The longest term, in characters: the longest real term is a few words.</summary>
    public const int MaxTermLength = 100;

    /// <summary>The most terms and allow terms a rules file may hold in all, its term files included.</summary>
    public const int MaxTerms = 200_000;

    /// <summary>The longest phrase pattern, in characters.</summary>
    public const int MaxPhraseLength = 500;

    // How far the engine's score of a model's sample may be from its trainer's (both in double).
    private const double SampleTolerance = 1e-4;

    private int _terms;

    // What a rule reads besides its own YAML (term files, the slots its phrases use), so its
    // fingerprint changes when they do.
    private readonly StringBuilder _definitionInput = new();
    private bool _tooManyTermsReported;
    private static readonly string[] Kinds = ["terms", "terms_file", "phrases", "regex", "links", "contact", "spam", "model"];
    private static readonly string[] ModelKeys = ["file", "threshold"];
    private static readonly string[] AllowKeys = ["allow", "allow_file"];
    private static readonly string[] LinkModes = ["domains", "shorteners", "any", "max"];
    private static readonly string[] LinkKeys = [.. LinkModes, "allow"];
    private static readonly string[] SpamSignals =
        ["caps_ratio", "repeated_characters", "repeated_words", "symbol_ratio", "max_length", "min_length", "repeat_within", "copies_from_authors"];
    private static readonly string[] SpamKeys = [.. SpamSignals, "min_letters", "min_characters", "within"];
    private static readonly string[] ConditionKeys =
        ["account_age_below", "reply", "author_status", "approved_count_below", "rejected_ratio_above", "article_mode", "article_age_above"];

    private static readonly string[] RuleKeys =
    [
        "id", "description", "category", "action", "author_message", "moderator_message", "languages", "shadow", "brake", "weight",
        "terms", "terms_file", "allow", "allow_file", "allow_phrases", "skip_names", "skip_quoted", "phrases", "regex", "links", "contact", "spam", "model", "when",
    ];

    /// <summary>The file's named phrase lists, for the <c>{slot}</c>s of phrase rules.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Slots { get; set; } = new Dictionary<string, IReadOnlyList<string>>();

    public RuleDefinition? Read(YamlNode node)
    {
        if (node is not YamlMappingNode mapping)
        {
            problems.Add(YamlFields.At(node, "A rule must be a mapping."));
            return null;
        }

        int problemsBefore = problems.Count;
        _definitionInput.Clear();
        var fields = new YamlFields(mapping, RuleKeys, "rule", problems);
        string id = fields.Text("id", required: true) ?? "";
        if (id.Length > 0 && !RuleDefinition.IsValidId(id))
        {
            fields.Problem(fields.Node("id")!, "A rule id is 1 to 64 of a-z, 0-9, '-', '_' and '.'.");
        }

        var action = ReadAction(fields);
        bool shadow = fields.Flag("shadow") ?? false;
        bool brake = fields.Flag("brake") ?? true;
        bool skipNames = fields.Flag("skip_names") ?? false;
        bool skipQuoted = fields.Flag("skip_quoted") ?? false;
        double weight = fields.Number("weight", 0, 1000) ?? 0;
        string category = fields.Text("category") ?? "general";
        string description = fields.Text("description") ?? "";
        var (authorMessage, authorMessages) = ReadAuthorMessage(fields);
        var languages = ReadLanguages(fields);
        string? moderatorMessage = fields.Text("moderator_message");

        var kinds = Kinds.Where(fields.Has).ToList();
        if (kinds.Count != 1 && !(kinds.Count == 2 && kinds.Contains("terms") && kinds.Contains("terms_file")))
        {
            fields.Problem($"A rule needs exactly one of: {string.Join(", ", Kinds)} (terms and terms_file may go together).");
        }

        var terms = new List<string>();
        var allowTerms = new List<string>();
        RuleDetector? detector = null;
        List<PhrasePattern>? phrases = null;
        List<PhrasePattern>? allowPhrases = null;
        if (fields.Has("terms") || fields.Has("terms_file"))
        {
            ReadTerms(fields, fields.List("terms") ?? [], terms);
            ReadTermsFile(fields, "terms_file", terms);
            ReadTerms(fields, fields.List("allow") ?? [], allowTerms);
            ReadTermsFile(fields, "allow_file", allowTerms);
        }
        else
        {
            foreach (string key in AllowKeys.Where(fields.Has))
            {
                fields.Problem(fields.Node(key)!, $"'{key}' belongs to term rules; a links rule takes its own 'allow' list.");
            }

            if (fields.List("phrases") is { } patterns)
            {
                phrases = ReadPhrases(fields, patterns);
            }
            else if (fields.Mapping("model", ModelKeys) is { } model)
            {
                detector = ReadModel(model, fields.Node("model")!);
            }
            else
            {
                detector = ReadDetector(fields);
            }
        }

        bool matchesWords = fields.Has("terms") || fields.Has("terms_file") || fields.Has("phrases");
        if (fields.Node("allow_phrases") is { } allowPhrasesNode && !matchesWords)
        {
            fields.Problem(allowPhrasesNode, "'allow_phrases' belongs to term and phrase rules.");
        }
        else if (fields.List("allow_phrases") is { } allowPatterns)
        {
            allowPhrases = ReadPhrases(fields, allowPatterns);
        }

        var conditions = ReadConditions(fields);
        if (problems.Count > problemsBefore)
        {
            return null;
        }

        return new RuleDefinition(
            id, description, category, action, authorMessage,
            moderatorMessage ?? detector?.Describe() ?? $"Matched rule '{id}' ({category}).",
            shadow, weight, terms, allowTerms, detector, conditions, phrases, skipNames, authorMessages, languages,
            brake, RuleFingerprint.Of(mapping, _definitionInput.ToString()), allowPhrases, skipQuoted);
    }

    private const string DefaultAuthorMessage = "Your comment does not follow the community guidelines.";

    /// <summary>
    /// One message, or one per language (<c>{en: ..., ru: ...}</c>): the comment's language
    /// chooses, English (or the first given) when it has none of its own.
    /// </summary>
    private static (string Default, IReadOnlyDictionary<string, string>? ByLanguage) ReadAuthorMessage(YamlFields fields)
    {
        if (fields.Node("author_message") is not YamlMappingNode)
        {
            return (fields.Text("author_message") ?? DefaultAuthorMessage, null);
        }

        var byLanguage = fields.Mapping("author_message", CommentLanguage.Known)!;
        var messages = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string language in CommentLanguage.Known.Where(byLanguage.Has))
        {
            if (byLanguage.Text(language) is { } message)
            {
                messages[language] = message;
            }
        }

        string fallback = messages.GetValueOrDefault("en") ?? messages.Values.FirstOrDefault() ?? DefaultAuthorMessage;
        return (fallback, messages);
    }

    private static List<string>? ReadLanguages(YamlFields fields)
    {
        if (fields.List("languages") is not { } items)
        {
            return null;
        }

        foreach (var (language, node) in items.Where(i => !CommentLanguage.Known.Contains(i.Value)))
        {
            fields.Problem(node, $"Unknown language '{language}'; expected one of: {string.Join(", ", CommentLanguage.Known)}.");
        }

        return items.Select(i => i.Value).ToList();
    }

    private List<PhrasePattern> ReadPhrases(YamlFields fields, List<(string Value, YamlNode Node)> patterns)
    {
        var phrases = new List<PhrasePattern>();
        var reasons = new List<string>();
        foreach (var (pattern, node) in patterns)
        {
            if (pattern.Length > MaxPhraseLength)
            {
                fields.Problem(node, $"A phrase pattern is at most {MaxPhraseLength} characters.");
                continue;
            }

            foreach (var (name, values) in Slots)
            {
                if (pattern.Contains("{" + name + "}", StringComparison.Ordinal))
                {
                    _definitionInput.Append("\nslot ").Append(name).Append(':').AppendJoin('\n', values);
                }
            }

            reasons.Clear();
            if (PhrasePattern.TryCreate(pattern, Slots, reasons) is { } phrase)
            {
                phrases.Add(phrase);
            }

            foreach (string reason in reasons)
            {
                fields.Problem(node, reason);
            }
        }

        return phrases;
    }

    private static RuleAction ReadAction(YamlFields fields)
    {
        string? text = fields.Text("action", required: true);
        RuleAction action = text switch
        {
            "approve" => RuleAction.Approve,
            "flag" => RuleAction.Flag,
            "censor" => RuleAction.Censor,
            "hold" => RuleAction.Hold,
            "reject" => RuleAction.Reject,
            _ => 0,
        };
        if (text is not null && action == 0)
        {
            fields.Problem(fields.Node("action")!, $"Unknown action '{text}'; expected approve, flag, censor, hold or reject.");
        }

        return action;
    }

    private void ReadTerms(YamlFields fields, List<(string Value, YamlNode Node)> items, List<string> into)
    {
        foreach (var (term, node) in items)
        {
            if (CheckTerm(term) is { } problem)
            {
                fields.Problem(node, problem);
            }
            else
            {
                Count(fields, node);
                into.Add(term);
            }
        }
    }

    /// <summary>Counts a term against <see cref="MaxTerms"/>, reporting the first one past it.</summary>
    private void Count(YamlFields fields, YamlNode node)
    {
        if (++_terms > MaxTerms && !_tooManyTermsReported)
        {
            _tooManyTermsReported = true;
            fields.Problem(node, $"A rules file holds at most {MaxTerms:N0} terms and allow terms in all, its term files included.");
        }
    }

    private static string? CheckTerm(string term)
    {
        // Checked first, so a huge term costs nothing more than its length.
        if (term.Length > MaxTermLength)
        {
            return $"A term is at most {MaxTermLength} characters (this one has {term.Length:N0}).";
        }

        if (TermMatcher.MatchableForm(term) is null)
        {
            return "A term must be a word or phrase with at least one letter or digit.";
        }

        return term.Trim('*').Contains('*', StringComparison.Ordinal) ? "'*' is a wildcard only at the start or end of a term." : null;
    }

    /// <summary>Terms from a plain-text file beside the rules file: UTF-8, one per line, '#' comments, blank lines ignored.</summary>
    private void ReadTermsFile(YamlFields fields, string key, List<string> terms)
    {
        if (fields.Text(key) is not { } relative)
        {
            return;
        }

        var node = fields.Node(key)!;
        if (ReadBesideRules(fields, node, key, relative) is not { } content)
        {
            return;
        }

        int lineNumber = 0;
        foreach (string rawLine in content.Split('\n'))
        {
            lineNumber++;
            string line = rawLine.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (CheckTerm(line) is { } problem)
            {
                fields.Problem(node, $"{relative} line {lineNumber}: {problem}");
            }
            else
            {
                Count(fields, node);
                terms.Add(line);
            }
        }
    }

    /// <summary>
    /// The text of a file the rules name, which must lie inside the rules file's folder (a rules
    /// file must not read the server's other files); it joins the rule's fingerprint.
    /// </summary>
    private string? ReadBesideRules(YamlFields fields, YamlNode node, string key, string relative)
    {
        if (baseDirectory is null)
        {
            fields.Problem(node, $"'{key}' needs a rules file on disk to be relative to.");
            return null;
        }

        string full = Path.GetFullPath(Path.Combine(baseDirectory, relative));
        if (Path.IsPathRooted(relative) || !full.StartsWith(Path.GetFullPath(baseDirectory) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            fields.Problem(node, $"'{key}' must be a relative path inside the rules file's folder.");
            return null;
        }

        if (!File.Exists(full))
        {
            fields.Problem(node, $"The {(key == "file" ? "model" : "terms")} file '{relative}' does not exist.");
            return null;
        }

        string content = File.ReadAllText(full, Encoding.UTF8);
        versionInput.Append('\n').Append(relative).Append('\n').Append(content);
        _definitionInput.Append('\n').Append(relative).Append('\n').Append(content);
        return content;
    }

    private ModelDetector? ReadModel(YamlFields model, YamlNode node)
    {
        string? relative = model.Text("file", required: true);
        double? threshold = model.Number("threshold", 0.5, 1);
        if (threshold is null && !model.Has("threshold"))
        {
            model.Problem("A model rule needs a 'threshold' from 0.5 to 1.");
        }

        if (relative is null || threshold is null || ReadBesideRules(model, model.Node("file")!, "file", relative) is not { } content)
        {
            return null;
        }

        var modelProblems = new List<string>();
        if (LinearTextModel.Parse(content, modelProblems) is not { } parsed)
        {
            foreach (string problem in modelProblems)
            {
                model.Problem(node, $"The model '{relative}', {problem}");
            }

            return null;
        }

        // The trainer's own scores of its samples: a model whose features the engine reads
        // differently would score every comment wrong, so it does not load.
        foreach (var (text, expected) in parsed.Samples)
        {
            double actual = parsed.Score(text);
            if (Math.Abs(actual - expected) > SampleTolerance)
            {
                model.Problem(node, $"The model '{relative}' scores its sample \"{text}\" {actual:0.######} here and {expected:0.######} in its trainer.");
            }
        }

        return new ModelDetector(parsed, threshold.Value, relative);
    }

    private static RuleDetector? ReadDetector(YamlFields fields)
    {
        if (fields.Text("regex") is { } pattern)
        {
            var regex = RegexDetector.TryCreate(pattern, out string? problem);
            if (problem is not null)
            {
                fields.Problem(fields.Node("regex")!, problem);
            }

            return regex;
        }

        if (fields.List("contact") is { } contactKinds)
        {
            var kinds = ContactKind.None;
            foreach (var (kind, node) in contactKinds)
            {
                kinds |= kind switch
                {
                    "email" => ContactKind.Email,
                    "phone" => ContactKind.Phone,
                    "card" => ContactKind.Card,
                    _ => ContactKind.None,
                };
                if (kind is not ("email" or "phone" or "card"))
                {
                    fields.Problem(node, $"Unknown contact kind '{kind}'; expected email, phone or card.");
                }
            }

            return new ContactDetector(kinds);
        }

        if (fields.Mapping("links", LinkKeys) is { } links)
        {
            return ReadLinks(links);
        }

        if (fields.Mapping("spam", SpamKeys) is { } spam)
        {
            return ReadSpam(spam);
        }

        return null;
    }

    private static LinkDetector? ReadLinks(YamlFields links)
    {
        var allowed = (links.List("allow") ?? []).Select(a => a.Value).ToList();
        var modes = LinkModes.Where(links.Has).ToList();
        if (modes.Count != 1)
        {
            links.Problem("A links rule needs exactly one of: domains, shorteners, any, max.");
            return null;
        }

        return modes[0] switch
        {
            "domains" => new LinkDetector(LinkMatch.Domains, (links.List("domains") ?? []).Select(d => d.Value).ToList(), allowed, 0),
            "shorteners" when links.Flag("shorteners") == true => new LinkDetector(LinkMatch.Shorteners, [], allowed, 0),
            "any" when links.Flag("any") == true => new LinkDetector(LinkMatch.Any, [], allowed, 0),
            "max" when links.Count("max", 0, 1000) is { } max => new LinkDetector(LinkMatch.MoreThan, [], allowed, max),
            _ => null,
        };
    }

    private static SpamDetector? ReadSpam(YamlFields spam)
    {
        var signals = SpamSignals.Where(spam.Has).ToList();
        if (signals.Count != 1)
        {
            spam.Problem($"A spam rule needs exactly one of: {string.Join(", ", SpamSignals)}.");
            return null;
        }

        return signals[0] switch
        {
            "caps_ratio" when spam.Number("caps_ratio", 0.01, 1) is { } ratio =>
                new SpamDetector(SpamSignal.CapsRatio, ratio, spam.Count("min_letters", 1, 100_000) ?? 20),
            "repeated_characters" when spam.Count("repeated_characters", 2, 10_000) is { } count => new SpamDetector(SpamSignal.RepeatedCharacters, count, 0),
            "repeated_words" when spam.Count("repeated_words", 2, 10_000) is { } count => new SpamDetector(SpamSignal.RepeatedWords, count, 0),
            "symbol_ratio" when spam.Number("symbol_ratio", 0.01, 1) is { } ratio =>
                new SpamDetector(SpamSignal.SymbolRatio, ratio, spam.Count("min_characters", 1, 100_000) ?? 10),
            "max_length" when spam.Count("max_length", 1, 1_000_000) is { } length => new SpamDetector(SpamSignal.MaxLength, length, 0),
            "min_length" when spam.Count("min_length", 1, 1_000_000) is { } length => new SpamDetector(SpamSignal.MinLength, length, 0),
            "repeat_within" when spam.Duration("repeat_within") is { } window => new SpamDetector(SpamSignal.RepeatFromAuthor, 0, 0, window),
            "copies_from_authors" when spam.Count("copies_from_authors", 2, 1_000_000) is { } authors =>
                spam.Duration("within") is { } within ? new SpamDetector(SpamSignal.CopyCampaign, authors, 0, within) : MissingWithin(spam),
            _ => null,
        };
    }

    private static SpamDetector? MissingWithin(YamlFields spam)
    {
        spam.Problem("'copies_from_authors' needs 'within', the window to count authors over (e.g. 1h).");
        return null;
    }

    private static RuleConditions? ReadConditions(YamlFields fields)
    {
        if (fields.Mapping("when", ConditionKeys) is not { } when)
        {
            return null;
        }

        return new RuleConditions(
            when.Duration("account_age_below"),
            when.Flag("reply"),
            ReadEnumSet<AuthorStatus>(when, "author_status"),
            when.Count("approved_count_below", 1, 1_000_000),
            when.Number("rejected_ratio_above", 0, 1),
            ReadEnumSet<ArticleMode>(when, "article_mode"),
            when.Duration("article_age_above"));
    }

    private static HashSet<T>? ReadEnumSet<T>(YamlFields fields, string key)
        where T : struct, Enum
    {
        if (fields.List(key) is not { } items)
        {
            return null;
        }

        var set = new HashSet<T>();
        foreach (var (value, node) in items)
        {
            if (Enum.TryParse(value, ignoreCase: true, out T parsed) && Enum.IsDefined(parsed) && !char.IsDigit(value[0]))
            {
                set.Add(parsed);
            }
            else
            {
                fields.Problem(node, $"Unknown {key.Replace('_', ' ')} '{value}'; expected one of: {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}.");
            }
        }

        return set;
    }
}
