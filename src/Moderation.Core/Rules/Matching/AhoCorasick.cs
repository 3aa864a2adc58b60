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

    // Edges in compressed rows: state s owns edges [_edgeStart[s], _edgeStart[s + 1]), sorted by
    // character for binary search. The root, where most characters land, also has a direct table.
    private readonly int[] _edgeStart;
    private readonly char[] _edgeChar;
    private readonly int[] _edgeTarget;
    private readonly int[] _rootAscii = new int[128];
    private readonly int[] _fail;

    // Outputs in compressed rows too: the patterns ending exactly at a state, and a link to the
    // nearest state down the failure chain that has outputs of its own.
    private readonly int[] _outputStart;
    private readonly int[] _outputs;
    private readonly int[] _outputLink;

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
        _edgeStart = new int[count + 1];
        for (int s = 0; s < count; s++)
        {
            _edgeStart[s + 1] = _edgeStart[s] + children[s].Count;
        }

        _edgeChar = new char[_edgeStart[count]];
        _edgeTarget = new int[_edgeStart[count]];
        for (int s = 0; s < count; s++)
        {
            int at = _edgeStart[s];
            foreach (var (c, target) in children[s].OrderBy(e => e.Key))
            {
                _edgeChar[at] = c;
                _edgeTarget[at++] = target;
            }
        }

        foreach (var (c, target) in children[0])
        {
            if (c < 128)
            {
                _rootAscii[c] = target;
            }
        }

        _fail = new int[count];
        _outputLink = new int[count];
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
                int fallback = _fail[state];
                int target;
                while ((target = Step(fallback, c)) == 0 && fallback != 0)
                {
                    fallback = _fail[fallback];
                }

                _fail[child] = target == child ? 0 : target;
                _outputLink[child] = ends[_fail[child]] is not null ? _fail[child] : _outputLink[_fail[child]];
                queue.Enqueue(child);
            }
        }

        _outputStart = new int[count + 1];
        for (int s = 0; s < count; s++)
        {
            _outputStart[s + 1] = _outputStart[s] + (ends[s]?.Count ?? 0);
        }

        _outputs = new int[_outputStart[count]];
        for (int s = 0; s < count; s++)
        {
            ends[s]?.CopyTo(_outputs, _outputStart[s]);
        }
    }

    /// <summary>Adds every occurrence of every pattern in <paramref name="text"/> to <paramref name="hits"/>.</summary>
    public void FindAll(ReadOnlySpan<char> text, List<Hit> hits)
    {
        int state = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            int next;
            while ((next = Step(state, c)) == 0 && state != 0)
            {
                state = _fail[state];
            }

            state = next;
            for (int s = state; s != 0; s = _outputLink[s])
            {
                for (int o = _outputStart[s]; o < _outputStart[s + 1]; o++)
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
        if (state == 0 && c < 128)
        {
            return _rootAscii[c];
        }

        int low = _edgeStart[state];
        int high = _edgeStart[state + 1] - 1;
        while (low <= high)
        {
            int mid = (low + high) >>> 1;
            char at = _edgeChar[mid];
            if (at == c)
            {
                return _edgeTarget[mid];
            }

            if (at < c)
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
    public ReadOnlySpan<int> ChildrenOf(int state) => _edgeTarget.AsSpan(_edgeStart[state], _edgeStart[state + 1] - _edgeStart[state]);

    /// <summary>The patterns that end exactly at <paramref name="state"/> (not those down its failure chain).</summary>
    public ReadOnlySpan<int> PatternsEndingAt(int state) => _outputs.AsSpan(_outputStart[state], _outputStart[state + 1] - _outputStart[state]);
}
