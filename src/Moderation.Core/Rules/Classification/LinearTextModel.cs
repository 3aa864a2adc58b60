using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Moderation.Core.Rules.Classification;

/// <summary>
/// A logistic regression over the hashed <see cref="TextFeatures"/> of a comment, read from the
/// file <c>tools/classifier/train.py</c> writes: <c>buckets N</c>, <c>pieces MIN MAX</c> (the
/// sizes of the word pieces, in code points; none without the line), <c>negation_scope N</c>,
/// <c>negators WORD...</c> and <c>apostrophe_negators WORD...</c> (which words read as negated),
/// <c>bias B</c>, one
/// <c>w BUCKET WEIGHT</c> line per weight, and <c>sample SCORE TEXT</c> lines that the trainer
/// scored, so a load can prove the engine scores as the trainer did.
/// </summary>
public sealed class LinearTextModel
{
    /// <summary>The most buckets a model may have (16 M: 64 MB of weights).</summary>
    public const int MaxBuckets = 1 << 24;

    /// <summary>The longest word piece a model may read.</summary>
    public const int MaxPiece = 8;

    /// <summary>The most words after a negation that read as negated.</summary>
    public const int MaxNegationScope = 10;

    [ThreadStatic]
    private static Scratch? t_scratch;

    private readonly float[] _weights;
    private readonly double _bias;
    private readonly int _pieceMin;
    private readonly int _pieceMax;
    private readonly Negation _negation;

    private LinearTextModel(float[] weights, double bias, (int Min, int Max) pieces, Negation negation, List<(string Text, double Score)> samples)
    {
        _weights = weights;
        _bias = bias;
        (_pieceMin, _pieceMax) = pieces;
        _negation = negation;
        Samples = samples;
    }

    /// <summary>The texts the trainer scored, with its scores.</summary>
    public IReadOnlyList<(string Text, double Score)> Samples { get; }

