using System.Globalization;

namespace Moderation.LoadTest;

/// <summary>A live line on stderr, redrawn each second, so stdout carries only the report.</summary>
internal sealed class ProgressLine(TimeSpan duration)
{
    private const int Width = 30;

    public void Show(TimeSpan elapsed, long calls, long failures, double p99Ms)
    {
        double done = duration <= TimeSpan.Zero ? 1 : Math.Clamp(elapsed / duration, 0, 1);
        int filled = (int)Math.Round(done * Width);
        double rate = elapsed.TotalSeconds <= 0 ? 0 : calls / elapsed.TotalSeconds;
        Console.Error.Write(string.Create(CultureInfo.InvariantCulture,
            $"\r[{new string('#', filled)}{new string('.', Width - filled)}] {elapsed.TotalSeconds,5:0}/{duration.TotalSeconds:0} s  {rate,8:N0} calls/s  p99 {p99Ms,7:0.00} ms  failed {failures:N0}   "));
    }

    public static void Done() => Console.Error.WriteLine();
}
