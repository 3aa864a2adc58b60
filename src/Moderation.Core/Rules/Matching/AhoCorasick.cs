namespace Moderation.Core.Rules.Matching;

/// <summary>
/// An Aho-Corasick automaton over many patterns: one pass over a text finds every occurrence of
/// every pattern, at a cost per character that does not grow with the number of patterns. Built
/// once when rules load; immutable and thread-safe afterwards.
/// </summary>
internal sealed class AhoCorasick
{
    /// <summary>Where a pattern occurs: its id and the index one past its last character.</summary>
    public readonly record struct Hit(int PatternId, int End);

    // Edges in compressed rows: state s owns edges [Edges, Edges + EdgeCount) of _edgeChar and
    // _edgeTarget, sorted by character for binary search. The root, where most characters land,
    // also has direct tables for the Latin and Cyrillic letters and for Korean jamo.
    private readonly char[] _edgeChar;
    private readonly int[] _edgeTarget;
    private readonly int[] _rootLow = new int[RootLowEnd];
    private readonly int[] _rootJamo = new int[JamoEnd - JamoStart];

    private const int RootLowEnd = 0x0530;
    private const int JamoStart = 0x1100;
    private const int JamoEnd = 0x1200;

    // Everything the scan reads about a state sits together, in one cache line: the text walks
    // through states at random, and five arrays cost five misses where one record costs one.
    private readonly State[] _states;

    // Outputs in compressed rows too: the patterns ending exactly at a state, [Outputs, Outputs
    // + OutputCount) of _outputs, and a link to the nearest state down the failure chain that has
    // outputs of its own.
    private readonly int[] _outputs;

    private struct State
    {
        public int Edges;
        public int EdgeCount;
        public int Fail;
        public int Outputs;
        public int OutputCount;
        public int OutputLink;
    }

    public AhoCorasick(IReadOnlyList<string> patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        var children = new List<Dictionary<char, int>> { new() };
        var ends = new List<List<int>?> { null };
        for (int id = 0; id < patterns.Count; id++)
        {
            int state = 0;
            foreach (char c in patterns[id])
            {
                if (!children[state].TryGetValue(c, out int next))
                {
                    next = children.Count;
                    children[state][c] = next;
                    children.Add([]);
                    ends.Add(null);
                }

                state = next;
            }

            (ends[state] ??= []).Add(id);
        }

        int count = children.Count;
        _states = new State[count];
        int edges = 0;
        for (int s = 0; s < count; s++)
        {
            _states[s].Edges = edges;
            _states[s].EdgeCount = children[s].Count;
            edges += children[s].Count;
        }

        _edgeChar = new char[edges];
        _edgeTarget = new int[edges];
        for (int s = 0; s < count; s++)
        {
            int at = _states[s].Edges;
            foreach (var (c, target) in children[s].OrderBy(e => e.Key))
            {
                _edgeChar[at] = c;
                _edgeTarget[at++] = target;
            }
        }

        foreach (var (c, target) in children[0])
        {
            if (c < RootLowEnd)
            {
                _rootLow[c] = target;
            }
            else if (c is >= (char)JamoStart and < (char)JamoEnd)
            {
                _rootJamo[c - JamoStart] = target;
            }
        }

        var queue = new Queue<int>();
        foreach (int child in children[0].Values)
        {
            queue.Enqueue(child);
        }

        // Breadth first, so a state's failure target is final before its children need it.
        while (queue.Count > 0)
        {
            int state = queue.Dequeue();
            foreach (var (c, child) in children[state])
            {
                int fallback = _states[state].Fail;
                int target;
                while ((target = Step(fallback, c)) == 0 && fallback != 0)
                {
                    fallback = _states[fallback].Fail;
                }

                int fail = target == child ? 0 : target;
                _states[child].Fail = fail;
                _states[child].OutputLink = ends[fail] is not null ? fail : _states[fail].OutputLink;
                queue.Enqueue(child);
            }
        }

        int outputs = 0;
        for (int s = 0; s < count; s++)
        {
            _states[s].Outputs = outputs;
            _states[s].OutputCount = ends[s]?.Count ?? 0;
            outputs += _states[s].OutputCount;
        }

        _outputs = new int[outputs];
        for (int s = 0; s < count; s++)
        {
            ends[s]?.CopyTo(_outputs, _states[s].Outputs);
        }
    }

    /// <summary>Adds every occurrence of every pattern in <paramref name="text"/> to <paramref name="hits"/>.</summary>
    public void FindAll(ReadOnlySpan<char> text, List<Hit> hits)
    {
        var states = _states;
        int state = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            int next;
            while ((next = Step(state, c)) == 0 && state != 0)
            {
                state = states[state].Fail;
            }

            state = next;
            for (int s = states[state].OutputCount > 0 ? state : states[state].OutputLink; s != 0; s = states[s].OutputLink)
            {
                ref readonly var at = ref states[s];
                for (int o = at.Outputs; o < at.Outputs + at.OutputCount; o++)
                {
                    hits.Add(new Hit(_outputs[o], i + 1));
                }
            }
        }
    }

    /// <summary>The root of the trie, where every pattern starts.</summary>
    public const int Root = 0;

    /// <summary>The goto function: the child of <paramref name="state"/> on <paramref name="c"/>, or 0.</summary>
    public int Step(int state, char c)
    {
        if (state == 0)
        {
            if (c < RootLowEnd)
            {
                return _rootLow[c];
            }

            if (c is >= (char)JamoStart and < (char)JamoEnd)
            {
                return _rootJamo[c - JamoStart];
            }
        }

        ref readonly var at = ref _states[state];
        int low = at.Edges;
        int high = at.Edges + at.EdgeCount - 1;
        while (low <= high)
        {
            int mid = (low + high) >>> 1;
            char edge = _edgeChar[mid];
            if (edge == c)
            {
                return _edgeTarget[mid];
            }

            if (edge < c)
            {
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        return 0;
    }

    /// <summary>The trie edges leaving <paramref name="state"/>: for walks that try every next character.</summary>
    public ReadOnlySpan<int> ChildrenOf(int state) => _edgeTarget.AsSpan(_states[state].Edges, _states[state].EdgeCount);

    /// <summary>The patterns that end exactly at <paramref name="state"/> (not those down its failure chain).</summary>
    public ReadOnlySpan<int> PatternsEndingAt(int state) => _outputs.AsSpan(_states[state].Outputs, _states[state].OutputCount);
}