    /// <summary>Reads a model file; every problem is reported with its line, and then the result is null.</summary>
    public static LinearTextModel? Parse(string content, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(problems);
        int problemsBefore = problems.Count;
        int buckets = 0;
        double bias = 0;
        (int Min, int Max) pieces = (1, 0);
        int negationScope = 0;
        string[] negators = [];
        string[] apostropheNegators = [];
        var entries = new List<(int Bucket, float Weight, int Line)>();
        var samples = new List<(string, double)>();
        int lineNumber = 0;
        foreach (string raw in content.Split('\n'))
        {
            lineNumber++;
            string line = raw.TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            string[] parts = line.Split(' ', 3);
            switch (parts[0])
            {
                case "buckets" when parts.Length == 2 && TryCount(parts[1], out int count) && count is > 0 and <= MaxBuckets:
                    buckets = count;
                    break;
                case "pieces" when parts.Length == 3 && TryCount(parts[1], out int min) && TryCount(parts[2], out int max) && min >= 1 && max >= min && max <= MaxPiece:
                    pieces = (min, max);
                    break;
                case "negation_scope" when parts.Length == 2 && TryCount(parts[1], out int scope) && scope <= MaxNegationScope:
                    negationScope = scope;
                    break;
                case "negators":
                    negators = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..];
                    break;
                case "apostrophe_negators":
                    apostropheNegators = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..];
                    break;
                case "bias" when parts.Length == 2 && TryNumber(parts[1], out double value):
                    bias = value;
                    break;
                case "w" when parts.Length == 3 && TryCount(parts[1], out int bucket) && TryNumber(parts[2], out double weight):
                    entries.Add((bucket, (float)weight, lineNumber));
                    break;
                case "sample" when parts.Length == 3 && TryNumber(parts[1], out double score):
                    samples.Add((parts[2], score));
                    break;
                default:
                    problems.Add($"line {lineNumber}: expected 'buckets N', 'pieces MIN MAX' (1 to {MaxPiece}), 'negation_scope N' (0 to {MaxNegationScope}), 'negators WORD...', 'apostrophe_negators WORD...', 'bias X', 'w BUCKET WEIGHT' or 'sample SCORE TEXT'.");
                    break;
            }
        }

        if (buckets == 0)
        {
            problems.Add($"no 'buckets N' line (N from 1 to {MaxBuckets}).");
            return null;
        }

        var weights = new float[buckets];
        foreach (var (bucket, weight, line) in entries)
        {
            if (bucket >= buckets)
            {
                problems.Add($"line {line}: bucket {bucket} is not below {buckets}.");
                continue;
            }

            weights[bucket] = weight;
        }

        return problems.Count > problemsBefore ? null : new LinearTextModel(weights, bias, pieces, new Negation(negationScope, negators, apostropheNegators), samples);
    }

    /// <summary>
    /// The probability that the text is abusive. With <paramref name="strongest"/>, and when the
    /// score reaches <paramref name="spansFrom"/>, also the ranges (UTF-16) of the words that
    /// pushed the score up most, at most <paramref name="maxSpans"/>, in text order.
    /// </summary>
    public double Score(string text, List<(int Start, int End)>? strongest = null, double spansFrom = 0, int maxSpans = 3)
    {
        ArgumentNullException.ThrowIfNull(text);
        var scratch = t_scratch ??= new Scratch();
        TextFeatures.Words(text, scratch.CodePoints, scratch.Words);
        var codePoints = CollectionsMarshal.AsSpan(scratch.CodePoints);
        var words = CollectionsMarshal.AsSpan(scratch.Words);
        var tally = new Tally(_weights, scratch.BeginSeen(MostFeatures(words.Length, codePoints.Length)));
        scratch.Contributions.Clear();
        var negated = scratch.BeginNegated(words.Length);
        _negation.Mark(codePoints, words, negated);
        for (int i = 0; i < words.Length; i++)
        {
            var word = words[i];
            var letters = codePoints.Slice(word.First, word.Length);
            double before = tally.Sum;
            tally.Count(TextFeatures.Hash(negated[i] ? 'n' : 'w', letters));
            if (i + 1 < words.Length)
            {
                uint pair = TextFeatures.Add(TextFeatures.Hash('b', letters), ' ');
                tally.Count(TextFeatures.Add(pair, codePoints.Slice(words[i + 1].First, words[i + 1].Length)));
            }

            CountPieces(ref tally, codePoints.Slice(word.First - 1, word.Length + 2), negated[i], scratch);

            scratch.Contributions.Add((tally.Sum - before, word.Start, word.End));
        }

        double z = tally.Distinct == 0 ? _bias : Math.Clamp(_bias + (tally.Sum / Math.Sqrt(tally.Distinct)), -30, 30);
        double score = 1 / (1 + Math.Exp(-z));
        if (strongest is not null && score >= spansFrom)
        {
            AddStrongest(scratch.Contributions, strongest, maxSpans);
        }

        return score;
    }

    /// <summary>
    /// Counts the pieces of a padded word, every piece of the smallest size first, then of the
    /// next, as the trainer does. A piece's hash is its shorter piece's hash one step on, so each
    /// size costs one step per piece.
    /// </summary>
    private void CountPieces(ref Tally tally, ReadOnlySpan<int> padded, bool negated, Scratch scratch)
    {
        if (_pieceMin > _pieceMax || padded.Length < _pieceMin)
        {
            return;
        }

        var hashes = scratch.PieceHashes(padded.Length);
        uint start = TextFeatures.Start(negated ? 'm' : 'c');
        for (int k = 0; k + _pieceMin <= padded.Length; k++)
        {
            hashes[k] = TextFeatures.Add(start, padded.Slice(k, _pieceMin - 1));
        }

        for (int n = _pieceMin; n <= _pieceMax; n++)
        {
            for (int k = 0; k + n <= padded.Length; k++)
            {
                hashes[k] = TextFeatures.Add(hashes[k], padded[k + n - 1]);
                tally.Count(hashes[k]);
            }
        }
    }

    // A word gives its word, its pair and, for each piece size, fewer pieces than its padded
    // length; the padded words are all the code points there are.
    private int MostFeatures(int words, int codePoints) => (2 * words) + (codePoints * (_pieceMax - _pieceMin + 1));

    private static void AddStrongest(List<(double Contribution, int Start, int End)> contributions, List<(int Start, int End)> strongest, int maxSpans)
    {
        int before = strongest.Count;
        contributions.Sort((a, b) => b.Contribution.CompareTo(a.Contribution));
        for (int i = 0; i < contributions.Count && i < maxSpans && contributions[i].Contribution > 0; i++)
        {
            strongest.Add((contributions[i].Start, contributions[i].End));
        }

        strongest.Sort(before, strongest.Count - before, Comparer<(int Start, int End)>.Default);
    }

    private static bool TryCount(string text, out int value) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>The sum and count of the distinct buckets a comment's features fall in.</summary>
    private ref struct Tally(float[] weights, Span<int> seen)
    {
        private readonly float[] _weights = weights;
        private readonly Span<int> _seen = seen;

        public double Sum { get; private set; }

        public int Distinct { get; private set; }

        public void Count(uint hash)
        {
            uint buckets = (uint)_weights.Length;
            int bucket = (int)(BitOperations.IsPow2(buckets) ? hash & (buckets - 1) : hash % buckets);
            int mask = _seen.Length - 1;

            // Open addressing over bucket + 1, so 0 marks a free slot.
            for (int slot = (int)(((uint)bucket * 2654435769u) >> 8) & mask; ; slot = (slot + 1) & mask)
            {
                if (_seen[slot] == bucket + 1)
                {
                    return;
                }

                if (_seen[slot] == 0)
                {
                    _seen[slot] = bucket + 1;
                    Distinct++;
                    Sum += _weights[bucket];
                    return;
                }
            }
        }
    }

    /// <summary>One thread's buffers for the comment in hand.</summary>
    private sealed class Scratch
    {
        private int[] _seen = new int[1024];
        private bool[] _negated = new bool[64];

        public List<int> CodePoints { get; } = [];

        public List<TextFeatures.Word> Words { get; } = [];

        public List<(double Contribution, int Start, int End)> Contributions { get; } = [];

        private uint[] _pieceHashes = new uint[64];

        /// <summary>Room for the running hash of each piece of a padded word of <paramref name="length"/> code points.</summary>
        public Span<uint> PieceHashes(int length)
        {
            if (_pieceHashes.Length < length)
            {
                _pieceHashes = new uint[(int)BitOperations.RoundUpToPowerOf2((uint)length)];
            }

            return _pieceHashes.AsSpan(0, length);
        }

        /// <summary>One cleared flag per word: whether it reads as negated.</summary>
        public Span<bool> BeginNegated(int words)
        {
            if (_negated.Length < words)
            {
                _negated = new bool[(int)BitOperations.RoundUpToPowerOf2((uint)words)];
            }

            var negated = _negated.AsSpan(0, words);
            negated.Clear();
            return negated;
        }

        /// <summary>A cleared set with room for twice the features a comment can have.</summary>
        public Span<int> BeginSeen(int mostFeatures)
        {
            int size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, 2 * mostFeatures));
            if (_seen.Length < size)
            {
                _seen = new int[size];
            }

            var seen = _seen.AsSpan(0, size);
            seen.Clear();
            return seen;
        }
    }

    /// <summary>
    /// Which words read as negated: the <see cref="_scope"/> words after a negator, or after a
    /// "t" that follows an apostrophe negator ("don't" is the words "don" and "t").
    /// </summary>
    private sealed class Negation(int scope, string[] negators, string[] apostropheNegators)
    {
        private readonly int _scope = scope;
        private readonly Dictionary<int, int[][]> _negators = ByFirstLetter(negators);
        private readonly Dictionary<int, int[][]> _apostropheNegators = ByFirstLetter(apostropheNegators);

        public void Mark(ReadOnlySpan<int> codePoints, ReadOnlySpan<TextFeatures.Word> words, Span<bool> negated)
        {
            if (_scope == 0)
            {
                return;
            }

            for (int i = 0; i < words.Length; i++)
            {
                var word = codePoints.Slice(words[i].First, words[i].Length);
                bool negates = IsAny(word, _negators)
                    || (word.Length == 1 && word[0] == 't' && i > 0 && IsAny(codePoints.Slice(words[i - 1].First, words[i - 1].Length), _apostropheNegators));
                if (negates)
                {
                    for (int j = i + 1; j < words.Length && j <= i + _scope; j++)
                    {
                        negated[j] = true;
                    }
                }
            }
        }

        // Most words share no first letter with a negator, so one lookup turns them away.
        private static bool IsAny(ReadOnlySpan<int> word, Dictionary<int, int[][]> candidates)
        {
            if (!candidates.TryGetValue(word[0], out var sameFirst))
            {
                return false;
            }

            foreach (int[] candidate in sameFirst)
            {
                if (word.SequenceEqual(candidate))
                {
                    return true;
                }
            }

            return false;
        }

        private static Dictionary<int, int[][]> ByFirstLetter(string[] words) =>
            words.Select(CodePointsOf).Where(w => w.Length > 0).GroupBy(w => w[0]).ToDictionary(g => g.Key, g => g.ToArray());

        private static int[] CodePointsOf(string word) => [.. word.EnumerateRunes().Select(r => r.Value)];
    }
}
