using System.Net;
using System.Net.Sockets;

namespace HnReply.Cli.Tests.Commands;

/// <summary>hnreply serve through the real executable: it answers on the port it was given, stops cleanly on SIGTERM, and refuses bad flags in one line.</summary>
public class ServeCommandTests
{
    private static async Task TrainNGramAsync(TempFolder folder)
    {
        File.WriteAllLines(folder.File("train.txt"), Enumerable.Repeat("the cat sat on the mat", 20));
        var run = await CliRunner.RunAsync(folder.Path, "train", "ngram", "--out", "lm", "--order", "2", "--tokenizer", "whitespace", "--train", "train.txt");
        Assert.True(run.ExitCode == 0, run.Stderr);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task Serve_AnswersUntilSigterm_ThenStopsCleanly()
    {
        using var folder = new TempFolder();
        await TrainNGramAsync(folder);
        int port = FreePort();
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
        string? answer = null;

        var run = await CliRunner.RunUntilInterruptedAsync(folder.Path, ["serve", "--models", "lm", "--port", $"{port}"], () =>
        {
            try
            {
                using var response = client.PostAsync(new Uri("/api/suggest", UriKind.Relative),
                    new StringContent("""{"model":"lm","text":"the cat "}""", System.Text.Encoding.UTF8, "application/json")).GetAwaiter().GetResult();
                answer = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
                return response.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false; // not listening yet
            }
        });

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("\"text\":\"sat\"", answer, StringComparison.Ordinal);
        Assert.StartsWith($"listening on http://127.0.0.1:{port}", run.Stdout, StringComparison.Ordinal);
        Assert.Equal("serve: stopped", run.StderrLines[^1]);
    }

    [Fact]
    public async Task Serve_MissingModelDirectory_OneLineAndExit1()
    {
        using var folder = new TempFolder();

        var run = await CliRunner.RunAsync(folder.Path, "serve", "--models", "nope");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["hnreply: --models: nope: no such model directory"], run.StderrLines);
    }

    [Fact]
    public async Task Serve_DirectoryThatIsNotAModel_OneLineNamingTheFileAndExit1()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.File("empty"));

        var run = await CliRunner.RunAsync(folder.Path, "serve", "--models", "empty", "--port", $"{FreePort()}");

        Assert.Equal(1, run.ExitCode);
        string error = Assert.Single(run.StderrLines, l => l.StartsWith("hnreply:", StringComparison.Ordinal));
        Assert.Contains("model.json", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--host", "example.com", "hnreply: --host: 'example.com' is not an IP address (e.g. 127.0.0.1, ::1, 0.0.0.0) or localhost")]
    [InlineData("--port", "70000", "hnreply: --port must be from 0 to 65535, got 70000")]
    public async Task Serve_BadFlag_OneLineAndExit1(string flag, string value, string expected)
    {
        using var folder = new TempFolder();
        await TrainNGramAsync(folder);

        var run = await CliRunner.RunAsync(folder.Path, "serve", "--models", "lm", flag, value);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal([expected], run.StderrLines);
    }
}
