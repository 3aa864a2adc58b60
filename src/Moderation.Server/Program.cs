using Moderation.Server.Extensions;

var builder = WebApplication.CreateBuilder(ModerationHost.Options(args));
builder.AddModerationServer();

var app = builder.Build();
app.MapModerationServer();
app.Run();

/// <summary>The entry point, visible to the in-process tests' host.</summary>
public partial class Program;
