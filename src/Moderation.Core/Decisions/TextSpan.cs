namespace Moderation.Core.Decisions;

/// <summary>
/// A half-open range [<see cref="Start"/>, <see cref="End"/>) of the submitted text, counted in
/// Unicode code points so that clients in any language (JavaScript, Python, Go) can slice the
/// text they sent without knowing .NET's UTF-16 strings.
/// </summary>
public readonly record struct TextSpan(int Start, int End);
