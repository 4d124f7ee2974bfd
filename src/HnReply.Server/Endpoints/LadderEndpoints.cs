using HnReply.Server.Api;
using HnReply.Server.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace HnReply.Server.Endpoints;

/// <summary>GET /api/ladder (the eval report's table) and /api/ladder.png (its chart), for the page's ladder panel.</summary>
internal static class LadderEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/ladder", (LadderReport report) =>
            {
                try
                {
                    return Results.Ok(new { rows = report.Rows(), chart = report.Chart is null ? null : "/api/ladder.png" });
                }
                catch (InvalidDataException e)
                {
                    return Problems.Result(StatusCodes.Status500InternalServerError, e.Message);
                }
            })
            .WithSummary("The eval report (hnreply eval --report): one row per model, null when the server has no report");

        routes.MapGet("/api/ladder.png", (LadderReport report) =>
                report.Chart is { } chart ? Results.File(chart, "image/png") : Problems.NotFound("no ladder chart: start serve with --report DIR (a folder hnreply eval --report wrote)"))
            .Produces(StatusCodes.Status200OK, contentType: "image/png")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The eval report's chart");
    }
}
