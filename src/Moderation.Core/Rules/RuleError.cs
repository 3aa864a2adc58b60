namespace Moderation.Core.Rules;

/// <summary>A problem in a rules file, at a 1-based line and column (0, 0 for the whole file).</summary>
public sealed record RuleError(int Line, int Column, string Message)
{
    public override string ToString() => Line == 0 ? Message : $"({Line},{Column}): {Message}";
}
