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

    /// <summary>The shapes of broken protobuf: each is not a valid encoding of any message.</summary>
    public static byte[] MalformedPayload(Random random)
    {
        switch (random.Next(8))
        {
            case 0: // A varint that never ends.
                return [0x08, .. Enumerable.Repeat((byte)0xFF, random.Next(1, 12))];
            case 1: // A length past the end.
                return [0x0A, (byte)random.Next(10, 127), .. "abc"u8.ToArray()];
            case 2: // A string field (1) sent with the 32-bit wire type, then cut short.
                return [0x0D, 0x01];
            case 3: // Groups nested far past the parser's limit.
                return [.. Enumerable.Repeat((byte)0x0B, random.Next(101, 400))];
            case 4: // Field number 0, which no message has.
                return [0x00, 0x01];
            case 5: // An end-group that no group opened.
                return [0x0C];
            case 6: // The deprecated wire types 6 and 7.
                return [(byte)(0x08 | random.Next(6, 8))];
            default: // Invalid UTF-8 in field 1 (a string in every request that has one): a cut emoji, a lone surrogate.
                byte[][] broken = [[0xF0, 0x9F, 0x98], [0xED, 0xA0, 0x80], [0xC3], [0xFF, 0xFE]];
                var bytes = broken[random.Next(broken.Length)];
                return [0x0A, (byte)bytes.Length, .. bytes];
        }
    }

    /// <summary>Runs a call expected to fail and returns the failure with its rich details.</summary>
    public static async Task<(StatusCode Code, Google.Rpc.Status Details)> FailureOf(Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<RpcException>(call);
        return (error.StatusCode, error.GetRpcStatus() ?? new Google.Rpc.Status());
    }
}
