using HnReply.Server.Models;
using HnReply.Server.Streaming;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace HnReply.Server.Endpoints;

/// <summary>
/// GET /healthz: 200 once every model is loaded, 503 while loading or when loading failed. It also
/// shows the streams running, the tokens generated so far, the resident memory and the CPU time
/// used, which the load bench reads before and after.
/// </summary>
internal static class HealthEndpoints
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/healthz", (ModelCatalog catalog, GenerationCounter counter) =>
            {
                string status = catalog.IsReady ? "ready" : catalog.Failure is null ? "loading" : "failed";
                using var self = System.Diagnostics.Process.GetCurrentProcess();
                var body = new
                {
                    status,
                    detail = catalog.Failure,
                    models = catalog.All.Count,
                    streams = counter.Active,
                    tokens_generated = counter.Tokens,
                    resident_bytes = Environment.WorkingSet,
                    cpu_seconds = self.TotalProcessorTime.TotalSeconds,
                };
                return Results.Json(body, statusCode: catalog.IsReady ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
            })
            .WithSummary("Ready once the models are loaded");
}
