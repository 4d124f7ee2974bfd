using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace HnReply.Server.Endpoints;

/// <summary>A POST endpoint that takes a JSON body and answers with Server-Sent Events, described alike in the OpenAPI document.</summary>
internal static class EventStreamEndpoint
{
    public static RouteHandlerBuilder Map<TRequest>(IEndpointRouteBuilder routes, string pattern, Delegate handler, string summary) where TRequest : notnull =>
        routes.MapPost(pattern, handler)
            .Accepts<TRequest>("application/json")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithSummary(summary);
}
