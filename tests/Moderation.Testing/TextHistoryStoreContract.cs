using Moderation.Core.Rules.History;
using Xunit;

namespace Moderation.Testing;

/// <summary>What every <see cref="ITextHistoryStore"/> must do. Times are passed in, so no test waits.</summary>
public abstract class TextHistoryStoreContract
{
    private static readonly TimeSpan TenMinutes = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan OneHour = TimeSpan.FromHours(1);
    private static readonly TimeSpan[] Windows = [TenMinutes, OneHour];

    /// <summary>A store whose entries no other test sees.</summary>
    protected abstract ITextHistoryStore CreateStore();

    [Fact]
    public async Task Record_FirstTime_HasNoPastAndCountsItself()
    {
        var history = await CreateStore().RecordAsync("f1", "alice", TestComments.Epoch, Windows, default);

        Assert.Null(history.AuthorPostedBefore);
        Assert.Equal(1, history.AuthorsWithin[TenMinutes]);
        Assert.Equal(1, history.AuthorsWithin[OneHour]);
    }

    [Fact]
    public async Task Record_SameAuthorAgain_ReportsWhenTheyPostedItBefore()
    {
        var store = CreateStore();
        await store.RecordAsync("f1", "alice", TestComments.Epoch, Windows, default);

        var again = await store.RecordAsync("f1", "alice", TestComments.Epoch.AddMinutes(3), Windows, default);

        Assert.Equal(TestComments.Epoch, again.AuthorPostedBefore);
        Assert.Equal(1, again.AuthorsWithin[TenMinutes]);
    }

    [Fact]
    public async Task Record_ManyAuthors_AreCountedPerWindow()
    {
        var store = CreateStore();
        await store.RecordAsync("f1", "alice", TestComments.Epoch, Windows, default);
        await store.RecordAsync("f1", "bob", TestComments.Epoch.AddMinutes(40), Windows, default);

        var third = await store.RecordAsync("f1", "carol", TestComments.Epoch.AddMinutes(45), Windows, default);

        Assert.Equal(2, third.AuthorsWithin[TenMinutes]);
        Assert.Equal(3, third.AuthorsWithin[OneHour]);
    }

    [Fact]
    public async Task Record_AfterTheLongestWindow_HasForgottenTheText()
    {
        var store = CreateStore();
        await store.RecordAsync("f1", "alice", TestComments.Epoch, Windows, default);

        var later = await store.RecordAsync("f1", "alice", TestComments.Epoch.AddHours(2), Windows, default);

        Assert.Null(later.AuthorPostedBefore);
        Assert.Equal(1, later.AuthorsWithin[OneHour]);
    }

    [Fact]
    public async Task Record_OtherText_IsCountedApart()
    {
        var store = CreateStore();
        await store.RecordAsync("f1", "alice", TestComments.Epoch, Windows, default);

        var other = await store.RecordAsync("f2", "bob", TestComments.Epoch, Windows, default);

        Assert.Equal(1, other.AuthorsWithin[OneHour]);
    }
}
