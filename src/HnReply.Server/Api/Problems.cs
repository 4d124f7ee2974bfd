using Microsoft.AspNetCore.Http;

namespace HnReply.Server.Api;

/// <summary>
/// RFC 7807 answers with one line that names the field and the problem: <c>detail</c> carries it,
/// <c>title</c> the status's usual phrase. Never a stack trace.
/// </summary>
public static class Problems
{
    public static IResult BadRequest(string detail) => Result(StatusCodes.Status400BadRequest, detail);

    public static IResult NotFound(string detail) => Result(StatusCodes.Status404NotFound, detail);

    public static IResult TooLarge(string detail) => Result(StatusCodes.Status413PayloadTooLarge, detail);

    public static IResult Unsupported(string detail) => Result(StatusCodes.Status415UnsupportedMediaType, detail);

    public static IResult Loading(string? failure) => failure is null
        ? Result(StatusCodes.Status503ServiceUnavailable, "the models are still loading; try again shortly")
        : Result(StatusCodes.Status503ServiceUnavailable, $"the models could not be loaded: {failure}");

    public static IResult Result(int status, string detail) => TypedResults.Problem(detail: detail, statusCode: status);
}
