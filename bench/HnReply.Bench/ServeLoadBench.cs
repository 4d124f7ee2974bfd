using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace HnReply.Bench;

/// <summary>
/// A bounded load test of a running <c>hnreply serve</c> on loopback: POST /api/suggest from
/// CONCURRENCY clients until SECONDS pass or REQUESTS are answered, then /api/reply event streams
/// from STREAMS clients for STREAM_SECONDS. Prints requests/s, p50/p99/max latency (a stream's is
/// to its last event, with time to first event beside it), errors (anything but a 200 with the
/// expected body), and the server's resident memory before and after (from /healthz).
/// </summary>
internal static class ServeLoadBench
{
    private static readonly string[] Prefixes =
    [
        "I think the ", "Is Rust worth ", "The problem with ", "This is a great ", "I don't think ", "We switched to Postgres because ",
        "Show HN: ", "Ask HN: What ", "In my experience the ", "The main reason ", "It depends on ", "Has anyone tried ", "th", "I would",
        "The article says that ", "My company uses ", "Not sure why ", "As someone who ", "The real issue is that the ", "Why not just use ",
    ];

    private static readonly string[] Parents =
    [
        "Is Rust worth learning for systems programming in 2026?",
        "What database do you use for side projects and why?",
        "Remote work has made our team slower, not faster.",
        "Why does every web page need megabytes of JavaScript?",
    ];

    /// <summary>Arguments: URL --model NAME [--concurrency 32] [--seconds 60] [--requests 100000] [--text FILE] [--replier NAME] [--streams 8] [--stream-seconds 30].</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal)) return Usage();
        var url = new Uri(args[0]);
        string? Flag(string name) => Array.IndexOf(args, name) is >= 0 and var i && i + 1 < args.Length ? args[i + 1] : null;
        int Number(string name, int fallback) => Flag(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        string? model = Flag("--model");
        string? replier = Flag("--replier");
        if (model is null && replier is null) return Usage();
        IReadOnlyList<string> prefixes = Flag("--text") is { } file ? PrefixesFrom(file) : Prefixes;

        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = url,
            Timeout = TimeSpan.FromSeconds(100),
        };
        long before = await ResidentAsync(client);
        Console.WriteLine($"serve-load: {url} ({Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC); server resident {before / 1e6:F0} MB before");

