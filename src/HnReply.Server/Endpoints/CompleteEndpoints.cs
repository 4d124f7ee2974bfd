using HnReply.Prediction;
using HnReply.Server.Api;
using HnReply.Server.Models;
using HnReply.Server.Streaming;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HnReply.Server.Endpoints;

/// <summary>
/// POST /api/complete: the CLI's <c>complete</c> as Server-Sent Events: a <c>token</c> event per
/// token as it is sampled, then <c>done</c> (or <c>error</c> when the stream ran out of time). A
/// client that disconnects stops the generation at the next token.
/// </summary>
internal static class CompleteEndpoints
{
    public static void Map(IEndpointRouteBuilder routes) =>
        EventStreamEndpoint.Map<CompleteRequest>(routes, "/api/complete", CompleteAsync, "Continue a text; Server-Sent Events: token*, then done or error");

    private static async Task<IResult> CompleteAsync(HttpContext context, ModelCatalog catalog, GenerationCounter counter, IHostApplicationLifetime lifetime, IOptions<ServerOptions> options)
    {
        var served = options.Value;
        var (request, bad) = await JsonBody.ReadAsync<CompleteRequest>(context.Request, served.MaxBodyBytes).ConfigureAwait(false);
        if (request is null) return bad!;
        var defaults = new SamplingOptions();
        var sampling = new SamplingOptions
        {
            Temperature = request.Temperature ?? defaults.Temperature,
            TopK = request.TopK ?? defaults.TopK,
            TopP = request.TopP ?? defaults.TopP,
            RepetitionPenalty = request.RepetitionPenalty ?? defaults.RepetitionPenalty,
        };
        var checks = new RequestChecks();
        checks.Text(request.Text, "text", allowBlank: true);
        checks.Range(request.MaxTokens, "max_tokens", 1, served.MaxTokens);
        checks.Sampling(sampling);
        if (!checks.Ok) return Problems.BadRequest(checks.Message);
        var (model, missing) = ModelLookup.Find(catalog, request.Model);
        if (model is null) return missing!;
        if (model.Loaded.LanguageModel is not { } languageModel)
            return Problems.BadRequest($"model: '{model.Name}' is a {model.Kind} model and does not predict text; use a language model");

        int seed = request.Seed ?? Random.Shared.Next();
        using var limits = new StreamLimits(TimeSpan.FromSeconds(served.StreamTimeoutSeconds), lifetime.ApplicationStopping, context.RequestAborted);
        await StreamAsync(context, new TypingSession(languageModel), request.Text!, request.MaxTokens, sampling, seed, counter, limits).ConfigureAwait(false);
        return TypedResults.Empty;
    }

    private static async Task StreamAsync(HttpContext context, TypingSession session, string text, int maxTokens, SamplingOptions sampling, int seed,
                                          GenerationCounter counter, StreamLimits limits)
    {
        using var running = counter.Begin();
        var events = ServerSentEvents.Start(context.Response);
        var continuation = new System.Text.StringBuilder();
        int tokens = 0;
        bool ended = false;
        try
        {
            foreach (var step in session.Generate(text, maxTokens, sampling, new Random(seed)))
            {
                limits.Token.ThrowIfCancellationRequested();
                if (step.Ended) { ended = true; break; }
                counter.Token();
                tokens++;
                continuation.Append(step.Text);
                await events.WriteAsync("token", new { text = step.Text, token = step.Token }, limits.Token).ConfigureAwait(false);
                if (tokens == maxTokens) break;
            }
            await events.WriteAsync("done", new { text = text + continuation, continuation = continuation.ToString(), tokens, ended, seed }, limits.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (limits.Ending is { } ending)
        {
            await events.WriteAsync("error", new { detail = ending, tokens }, limits.ClientGone).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (limits.ClientGone.IsCancellationRequested)
        {
            // The client has gone: the generation stops here and there is no one to tell.
        }
    }
}
