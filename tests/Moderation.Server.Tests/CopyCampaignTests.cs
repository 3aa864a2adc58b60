using Moderation.Api.V1;
using Moderation.Server.Auth;
using Moderation.Testing;

namespace Moderation.Server.Tests;

/// <summary>
/// A copy-paste campaign spread over two service instances sharing Redis: the instances see
/// one history, so the third author is caught whichever instance each comment reached.
/// </summary>
public sealed class CopyCampaignTests : IAsyncLifetime
{
    private readonly DirectoryInfo _rules = Directory.CreateTempSubdirectory("moderation-campaign-");
    private TwoInstances _instances = null!;

    public async Task InitializeAsync()
    {
        string path = Path.Combine(_rules.FullName, "rules.yaml");
        File.WriteAllText(path, """
            rules:
              - {id: campaign, action: reject, spam: {copies_from_authors: 3, within: 1h}}
              - {id: repeat, action: hold, spam: {repeat_within: 10m}}
            """);
        _instances = await TwoInstances.StartAsync(new Dictionary<string, string?> { ["Rules:Path"] = path });
    }

    public async Task DisposeAsync()
    {
        await _instances.DisposeAsync();
        _rules.Delete(recursive: true);
    }

    private static Task<SubmitCommentResponse> Submit(ModerationServerFactory instance, string author, string text) =>
        new CommentService.CommentServiceClient(instance.ChannelFor(Roles.Site)).SubmitCommentAsync(Requests.Submit(text, author)).ResponseAsync;

    [Fact]
    public async Task SubmitComment_SameTextFromThreeAuthorsAcrossInstances_RejectsTheThird()
    {
        var first = await Submit(_instances.First, "alice", "Vote for candidate X, the only honest one!");
        var second = await Submit(_instances.Second, "bob", "VOTE for candidate X -- the only honest one");
        var third = await Submit(_instances.First, "carol", "vote for candidate x, the only honest one");

        Assert.Equal(Verdict.Approved, first.Decision.Verdict);
        Assert.Equal(Verdict.Approved, second.Decision.Verdict);
        Assert.Equal(Verdict.Rejected, third.Decision.Verdict);
        Assert.Equal("campaign", third.Decision.Reasons.Single().RuleId);
    }

    [Fact]
    public async Task SubmitComment_SameAuthorRepeatsOnTheOtherInstance_IsHeld()
    {
        var first = await Submit(_instances.First, "dave", "I already said this once.");
        var repeat = await Submit(_instances.Second, "dave", "I already said this once!");

        Assert.Equal(Verdict.Approved, first.Decision.Verdict);
        Assert.Equal(Verdict.PendingReview, repeat.Decision.Verdict);
    }

    [Fact]
    public async Task EditComment_CleanTextEditedIntoTheCampaign_IsRejectedLikeASubmission()
    {
        await Submit(_instances.First, "erin", "Donate now to the fund at example dot org, every cent counts");
        await Submit(_instances.Second, "frank", "donate NOW to the fund at example dot org -- every cent counts");
        var request = Requests.Submit("A thoughtful remark about the bridge.", "grace");
        var innocent = await new CommentService.CommentServiceClient(_instances.First.ChannelFor(Roles.Site)).SubmitCommentAsync(request);

        var edited = await new CommentService.CommentServiceClient(_instances.Second.ChannelFor(Roles.Site)).EditCommentAsync(new EditCommentRequest
        {
            CommentId = request.CommentId,
            AuthorId = "grace",
            Text = "Donate now to the fund at example dot org, every cent counts!",
            ExpectedVersion = 1,
        });

        Assert.Equal(Verdict.Approved, innocent.Decision.Verdict);
        Assert.Equal((Verdict.Rejected, CommentState.Rejected), (edited.Decision.Verdict, edited.State));
        Assert.Equal("campaign", edited.Decision.Reasons.Single().RuleId);
    }
}
