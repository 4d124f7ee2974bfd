using System.CommandLine;
using System.Net;
using HnReply.Server;
using HnReply.Server.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HnReply.Cli.Commands;

/// <summary>
/// <c>hnreply serve --models DIR... [--host 127.0.0.1] [--port 5080] [--report DIR]</c>: the HTTP API
/// and the web page. Loopback unless another host is asked for; Ctrl+C or SIGTERM stops it
/// gracefully (streams in flight end with an event saying so).
/// </summary>
internal static class ServeCommand
{
    private static readonly Option<string[]> Models = new("--models")
    {
        Description = "Model directories to serve (any kind); each is loaded once and shared by every request",
        AllowMultipleArgumentsPerToken = true,
        Required = true,
    };
    private static readonly Option<string> Host = new("--host") { Description = "Address to listen on; loopback unless you ask for another (0.0.0.0: every interface)", DefaultValueFactory = _ => "127.0.0.1" };
    private static readonly Option<int> Port = new("--port") { Description = "Port to listen on (0: any free port)", DefaultValueFactory = _ => 5080 };
    private static readonly Option<string?> Report = new("--report") { Description = "Eval report folder (hnreply eval --report DIR) for the page's ladder; default: a 'report' folder beside the first model" };

    public static Command Create()
    {
        var command = new Command("serve", "Serve the models over HTTP: a JSON/SSE API and a web page") { Models, Host, Port, Report };
        CommandAction.Set(command, async (parse, cancellationToken) =>
        {
            string[] directories = parse.GetValue(Models)!;
            foreach (string directory in directories)
                if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"--models: {directory}: no such model directory");
            int port = parse.GetValue(Port);
            if (port is < 0 or > 65535) throw new ArgumentException($"--port must be from 0 to 65535, got {port}");
            string host = parse.GetValue(Host)!;
            if (!IPAddress.TryParse(host, out var address) && host != "localhost")
                throw new ArgumentException($"--host: '{host}' is not an IP address (e.g. 127.0.0.1, ::1, 0.0.0.0) or localhost");
            var options = new ServerOptions { Models = directories, Report = parse.GetValue(Report) };
            if (options.Problems() is { Count: > 0 } problems) throw new ArgumentException(string.Join("; ", problems));

            string hostPart = address?.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{host}]" : host;
            await using var app = ServerApp.Build([], options, $"http://{hostPart}:{port}");
            var catalog = app.Services.GetRequiredService<ModelCatalog>();
            await Console.Error.WriteLineAsync($"serve: loading {directories.Length} model{(directories.Length == 1 ? "" : "s")}…").ConfigureAwait(false);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await catalog.Ready.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
                throw new InvalidDataException(e.Message, e);
            }
            foreach (var model in catalog.All)
                await Console.Error.WriteLineAsync($"serve: {model.Name} ({model.Kind}) from {model.Loaded.Directory}").ConfigureAwait(false);
            var report = app.Services.GetRequiredService<LadderReport>();
            await Console.Error.WriteLineAsync(report.Folder is null ? "serve: no eval report (the page's ladder is empty; --report DIR)" : $"serve: ladder from {report.Folder}").ConfigureAwait(false);
            await Console.Out.WriteLineAsync($"listening on {string.Join(", ", app.Urls)} (page at /, API under /api, OpenAPI at /openapi/v1.json); Ctrl+C stops").ConfigureAwait(false);
            await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            await Console.Error.WriteLineAsync("serve: stopped").ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
