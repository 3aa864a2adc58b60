using Moderation.LoadTest;

var options = LoadOptions.Parse(args, out var problems);
if (problems.Count > 0)
{
    Console.Error.WriteLine(string.Join(Environment.NewLine, problems));
    Console.Error.WriteLine(LoadOptions.Usage);
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

if (options.Compare.Count > 0)
{
    var methods = await CompareRun.RunAsync(options, cancel.Token);
    Console.Write(CompareRun.Markdown(methods));
    if (options.Report is { } compareFolder)
    {
        Directory.CreateDirectory(compareFolder);
        File.WriteAllText(Path.Combine(compareFolder, "compare.md"), CompareRun.Markdown(methods));
        File.WriteAllText(Path.Combine(compareFolder, "compare.json"), CompareRun.Json(methods));
        Console.WriteLine($"reports: {Path.Combine(compareFolder, "compare.md")}, compare.json");
    }

    // Failed calls make the comparison meaningless; a script running it should not go on as if it were one.
    return methods.Any(m => CompareRun.FailedCalls(m.Rounds) > 0) ? 1 : 0;
}

var result = await new LoadRun(options).RunAsync(cancel.Token);
Console.Write(LoadReport.Markdown(result));
if (options.Report is { } folder)
{
    LoadReport.WriteFiles(result, folder);
    Console.WriteLine($"reports: {Path.Combine(folder, "report.json")}, report.md, report.html");
}

return 0;
