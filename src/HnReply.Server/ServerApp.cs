using System.Threading.RateLimiting;
using HnReply.Server.Api;
using HnReply.Server.Endpoints;
using HnReply.Server.Models;
using HnReply.Server.Streaming;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HnReply.Server;

/// <summary>
/// The whole server in one place: services, the middleware order and the endpoints. <c>hnreply
/// serve</c> and the integration tests (through <see cref="ServerEntry"/>) build it the same way.
/// </summary>
public static class ServerApp
{
    /// <param name="options">What to serve; null binds them from the "HnReply" configuration section (the entry point's way).</param>
    /// <param name="url">Where Kestrel listens (e.g. http://127.0.0.1:5080); null leaves it to configuration.</param>
    public static WebApplication Build(string[] args, ServerOptions? options = null, string? url = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        // Per-request logs at Information would cost more than a suggestion does; warnings and errors still show.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (options is null) builder.Services.AddOptions<ServerOptions>().Bind(builder.Configuration.GetSection(ServerOptions.Section));
        else builder.Services.AddSingleton(Options.Create(options));
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<ServerOptions>>((kestrel, served) =>
        {
            kestrel.Limits.MaxRequestBodySize = served.Value.MaxBodyBytes;
            kestrel.AddServerHeader = false;
        });
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(10));
        if (url is not null) builder.WebHost.UseUrls(url);

        builder.Services.AddSingleton<ModelCatalog>();
        builder.Services.AddSingleton<GenerationCounter>();
        builder.Services.AddSingleton(services => LadderReport.Locate(services.GetRequiredService<IOptions<ServerOptions>>().Value));
        builder.Services.AddHostedService<CatalogLoading>();
        builder.Services.AddProblemDetails(problems => problems.CustomizeProblemDetails = UnexpectedProblems.Describe);
        builder.Services.AddOpenApi();
        builder.Services.ConfigureHttpJsonOptions(json => ApiJson.Configure(json.SerializerOptions));
        builder.Services.AddRateLimiter(AddLimits);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages(StatusCodeProblems.WriteAsync);
        app.UseRateLimiter();
        var page = new EmbeddedFileProvider(typeof(ServerApp).Assembly, "HnReply.Server.wwwroot");
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = page });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = page });
        app.MapOpenApi();
        HealthEndpoints.Map(app);
        ModelEndpoints.Map(app);
        LadderEndpoints.Map(app);
        SuggestEndpoints.Map(app);
        CompleteEndpoints.Map(app);
        ReplyEndpoints.Map(app);
        return app;
    }

    // Two pools of slots, neither queued: streams (complete, reply) each hold a core for seconds, so
    // few run at once; everything else under /api is quick. A client over the limit gets 429 with
    // Retry-After at once instead of waiting behind work it cannot see.
    private static void AddLimits(RateLimiterOptions limiter)
    {
        limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            var served = context.RequestServices.GetRequiredService<IOptions<ServerOptions>>().Value;
            string path = context.Request.Path.Value ?? "";
            if (path is "/api/complete" or "/api/reply")
                return RateLimitPartition.GetConcurrencyLimiter("streams", _ => new ConcurrencyLimiterOptions { PermitLimit = served.MaxConcurrentStreams, QueueLimit = 0 });
            if (path.StartsWith("/api/", StringComparison.Ordinal))
                return RateLimitPartition.GetConcurrencyLimiter("api", _ => new ConcurrencyLimiterOptions { PermitLimit = served.MaxConcurrentRequests, QueueLimit = 0 });
            return RateLimitPartition.GetNoLimiter("page");
        });
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.OnRejected = (rejected, _) =>
        {
            rejected.HttpContext.Response.Headers.RetryAfter = "1";
            return new ValueTask(Problems.Result(StatusCodes.Status429TooManyRequests, "too many requests at once; retry after 1 s").ExecuteAsync(rejected.HttpContext));
        };
    }
}
