using System.Text.Json.Nodes;
using HnReply.Server.Api;
using HnReply.Server.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace HnReply.Server.Endpoints;

/// <summary>GET /api/models (name, kind, vocabulary, what it serves, model.json's metrics) and each model's loss curve.</summary>
internal static class ModelEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/models", (ModelCatalog catalog) =>
                catalog.IsReady ? Results.Ok(catalog.All.Select(Describe).ToList()) : Problems.Loading(catalog.Failure))
            .Produces<List<ModelInfo>>()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("The models this server answers with");

        routes.MapGet("/api/models/{name}/loss.png", (string name, ModelCatalog catalog) =>
            {
                var (model, missing) = ModelLookup.Find(catalog, name);
                if (model is null) return missing!;
                return model.LossCurve is { } file
                    ? Results.File(file, "image/png")
                    : Problems.NotFound($"model '{model.Name}' has no loss curve (only LSTMs trained by `hnreply train lstm` draw one)");
            })
            .Produces(StatusCodes.Status200OK, contentType: "image/png")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A model's training curves (loss.png from its directory)");
    }

    private static ModelInfo Describe(ServedModel model)
    {
        var loaded = model.Loaded;
        int vocabulary = loaded.LanguageModel?.Vocabulary.Count ?? loaded.WordVectors?.Count ?? model.Manifest.VocabularySize;
        string[] uses = loaded.LanguageModel is not null ? ["suggest", "complete"] : loaded.Replier is not null ? ["reply"] : [];
        string? lossCurve = model.LossCurve is null ? null : $"/api/models/{Uri.EscapeDataString(model.Name)}/loss.png";
        return new ModelInfo(model.Name, model.Kind, vocabulary, uses, (JsonObject)model.Metrics.DeepClone(), lossCurve);
    }
}
