using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.Json;
using HnReply.Corpus;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HnReply.Synthetic;

/// <summary>
/// A local stand-in for https://hacker-news.firebaseio.com/v0 served by Kestrel on 127.0.0.1, so
/// tests and benchmarks never reach the internet. Serves <c>item/{id}.json</c> (<c>null</c> for
/// unknown ids and for <c>nullIds</c>, as the real API does), <c>topstories.json</c>,
/// <c>newstories.json</c> and <c>maxitem.json</c>. <see cref="FaultOptions"/> applies to item requests only.
/// Bodies are serialised once at start, so serving costs little more than Kestrel itself.
/// </summary>
public sealed class FakeHnApi : IAsyncDisposable
{
    private const int MaxListLength = 500;
    private static readonly byte[] NullBody = "null"u8.ToArray();
    private static readonly int[] ServerErrors = [500, 502, 503];
    private static readonly TimeSpan DropPause = TimeSpan.FromMilliseconds(50);

    private readonly FrozenDictionary<long, byte[]> _items;
    private readonly FrozenSet<long> _nullIds;
    private readonly byte[] _topStories;
    private readonly byte[] _newStories;
    private readonly byte[] _maxItem;
    private readonly FaultOptions _faults;
    private readonly FaultPlan _plan;
    private readonly WebApplication _app;
    private long _requests;
    private long _faultsInjected;

    private FakeHnApi(IReadOnlyList<Item> items, FaultOptions faults, IReadOnlyList<long>? topStories,
        IReadOnlyList<long>? newStories, IReadOnlySet<long>? nullIds)
    {
        _items = items.ToFrozenDictionary(item => item.Id, item => Encoding.UTF8.GetBytes(ItemJson.Write(item)));
        _nullIds = (nullIds ?? new HashSet<long>()).ToFrozenSet();
        var newestStories = items.Where(item => item.Type == ItemType.Story)
            .Select(item => item.Id).OrderDescending().Take(MaxListLength).ToArray();
        _topStories = JsonSerializer.SerializeToUtf8Bytes(topStories?.ToArray() ?? newestStories);
        _newStories = JsonSerializer.SerializeToUtf8Bytes(newStories?.ToArray() ?? newestStories);
        var maxId = items.Select(item => item.Id).Concat(_nullIds).DefaultIfEmpty(0).Max();
        _maxItem = Encoding.UTF8.GetBytes(maxId.ToString(CultureInfo.InvariantCulture));
        _faults = faults;
        _plan = new FaultPlan(faults);
        _app = BuildApp();
    }

    public static async Task<FakeHnApi> StartAsync(IReadOnlyList<Item> items, FaultOptions? faults = null,
        IReadOnlyList<long>? topStories = null, IReadOnlyList<long>? newStories = null, IReadOnlySet<long>? nullIds = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        var api = new FakeHnApi(items, faults ?? new FaultOptions(), topStories, newStories, nullIds);
        await api._app.StartAsync().ConfigureAwait(false);
        // Port 0 asks the OS for a free port; Kestrel reports the one it bound.
        api.BaseUri = new Uri(api._app.Urls.First().TrimEnd('/') + "/v0/");
        return api;
    }

    /// <summary>Root of the API, with a trailing slash: <c>http://127.0.0.1:PORT/v0/</c>.</summary>
    public Uri BaseUri { get; private set; } = null!;

    /// <summary>Item requests answered, faulty or not.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    public long FaultsInjected => Interlocked.Read(ref _faultsInjected);

    /// <summary>A snapshot: item requests per id so far.</summary>
    public IReadOnlyDictionary<long, int> RequestsPerItem => _plan.RequestsPerItem;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private WebApplication BuildApp()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            // Without this every instance watches appsettings files, and many test servers exhaust inotify.
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var app = builder.Build();
        app.MapGet("/v0/item/{id}.json", ServeItemAsync);
        app.MapGet("/v0/topstories.json", context => WriteJsonAsync(context, _topStories));
        app.MapGet("/v0/newstories.json", context => WriteJsonAsync(context, _newStories));
        app.MapGet("/v0/maxitem.json", context => WriteJsonAsync(context, _maxItem));
        return app;
    }

    private async Task ServeItemAsync(HttpContext context)
    {
        if (!long.TryParse(context.Request.RouteValues["id"] as string, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        Interlocked.Increment(ref _requests);
        var body = !_nullIds.Contains(id) && _items.TryGetValue(id, out var json) ? json : NullBody;
        var fault = _plan.Next(id);
        if (fault.Kind != FaultKind.None) Interlocked.Increment(ref _faultsInjected);
        switch (fault.Kind)
        {
            case FaultKind.Slow:
                var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
                using (var both = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping))
                {
                    try
                    {
                        await Task.Delay(_faults.SlowDelay, both.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        return; // the client gave up, as it should
                    }
                }
                await WriteJsonAsync(context, body).ConfigureAwait(false);
                break;
            case FaultKind.ServerError:
                context.Response.StatusCode = ServerErrors[(int)(fault.Variant % (ulong)ServerErrors.Length)];
                break;
            case FaultKind.TooManyRequests:
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.Headers.RetryAfter = (fault.Variant % 2).ToString(CultureInfo.InvariantCulture);
                break;
            case FaultKind.Drop:
                context.Response.ContentType = "application/json; charset=utf-8";
                context.Response.ContentLength = body.Length;
                var sent = 1 + (int)(fault.Variant % (ulong)(body.Length - 1));
                await context.Response.Body.WriteAsync(body.AsMemory(0, sent)).ConfigureAwait(false);
                await context.Response.Body.FlushAsync().ConfigureAwait(false);
                // Abort discards output the transport has not sent yet; a pause lets the headers and the
                // partial body reach the client, so the drop lands mid-body rather than before the headers.
                await Task.Delay(DropPause).ConfigureAwait(false);
                context.Abort();
                break;
            default:
                await WriteJsonAsync(context, body).ConfigureAwait(false);
                break;
        }
    }

    private static Task WriteJsonAsync(HttpContext context, byte[] body)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body).AsTask();
    }
}
