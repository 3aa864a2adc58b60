using Moderation.Core.Comments;
using Moderation.Core.Decisions;
using Moderation.Core.Rules.Statistics;
using Moderation.Core.Workflow;
using Moderation.Testing;

namespace Moderation.Core.Tests.Workflow;

public sealed class InMemoryRuleStatsStoreTests : RuleStatsStoreContract
{
    protected override (ICommentRecordStore Records, IRuleStatsStore Stats, IRecentCommentIndex Recent) CreateStores()
    {
        var store = new InMemoryCommentStore();
        return (store, store, store);
    }

    [Fact]
    public async Task Add_CommentNineDaysLater_ForgetsBucketsPastTheirLifetime()
    {
        var store = new InMemoryCommentStore();
        var workflow = TestWorkflow.Over(store);
        await workflow.AddAsync(TestComments.Stored("old", CommentState.Approved, TestComments.Epoch), default);

        await workflow.AddAsync(TestComments.Stored("new", CommentState.Approved, TestComments.Epoch.AddDays(9)), default);

        long hour = RuleCounters.HourOf(TestComments.Epoch);
        Assert.Equal([RuleCounters.HourOf(TestComments.Epoch.AddDays(9))], (await store.ReadAsync(hour, hour + (24 * 9), default)).Keys);
    }
}
