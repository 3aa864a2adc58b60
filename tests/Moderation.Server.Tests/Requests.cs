using Grpc.Core;
using Moderation.Api.V1;

namespace Moderation.Server.Tests;

/// <summary>Request builders; every test uses its own ids so tests sharing a server never collide.</summary>
internal static class Requests
{
    public static string NewId(string kind) => kind + "-" + Guid.NewGuid().ToString("N")[..10];

    public static SubmitCommentRequest Submit(string text, string? author = null, string? commentId = null) => new()
    {
        CommentId = commentId ?? NewId("c"),
        ArticleId = "article-1",
        Author = new Author { Id = author ?? NewId("u") },
        Text = text,

        // Each test comment from its own address (in a documentation range), so the per-IP
        // limit checks what a test means it to, not the whole suite's traffic.
        IpAddress = $"198.18.{Random.Shared.Next(256)}.{Random.Shared.Next(1, 255)}",
    };

    /// <summary>Runs a call expected to fail and returns the failure with its rich details.</summary>
    public static async Task<(StatusCode Code, Google.Rpc.Status Details)> FailureOf(Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<RpcException>(call);
        return (error.StatusCode, error.GetRpcStatus() ?? new Google.Rpc.Status());
    }
}
