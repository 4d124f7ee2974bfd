using System.Diagnostics;

namespace HnReply.Cli.Tests;

public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public string[] StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>
/// Runs the real <c>hnreply</c> (the built hnreply.dll beside the tests) as a separate process, with stderr
/// redirected. A run that outlives its timeout is killed with every process it started, so a hang fails
/// one test instead of leaving a busy child behind for the rest of the run.
/// </summary>
internal static class CliRunner
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    public static Task<CliResult> RunAsync(string workingDirectory, params string[] args) => RunAsync(workingDirectory, args, stdin: "");

    public static Task<CliResult> RunAsync(string workingDirectory, string[] args, string stdin) =>
        RunAsync(workingDirectory, args, stdin, DefaultTimeout);

    public static async Task<CliResult> RunAsync(string workingDirectory, string[] args, string stdin, TimeSpan timeout)
    {
        using var process = Start(workingDirectory, args, redirectInput: true);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The child exited (or closed stdin) before reading it all: its exit code and stderr tell why.
        }
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"hnreply {string.Join(' ', args)} ran longer than {timeout}; killed it with its children. stderr: {await stderr}");
        }
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>
    /// Runs a command and, once <paramref name="ready"/> holds, stops it with SIGTERM — the signal a
    /// service manager sends, handled like Ctrl+C (SIGINT, which a background child may be set to ignore).
    /// </summary>
    public static async Task<CliResult> RunUntilInterruptedAsync(string workingDirectory, string[] args, Func<bool> ready)
    {
        using var process = Start(workingDirectory, args, redirectInput: false);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (!ready() && !process.HasExited) await Task.Delay(50, timeout.Token);
        using (var kill = Process.Start("kill", ["-TERM", $"{process.Id}"])) await kill.WaitForExitAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    private static Process Start(string workingDirectory, string[] args, bool redirectInput)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "hnreply.dll"));
        foreach (string arg in args) start.ArgumentList.Add(arg);
        return Process.Start(start)!;
    }
}

/// <summary>A temporary working folder for one test.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("hnreply-cli-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
