using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace HnReply.Server.Api;

/// <summary>
/// The problem body for answers the framework gives before any endpoint runs (no such path, wrong
/// method, not JSON), so they carry a one-line detail like every other error.
/// </summary>
internal static class StatusCodeProblems
{
    public static Task WriteAsync(StatusCodeContext status)
    {
        var context = status.HttpContext;
        string path = context.Request.Path.Value ?? "/";
        string detail = context.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => $"{context.Request.Method} {path}: no such page or endpoint (the API is described at /openapi/v1.json)",
            StatusCodes.Status405MethodNotAllowed => $"{context.Request.Method} {path}: this endpoint does not take {context.Request.Method}",
            StatusCodes.Status415UnsupportedMediaType => $"body: send JSON with Content-Type application/json (got {context.Request.ContentType ?? "none"})",
            _ => ReasonPhrase(context.Response.StatusCode),
        };
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = context.Response.StatusCode, Detail = detail },
        }).AsTask();
    }

    private static string ReasonPhrase(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
}
