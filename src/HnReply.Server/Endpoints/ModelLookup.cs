using HnReply.Server.Api;
using HnReply.Server.Models;
using Microsoft.AspNetCore.Http;

namespace HnReply.Server.Endpoints;

/// <summary>The model a request names, or the problem to answer: still loading (503), no name (400), no such model (404).</summary>
internal static class ModelLookup
{
    public static (ServedModel? Model, IResult? Problem) Find(ModelCatalog catalog, string? name)
    {
        if (!catalog.IsReady) return (null, Problems.Loading(catalog.Failure));
        if (string.IsNullOrWhiteSpace(name)) return (null, Problems.BadRequest($"model: required; one of {Names(catalog)}"));
        return catalog.Find(name) is { } model
            ? (model, null)
            : (null, Problems.NotFound($"model: no model named '{Shorten(name)}'; this server has {Names(catalog)}"));
    }

    private static string Names(ModelCatalog catalog) => string.Join(", ", catalog.All.Select(m => m.Name));

    private static string Shorten(string name) => name.Length <= 80 ? name : name[..80] + "…";
}
