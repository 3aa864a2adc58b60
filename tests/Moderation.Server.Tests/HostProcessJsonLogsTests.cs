using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using Moderation.Api.V1;
using Moderation.Testing;

namespace Moderation.Server.Tests;

/// <summary>
/// The built service with ASP.NET Core's JSON console formatter (Logging__Console__FormatterName=json):
/// standard output is one JSON object a line, which a log pipeline can parse, and the operator
/// still gets the development key, on standard error and never in the log.
/// </summary>
public sealed class HostProcessJsonLogsTests : IAsyncLifetime
{
    private ServiceProcess _service = null!;

    public Task InitializeAsync()
    {
        _service = new ServiceProcess(
            Path.Combine(AppContext.BaseDirectory, "Moderation.Server.dll"),
            new Dictionary<string, string>
            {
                ["Console__Url"] = "http://127.0.0.1:0",
                ["Logging__Console__FormatterName"] = "json",
            });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task Service_JsonConsoleFormatter_WritesOnlyJsonLinesAndTheKeyOnStandardError()
    {
        string key = await _service.KeyAsync();
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{_service.Port}");
        var reply = await SubmitAsync(new CommentService.CommentServiceClient(channel), new Metadata { { "authorization", "Bearer " + key } });

        // Lifetime's "Application started" is logged after the start-up events (rules, store, key).
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && !_service.StandardOutput.Any(l => l.Contains("\"Microsoft.Hosting.Lifetime\"", StringComparison.Ordinal)))
        {
            await Task.Delay(50);
        }

        var log = _service.StandardOutput.ToList();
        Assert.Equal(Verdict.Approved, reply.Decision.Verdict);
        Assert.NotEmpty(log);
        var entries = log.Select(line => (line, entry: ParseOrNull(line))).ToList();
        Assert.All(entries, e => Assert.True(e.entry is { ValueKind: JsonValueKind.Object }, $"not a JSON object: {e.line}"));
        Assert.All(entries, e =>
        {
            Assert.Equal(JsonValueKind.Number, e.entry!.Value.GetProperty("EventId").ValueKind);
            Assert.Equal(JsonValueKind.String, e.entry!.Value.GetProperty("Category").ValueKind);
            Assert.Equal(JsonValueKind.String, e.entry!.Value.GetProperty("Message").ValueKind);
        });
        Assert.Contains(entries, e => e.entry!.Value.GetProperty("EventId").GetInt32() == 1005);
        Assert.Contains(entries, e => e.entry!.Value.GetProperty("EventId").GetInt32() == 1006);
        Assert.Contains(_service.StandardError, l => l.StartsWith("Development API key (role admin", StringComparison.Ordinal) && l.EndsWith(key, StringComparison.Ordinal));
        Assert.DoesNotContain(log, l => l.Contains(key, StringComparison.Ordinal));
    }

    private static JsonElement? ParseOrNull(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task<SubmitCommentResponse> SubmitAsync(CommentService.CommentServiceClient client, Metadata auth)
    {
        // The service may still be binding its port when the key is printed.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                return await client.SubmitCommentAsync(Requests.Submit("Logged as JSON."), auth);
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Unavailable && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }
}
