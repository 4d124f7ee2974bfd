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
/// POST /api/reply as Server-Sent Events. A replier that writes (<see cref="IStreamingReplier"/>)
/// sends <c>token</c> events {index, text} as it decodes, a <c>dropped</c> {index} for each streamed
/// reply that did not make the list (a near-duplicate of a better one), then a <c>candidate</c> {index, text,
/// score} per reply; one that picks whole replies (retrieval) sends the candidates at once. Then
/// <c>done</c>, or <c>error</c> when the stream ran out of time; a client that disconnects stops it.
/// </summary>
internal static class ReplyEndpoints
{
    private const int MaxBeam = 16;

    public static void Map(IEndpointRouteBuilder routes) =>
        EventStreamEndpoint.Map<ReplyApiRequest>(routes, "/api/reply", ReplyAsync, "Reply to a comment; Server-Sent Events: token*, dropped*, candidate*, then done or error");

    private static async Task<IResult> ReplyAsync(HttpContext context, ModelCatalog catalog, GenerationCounter counter, IHostApplicationLifetime lifetime, IOptions<ServerOptions> options)
    {
        var served = options.Value;
        var (body, bad) = await JsonBody.ReadAsync<ReplyApiRequest>(context.Request, served.MaxBodyBytes).ConfigureAwait(false);
        if (body is null) return bad!;
        var defaults = new ReplyRequest();
        var request = new ReplyRequest
        {
            Count = body.N,
            Beam = body.Beam ?? defaults.Beam,
            MaxTokens = body.MaxTokens ?? Math.Min(defaults.MaxTokens, served.MaxTokens),
            Seed = body.Seed,
            Sampling = new SamplingOptions
            {
                Temperature = body.Temperature ?? defaults.Sampling.Temperature,
                TopK = body.TopK ?? defaults.Sampling.TopK,
                TopP = body.TopP ?? defaults.Sampling.TopP,
            },
        };
        var checks = new RequestChecks();
        checks.Text(body.Parent, "parent", allowBlank: false);
        if (body.Title is not null) checks.Text(body.Title, "title", allowBlank: true);
        checks.Range(request.Count, "n", 1, served.MaxReplies);
        checks.Range(request.Beam, "beam", 0, MaxBeam);
        checks.Range(request.MaxTokens, "max_tokens", 1, served.MaxTokens);
        checks.Sampling(request.Sampling);
        if (!checks.Ok) return Problems.BadRequest(checks.Message);
        var (model, missing) = ModelLookup.Find(catalog, body.Model);
        if (model is null) return missing!;
        if (model.Loaded.Replier is not { } replier)
            return Problems.BadRequest($"model: '{model.Name}' is a {model.Kind} model and does not reply; use a replier");

        using var limits = new StreamLimits(TimeSpan.FromSeconds(served.StreamTimeoutSeconds), lifetime.ApplicationStopping, context.RequestAborted);
        await StreamAsync(context, replier, body.Parent!, body.Title, request, counter, limits).ConfigureAwait(false);
        return TypedResults.Empty;
    }

    private static async Task StreamAsync(HttpContext context, IReplier replier, string parent, string? title, ReplyRequest request,
                                          GenerationCounter counter, StreamLimits limits)
    {
        using var running = counter.Begin();
        var events = ServerSentEvents.Start(context.Response);
        int candidates = 0;
        try
        {
            if (replier is IStreamingReplier streaming)
            {
                await foreach (var piece in streaming.StreamReplies(parent, title, request, limits.Token).WithCancellation(limits.Token).ConfigureAwait(false))
                {
                    if (piece is ReplyPiece.Token token)
                    {
                        counter.Token();
                        await events.WriteAsync("token", new { index = token.Index, text = token.Text }, limits.Token).ConfigureAwait(false);
                    }
                    else if (piece is ReplyPiece.Candidate candidate)
                    {
                        candidates++;
                        await WriteCandidateAsync(events, candidate.Index, candidate.Reply, limits.Token).ConfigureAwait(false);
                    }
                    else if (piece is ReplyPiece.Dropped dropped)
                    {
                        await events.WriteAsync("dropped", new { index = dropped.Index }, limits.Token).ConfigureAwait(false);
                    }
                }
            }
            else
            {
                var replies = replier.Reply(parent, title, request.Count);
                for (int i = 0; i < replies.Count; i++)
                {
                    candidates++;
                    await WriteCandidateAsync(events, i, replies[i], limits.Token).ConfigureAwait(false);
                }
            }
            await events.WriteAsync("done", new { replies = candidates }, limits.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (limits.Ending is { } ending)
        {
            await events.WriteAsync("error", new { detail = ending, replies = candidates }, limits.ClientGone).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (limits.ClientGone.IsCancellationRequested)
        {
            // The client has gone: the replier stopped with the token and there is no one to tell.
        }
    }

    private static Task WriteCandidateAsync(ServerSentEvents events, int index, GeneratedReply reply, CancellationToken cancellationToken) =>
        events.WriteAsync("candidate", new { index, text = reply.Text, score = reply.Score, story_id = reply.StoryId, reply_id = reply.ReplyId }, cancellationToken);
}
