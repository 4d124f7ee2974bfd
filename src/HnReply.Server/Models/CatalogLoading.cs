using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HnReply.Server.Models;

/// <summary>Starts loading the catalog when the host starts, without holding the host up: /healthz answers "loading" meanwhile.</summary>
internal sealed class CatalogLoading(ModelCatalog catalog, IOptions<ServerOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = catalog.LoadAsync(options.Value.Models, options.Value.TorchThreads);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
