using Microsoft.Extensions.Time.Testing;
using Moderation.Core.Workflow;
using Moderation.Core.Workflow.Transitions;

namespace Moderation.Testing;

/// <summary>The workflow over a store, as the service composes it, on a clock stopped at <see cref="TestComments.Epoch"/> unless given one.</summary>
public static class TestWorkflow
{
    public static CommentWorkflow Over(ICommentRecordStore records, TimeProvider? time = null, ReportOptions? reports = null) =>
        new(records, reports ?? new ReportOptions(), time ?? new FakeTimeProvider(TestComments.Epoch));
}