        if (model is not null)
        {
            int concurrency = Number("--concurrency", 32);
            var limit = TimeSpan.FromSeconds(Number("--seconds", 60));
            int requests = Number("--requests", 100_000);
            // warm-up: the first requests pay for JIT and the first allocations; not counted
            await RunClientsAsync(concurrency, TimeSpan.FromSeconds(3), 2_000, i => SuggestAsync(client, model, prefixes[i % prefixes.Count]));
            long warm = await ResidentAsync(client);
            double cpu = await CpuSecondsAsync(client);
            var result = await RunClientsAsync(concurrency, limit, requests, i => SuggestAsync(client, model, prefixes[i % prefixes.Count]));
            cpu = await CpuSecondsAsync(client) - cpu;
            long after = await ResidentAsync(client);
            Console.WriteLine($"suggest {model}: concurrency {concurrency}, {result.Describe()}; {CpuPerRequest(cpu, result.Samples.Count)}; " +
                              $"resident {warm / 1e6:F0} MB after warm-up -> {after / 1e6:F0} MB ({Growth(warm, after)})");
        }
        if (replier is not null)
        {
            int streams = Number("--streams", 8);
            var limit = TimeSpan.FromSeconds(Number("--stream-seconds", 30));
            long start = await ResidentAsync(client);
            double cpu = await CpuSecondsAsync(client);
            var result = await RunClientsAsync(streams, limit, int.MaxValue, i => ReplyAsync(client, replier, Parents[i % Parents.Length]));
            cpu = await CpuSecondsAsync(client) - cpu;
            long after = await ResidentAsync(client);
            Console.WriteLine($"reply {replier} (SSE): concurrency {streams}, {result.Describe()}; {CpuPerRequest(cpu, result.Samples.Count)}; " +
                              $"resident {start / 1e6:F0} MB -> {after / 1e6:F0} MB ({Growth(start, after)})");
        }
        Console.WriteLine($"server resident {before / 1e6:F0} MB before -> {await ResidentAsync(client) / 1e6:F0} MB after everything");
        return 0;
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: HnReply.Bench serve-load URL --model NAME [--concurrency 32] [--seconds 60] [--requests 100000] [--text FILE] [--replier NAME] [--streams 8] [--stream-seconds 30]");
        return 1;
    }

    private static string Growth(long from, long to) => $"{(to - from) * 100.0 / from:+0.0;-0.0}%";

    private static List<string> PrefixesFrom(string file)
    {
        var random = new Random(1);
        return File.ReadLines(file).Where(l => l.Length > 20).Take(5_000)
            .Select(l => l[..random.Next(1, Math.Min(l.Length, 300))]).ToList();
    }

    private static async Task<long> ResidentAsync(HttpClient client) => (await HealthAsync(client)).GetProperty("resident_bytes").GetInt64();

    private static async Task<double> CpuSecondsAsync(HttpClient client) => (await HealthAsync(client)).GetProperty("cpu_seconds").GetDouble();

    private static Task<JsonElement> HealthAsync(HttpClient client) => client.GetFromJsonAsync<JsonElement>(new Uri("/healthz", UriKind.Relative));

    // The server's CPU time per answered request: unlike latency, hardly changed by other work on a shared machine.
    private static string CpuPerRequest(double cpuSeconds, int requests) => $"server CPU {cpuSeconds * 1000 / Math.Max(1, requests):F2} ms per request";

    // One request: its latency (and time to first event for a stream), or false when it failed.
    private sealed record Sample(bool Ok, double Milliseconds, double? FirstMilliseconds = null, string? Error = null);

    private static async Task<Sample> SuggestAsync(HttpClient client, string model, string text)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await client.PostAsJsonAsync(new Uri("/api/suggest", UriKind.Relative), new { model, text, k = 5 });
            string body = await response.Content.ReadAsStringAsync();
            bool ok = response.IsSuccessStatusCode && body.Contains("\"suggestions\"", StringComparison.Ordinal);
            return new Sample(ok, clock.Elapsed.TotalMilliseconds, Error: ok ? null : $"{(int)response.StatusCode} {body[..Math.Min(body.Length, 200)]}");
        }
        catch (HttpRequestException e)
        {
            return new Sample(false, clock.Elapsed.TotalMilliseconds, Error: e.Message);
        }
    }

    private static async Task<Sample> ReplyAsync(HttpClient client, string model, string parent)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/reply", UriKind.Relative)) { Content = JsonContent.Create(new { model, parent, n = 3 }) };
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            if (!response.IsSuccessStatusCode) return new Sample(false, clock.Elapsed.TotalMilliseconds, Error: $"{(int)response.StatusCode}");
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(), Encoding.UTF8);
            double first = 0;
            bool done = false;
            while (await reader.ReadLineAsync() is { } line)
            {
                if (first == 0 && line.StartsWith("event: ", StringComparison.Ordinal)) first = clock.Elapsed.TotalMilliseconds;
                if (line == "event: done") done = true;
            }
            return new Sample(done, clock.Elapsed.TotalMilliseconds, first, done ? null : "stream ended without a done event");
        }
        catch (HttpRequestException e)
        {
            return new Sample(false, clock.Elapsed.TotalMilliseconds, Error: e.Message);
        }
    }

    private sealed record Result(List<Sample> Samples, TimeSpan Elapsed)
    {
        public string Describe()
        {
            var ok = Samples.Where(s => s.Ok).Select(s => s.Milliseconds).Order().ToList();
            var first = Samples.Where(s => s.Ok && s.FirstMilliseconds is not null).Select(s => s.FirstMilliseconds!.Value).Order().ToList();
            string streamed = first.Count > 0 ? $", first event p50 {Percentile(first, 50):F1} ms" : "";
            return $"{Samples.Count:N0} requests in {Elapsed.TotalSeconds:F1} s = {Samples.Count / Elapsed.TotalSeconds:N0} req/s, " +
                   $"p50 {Percentile(ok, 50):F1} ms, p99 {Percentile(ok, 99):F1} ms, max {(ok.Count > 0 ? ok[^1] : 0):F1} ms{streamed}, errors {Samples.Count - ok.Count}" +
                   string.Concat(Samples.Where(s => s.Error is not null).GroupBy(s => s.Error).Take(3).Select(g => $" [{g.Count()}x {g.Key}]"));
        }

        private static double Percentile(List<double> sorted, double p) =>
            sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p / 100 * sorted.Count) - 1)];
    }

    // CONCURRENCY loops, each sending its next request when the last is answered, until the time or the request count is up.
    private static async Task<Result> RunClientsAsync(int concurrency, TimeSpan limit, int requests, Func<int, Task<Sample>> send)
    {
        var samples = new List<Sample>[concurrency];
        int issued = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async c =>
        {
            samples[c] = [];
            int i;
            while (clock.Elapsed < limit && (i = Interlocked.Increment(ref issued)) < requests) samples[c].Add(await send(i));
        }));
        return new Result(samples.SelectMany(s => s).ToList(), clock.Elapsed);
    }
}
