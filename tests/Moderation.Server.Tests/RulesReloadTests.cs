using Moderation.Api.V1;
using Moderation.Server.Auth;

namespace Moderation.Server.Tests;

/// <summary>The rules file of a running service changes: good changes take effect, bad ones are logged and ignored.</summary>
public sealed class RulesReloadTests : IAsyncLifetime
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("moderation-rules-");
    private ModerationServerFactory _factory = null!;
    private RulesService.RulesServiceClient _rules = null!;

    private string RulesPath => Path.Combine(_directory.FullName, "rules.yaml");

    public Task InitializeAsync()
    {
        File.WriteAllText(Path.Combine(_directory.FullName, "words.txt"), "firstword\n");
        File.WriteAllText(RulesPath, "rules:\n  - {id: listed, action: hold, terms_file: words.txt}\n");
        _factory = new ModerationServerFactory(new Dictionary<string, string?> { ["Rules:Path"] = RulesPath });
        _rules = new RulesService.RulesServiceClient(_factory.ChannelFor(Roles.Admin));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        _directory.Delete(recursive: true);
    }

    private async Task<Verdict> VerdictOf(string text) => (await _rules.TestCommentAsync(new TestCommentRequest { Text = text })).Decision.Verdict;

    /// <summary>Polls until <paramref name="condition"/> holds, failing after a deadline (file events are asynchronous).</summary>
    private static async Task Eventually(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}.");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task RulesFile_ChangedWhileRunning_TakesEffectAndBadChangesAreIgnored()
    {
        string first = (await _rules.GetRulesAsync(new GetRulesRequest())).Version;
        Assert.Equal(Verdict.PendingReview, await VerdictOf("a firstword here"));

        File.WriteAllText(RulesPath, "rules:\n  - {id: listed, action: reject, terms_file: words.txt}\n");
        await Eventually(async () => await VerdictOf("a firstword here") == Verdict.Rejected, "the edited rule rejects");
        string second = (await _rules.GetRulesAsync(new GetRulesRequest())).Version;
        Assert.NotEqual(first, second);

        File.AppendAllText(Path.Combine(_directory.FullName, "words.txt"), "secondword\n");
        await Eventually(async () => await VerdictOf("the secondword") == Verdict.Rejected, "a term added to the terms file applies");

        File.WriteAllText(RulesPath, "rules:\n  - {id: listed, action: obliterate, terms: [x]}\n");
        await Eventually(() => Task.FromResult(_factory.Logs.Lines.Any(l => l.Contains("[2002]", StringComparison.Ordinal))), "the bad file is logged");

        Assert.Contains(_factory.Logs.Lines, l => l.Contains("[2002]", StringComparison.Ordinal) && l.Contains("(2,", StringComparison.Ordinal) && l.Contains("obliterate", StringComparison.Ordinal));
        Assert.Equal(Verdict.Rejected, await VerdictOf("the secondword"));
        Assert.NotEmpty((await _rules.GetRulesAsync(new GetRulesRequest())).Rules);
    }
}
