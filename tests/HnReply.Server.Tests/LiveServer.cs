using HnReply.Server.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace HnReply.Server.Tests;

/// <summary>
/// The server as <c>hnreply serve</c> builds it, on Kestrel on a free loopback port: for the browser
/// and for what only a real socket shows (a body sent without Content-Length).
/// </summary>
public sealed class LiveServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LiveServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<LiveServer> StartAsync(ServedModels models)
    {
        var options = new ServerOptions { Models = [.. ServerFactory.AllModels.Select(models.Model)], Report = models.Model("report") };
        var app = ServerApp.Build([], options, "http://127.0.0.1:0");
        await app.StartAsync();
        await app.Services.GetRequiredService<ModelCatalog>().Ready;
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new LiveServer(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
