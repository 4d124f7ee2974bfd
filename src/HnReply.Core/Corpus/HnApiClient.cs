using System.Net;
using System.Text.Json;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace HnReply.Corpus;

/// <summary>
/// Reads items and story lists from the Hacker News API (https://github.com/HackerNews/API),
/// retrying what can pass: dropped connections, timeouts, 429 (honouring Retry-After up to
/// <see cref="HnApiOptions.MaxDelay"/>), 5xx and bodies cut short. Each attempt, body included,
/// runs under <see cref="HnApiOptions.Timeout"/>. A host that cannot be reached at all (its name does
/// not resolve, the connection is refused, the network is unreachable) fails at once, without
/// retries, as an <see cref="HnApiException"/> with <see cref="HnApiException.Unreachable"/> set: waiting
/// would not change the answer. Anything else, or running out of retries, is an
/// <see cref="HnApiException"/>; caller cancellation is an <see cref="OperationCanceledException"/>.
/// Every retry is reported as it happens, so a stalled API is visible.
/// Thread-safe: one client serves a whole crawl.
/// </summary>
public sealed class HnApiClient : IDisposable
{
    private static readonly ResiliencePropertyKey<string> RequestKey = new("hnreply.request");

    private readonly HnApiOptions _options;
    private readonly HttpClient _http;
    private readonly ResiliencePipeline _pipeline;
    private readonly IProgress<HnApiRetry>? _retryProgress;
    private long _retries;

    /// <param name="handler">Replaces the pooled <see cref="SocketsHttpHandler"/> (tests); the caller keeps ownership.</param>
    /// <param name="retries">Told of every retry before its wait begins.</param>
    /// <param name="time">Clock for timeouts and backoff (tests); the system clock by default.</param>
    public HnApiClient(HnApiOptions options, HttpMessageHandler? handler = null, IProgress<HnApiRetry>? retries = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _retryProgress = retries;
        _http = handler is null
            ? new HttpClient(new SocketsHttpHandler
            {
                MaxConnectionsPerServer = options.MaxConnections,
                // Recycled so a long crawl follows DNS changes of the API host.
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                AutomaticDecompression = DecompressionMethods.All,
            }, disposeHandler: true)
            : new HttpClient(handler, disposeHandler: false);
        var baseUri = options.BaseUri.AbsoluteUri;
        _http.BaseAddress = new Uri(baseUri.EndsWith('/') ? baseUri : baseUri + "/");
        // The pipeline's per-attempt timeout governs; HttpClient's own would cut across retries.
        _http.Timeout = System.Threading.Timeout.InfiniteTimeSpan;
        _pipeline = BuildPipeline(options, time ?? TimeProvider.System);
    }

    /// <summary>Total retries by this client so far, across all requests.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>The item, or null when the API answers <c>null</c> (unknown or not yet visible ids).</summary>
    public Task<Item?> GetItemAsync(long id, CancellationToken cancellationToken = default) =>
        GetAsync($"item/{id}.json", $"item {id}",
            static body => IsJsonNull(body) ? null : ItemJson.Parse(body), cancellationToken);

    public Task<IReadOnlyList<long>> GetTopStoriesAsync(CancellationToken cancellationToken = default) =>
        GetAsync("topstories.json", "topstories", ParseIds, cancellationToken);

    public Task<IReadOnlyList<long>> GetNewStoriesAsync(CancellationToken cancellationToken = default) =>
        GetAsync("newstories.json", "newstories", ParseIds, cancellationToken);

