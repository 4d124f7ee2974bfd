using System.Diagnostics;
using Spectre.Console;

namespace HnReply.Cli.Output;

/// <summary>One reading of a long job's progress: units done of a (possibly growing or unknown) total.</summary>
internal readonly record struct ProgressReading(double Done, double? Total, string Detail);

/// <summary>
/// Shows a long job's progress on stderr (stdout stays clean for results and --json): a live
/// Spectre.Console bar with rate and ETA on a terminal, plain periodic lines when stderr is redirected.
/// </summary>
internal static class ProgressDisplay
{
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(2);

    public static Task<T> RunAsync<T>(string title, string unit, Func<IProgress<ProgressReading>, Task<T>> work) =>
        RunAsync<T>(title, unit, (progress, _) => work(progress));

    /// <summary>
    /// Like the other overload; the job may also report notices (a retry, a timeout), each shown at
    /// once as its own line, <c>title: notice</c>, above the live bar or between the plain lines.
    /// </summary>
    public static async Task<T> RunAsync<T>(string title, string unit, Func<IProgress<ProgressReading>, IProgress<string>, Task<T>> work)
    {
        if (Console.IsErrorRedirected) return await RunPlainAsync(title, unit, work).ConfigureAwait(false);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                     new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(title), maxValue: 1);
                var clock = Stopwatch.StartNew();
                var result = await work(new Callback<ProgressReading>(reading =>
                {
                    task.MaxValue = Math.Max(1, reading.Total ?? reading.Done + 1);
                    task.Value = reading.Done;
                    task.Description = Markup.Escape($"{title}: {Describe(reading, unit, clock.Elapsed)}");
                }), new Callback<string>(notice => console.MarkupLine(Markup.Escape($"{title}: {notice}")))).ConfigureAwait(false);
                task.Value = task.MaxValue;
                task.StopTask();
                return result;
            }).ConfigureAwait(false);
    }

    private static async Task<T> RunPlainAsync<T>(string title, string unit, Func<IProgress<ProgressReading>, IProgress<string>, Task<T>> work)
    {
        var clock = Stopwatch.StartNew();
        var lastPrint = TimeSpan.Zero;
        var gate = new Lock();
        var result = await work(new Callback<ProgressReading>(reading =>
        {
            lock (gate)
            {
                if (clock.Elapsed - lastPrint < PlainInterval) return;
                lastPrint = clock.Elapsed;
                Console.Error.WriteLine($"{title}: {Describe(reading, unit, clock.Elapsed)}{Eta(reading, clock.Elapsed)}");
            }
        }), new Callback<string>(notice =>
        {
            lock (gate) Console.Error.WriteLine($"{title}: {notice}");
        })).ConfigureAwait(false);
        Console.Error.WriteLine($"{title}: done in {clock.Elapsed.TotalSeconds:F1} s");
        return result;
    }

    private static string Describe(ProgressReading reading, string unit, TimeSpan elapsed)
    {
        double rate = elapsed.TotalSeconds > 0 ? reading.Done / elapsed.TotalSeconds : 0;
        string total = reading.Total is { } t ? $"/{t:N0}" : "";
        string detail = reading.Detail.Length > 0 ? $", {reading.Detail}" : "";
        return $"{reading.Done:N0}{total} {unit} ({rate:N0} {unit}/s{detail})";
    }

    private static string Eta(ProgressReading reading, TimeSpan elapsed)
    {
        if (reading.Total is not { } total || reading.Done <= 0) return "";
        double seconds = (total - reading.Done) * elapsed.TotalSeconds / reading.Done;
        return $", ETA {TimeSpan.FromSeconds(Math.Max(0, seconds)):hh\\:mm\\:ss}";
    }

    private sealed class Callback<TValue>(Action<TValue> report) : IProgress<TValue>
    {
        public void Report(TValue value) => report(value);
    }
}
