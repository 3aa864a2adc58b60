using Moderation.Core.Rules.Normalization;

namespace Moderation.Core.Tests.Rules;

/// <summary>
/// Which shortened readings a window with stretched letters gets. Too few loses a term; too many
/// costs a reading of the window for nothing.
/// </summary>
public sealed class LetterRunsTests
{
    private static readonly LetterRuns Runs = new(["kill", "boot", "ybuuf", "brrr"]);

    private static TextView ViewOf(string text)
    {
        var view = new TextView(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            view.Add(text[i], i, i + 1);
        }

        return view;
    }

    [Theory]
    [InlineData("killll them", false, true)]
    [InlineData("booooot", false, true)]
    [InlineData("ybuuuuf", false, true)]
    [InlineData("brrrrrr", true, true)]
    public void Needed_RunBetweenTheLettersATermHoldsItBetween_NeedsThatForm(string text, bool asWritten, bool pairs)
    {
        Assert.Equal((asWritten, pairs), Runs.Needed(ViewOf(text)));
    }

    [Theory]
    [InlineData("fuuuuucking")]
    [InlineData("oooops")]
    [InlineData("no runs here")]
    public void Needed_RunNoTermHoldsBetweenTheseLetters_NeedsOnlyTheShortest(string text)
    {
        // "uu" and "oo" are in terms, but only between b and f or t: "fuuuuucking" reads "fucking" alone.
        Assert.Equal((false, false), Runs.Needed(ViewOf(text)));
    }
}