    public Task<long> GetMaxItemAsync(CancellationToken cancellationToken = default) =>
        GetAsync("maxitem.json", "maxitem", static body =>
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.GetInt64();
        }, cancellationToken);

    public void Dispose() => _http.Dispose();

    private ResiliencePipeline BuildPipeline(HnApiOptions options, TimeProvider time)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder()
                    .Handle<HttpRequestException>(e => !IsUnreachable(e))
                    .Handle<IOException>() // includes HttpIOException: the connection dropped mid-body
                    .Handle<TimeoutRejectedException>()
                    .Handle<TransientAnswerException>(),
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Exception is TransientAnswerException { RetryAfter: { } wait }
                        ? (TimeSpan?)(wait < options.MaxDelay ? wait : options.MaxDelay)
                        : null),
                OnRetry = args =>
                {
                    Interlocked.Increment(ref _retries);
                    if (_retryProgress is not null && args.Outcome.Exception is { } failure)
                    {
                        string request = args.Context.Properties.GetValue(RequestKey, "request");
                        _retryProgress.Report(new HnApiRetry(request, args.AttemptNumber + 1, options.MaxRetries, args.RetryDelay, Describe(failure)));
                    }
                    return default;
                },
            });
        }
        // Inner: each attempt gets its own budget, so a slow answer is retried instead of waited out.
        return builder.AddTimeout(options.Timeout).Build();
    }

    private async Task<T> GetAsync<T>(string path, string what, Func<byte[], T> parse, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(RequestKey, what);
        try
        {
            return await _pipeline.ExecuteAsync(
                static (ctx, state) => state.Client.AttemptAsync(state.Path, state.What, state.Parse, ctx.CancellationToken),
                context, (Client: this, Path: path, What: what, Parse: parse)).ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (IsUnreachable(e))
        {
            throw new HnApiException($"cannot reach {_options.BaseUri.GetLeftPart(UriPartial.Authority)}: {Describe(e)}", e, unreachable: true);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TimeoutRejectedException or TransientAnswerException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw new HnApiException($"{what}: gave up after {_options.MaxRetries} retries: {Describe(e)}", e);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    // No answer will come while the name does not resolve or nothing listens: retrying only hides that.
    private static bool IsUnreachable(HttpRequestException e) =>
        e.HttpRequestError == HttpRequestError.NameResolutionError
        || e.GetBaseException() is System.Net.Sockets.SocketException
        {
            SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused or System.Net.Sockets.SocketError.NetworkUnreachable
                or System.Net.Sockets.SocketError.HostNotFound or System.Net.Sockets.SocketError.TryAgain,
        };

    // One attempt: the whole body is read here, inside the pipeline, so a drop mid-body is retried.
    private async ValueTask<T> AttemptAsync<T>(string path, string what, Func<byte[], T> parse, CancellationToken ct)
    {
        using var response = await _http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        var statusText = $"{status} {response.ReasonPhrase ?? response.StatusCode.ToString()}";
        if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || status >= 500)
            throw new TransientAnswerException(statusText, RetryAfter(response));
        if (!response.IsSuccessStatusCode) throw new HnApiException($"{what}: {statusText}");

        var body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        try
        {
            return parse(body);
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
        {
            if (JsonPrefix.IsTruncated(body)) throw new TransientAnswerException($"body cut short after {body.Length} bytes");
            throw new HnApiException($"{what}: malformed JSON: {e.Message}", e);
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    private string Describe(Exception e) => e switch
    {
        TimeoutRejectedException => $"no complete answer within {_options.Timeout.TotalMilliseconds:0} ms",
        TransientAnswerException => e.Message,
        HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } => $"name resolution failed ({e.GetBaseException().Message})",
        // HttpRequestException says only "An error occurred while sending the request"; the socket error says why.
        _ => $"connection failed: {e.GetBaseException().Message}",
    };

    private static bool IsJsonNull(ReadOnlySpan<byte> body) => body.Trim(" \t\r\n"u8).SequenceEqual("null"u8);

    private static IReadOnlyList<long> ParseIds(byte[] body)
    {
        using var doc = JsonDocument.Parse(body);
        if (doc.RootElement.ValueKind == JsonValueKind.Null) return [];
        var ids = new long[doc.RootElement.GetArrayLength()];
        var i = 0;
        foreach (var element in doc.RootElement.EnumerateArray()) ids[i++] = element.GetInt64();
        return ids;
    }
}
