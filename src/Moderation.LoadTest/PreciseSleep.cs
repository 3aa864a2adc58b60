using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Moderation.LoadTest;

/// <summary>
/// Sleeps a thread until a Stopwatch timestamp. On Linux it asks the kernel for the remaining
/// nanoseconds (nanosleep wakes within about a tenth of a millisecond here); elsewhere it sleeps whole
/// milliseconds, which is as fine as Thread.Sleep goes.
/// </summary>
internal static partial class PreciseSleep
{
    public static void Until(long timestamp)
    {
        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
        if (wait <= TimeSpan.Zero)
        {
            return;
        }

        if (OperatingSystem.IsLinux())
        {
            long nanoseconds = (long)(wait.TotalMicroseconds * 1000);
            var request = new TimeSpec { Seconds = nanoseconds / 1_000_000_000, Nanoseconds = nanoseconds % 1_000_000_000 };
            _ = NanoSleep(in request, IntPtr.Zero);
        }
        else
        {
            Thread.Sleep(Math.Max(1, (int)wait.TotalMilliseconds));
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "nanosleep")]
    private static partial int NanoSleep(in TimeSpec request, IntPtr remaining);
}
