using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HnReply.Server.Api;

/// <summary>
/// A failure no endpoint expected still answers with one line (the exception's type and the first
/// line of its message, never its stack), and is logged in full for whoever runs the server.
/// </summary>
internal static partial class UnexpectedProblems
{
    public static void Describe(ProblemDetailsContext context)
    {
        if (context.Exception is not { } e || context.ProblemDetails.Detail is not null) return;
        context.ProblemDetails.Detail = $"unexpected {e.GetType().Name}: {e.Message.Split('\n')[0].Trim()}";
        var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("HnReply.Server");
        Failed(logger, e, context.HttpContext.Request.Method, context.HttpContext.Request.Path);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed")]
    private static partial void Failed(ILogger logger, Exception exception, string method, PathString path);
}
