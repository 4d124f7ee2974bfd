using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HnReply.Server.Tests;

/// <summary>
/// The server started through its own entry point (<see cref="ServerEntry"/>) on the fixture's models,
/// with <see cref="ServerOptions"/> given as configuration, the way WebApplicationFactory starts an app.
/// </summary>
public sealed class ServerFactory(ServedModels models, IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<ServerEntry>
{
    public static readonly string[] AllModels = ["ngram", "lstm", "retrieval", "loop", "reply"];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        for (int i = 0; i < AllModels.Length; i++) builder.UseSetting($"{ServerOptions.Section}:Models:{i}", models.Model(AllModels[i]));
        builder.UseSetting($"{ServerOptions.Section}:Report", models.Model("report"));
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.UseSetting($"{ServerOptions.Section}:{key}", value);
    }

    /// <summary>A client once /healthz says the models are loaded.</summary>
    public async Task<HttpClient> ReadyClientAsync()
    {
        var client = CreateClient();
        for (int attempt = 0; attempt < 300; attempt++)
        {
            using var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
            if (health.IsSuccessStatusCode) return client;
            var body = await health.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
            if (body.GetProperty("status").GetString() == "failed") throw new InvalidOperationException(body.GetProperty("detail").GetString());
            await Task.Delay(100);
        }
        throw new TimeoutException("the server's models did not load within 30 s");
    }
}
