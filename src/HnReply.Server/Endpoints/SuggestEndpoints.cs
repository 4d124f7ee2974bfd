using HnReply.Prediction;
using HnReply.Server.Api;
using HnReply.Server.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace HnReply.Server.Endpoints;

/// <summary>POST /api/suggest: the CLI's <c>suggest</c> over HTTP, through the same <see cref="TypingSession"/>.</summary>
internal static class SuggestEndpoints
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/suggest", SuggestAsync)
            .Accepts<SuggestRequest>("application/json")
            .Produces<SuggestResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithSummary("Next words after the text, or completions of the word it ends in");

    private static async Task<IResult> SuggestAsync(HttpRequest http, ModelCatalog catalog, IOptions<ServerOptions> options)
    {
        var (request, bad) = await JsonBody.ReadAsync<SuggestRequest>(http, options.Value.MaxBodyBytes).ConfigureAwait(false);
        if (request is null) return bad!;
        var checks = new RequestChecks();
        checks.Text(request.Text, "text", allowBlank: true);
        checks.Range(request.K, "k", 1, options.Value.MaxSuggestions);
        if (!checks.Ok) return Problems.BadRequest(checks.Message);
        var (model, missing) = ModelLookup.Find(catalog, request.Model);
        if (model is null) return missing!;
        if (model.Loaded.LanguageModel is not { } languageModel)
            return Problems.BadRequest($"model: '{model.Name}' is a {model.Kind} model and does not predict text; use a language model");

        // A session per request: the model is shared and read-only, the state is this request's.
        var suggestions = new TypingSession(languageModel).Suggest(request.Text!, request.K);
        return TypedResults.Ok(new SuggestResponse(request.Text!, [.. suggestions.Select(s => new SuggestionItem(s.Text, s.Probability))]));
    }
}
