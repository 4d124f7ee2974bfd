using HnReply.Models;
using HnReply.Neural.Models;
using HnReply.Neural.Runtime;

namespace HnReply.Server.Models;

/// <summary>
/// The models the server answers with, loaded once through <see cref="ModelLoader"/> (the CLI's own
/// loader) and shared read-only by every request; each request keeps its own state. Loading runs
/// in the background (<see cref="LoadAsync"/>) so /healthz can say "loading" until it is done; a
/// directory that cannot be loaded fails the whole catalog with its one-line error.
/// </summary>
public sealed class ModelCatalog : IDisposable
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Dictionary<string, ServedModel> _models = [];

    /// <summary>Completes once every model is loaded; faults with the first directory's error.</summary>
    public Task Ready => _ready.Task;

    public bool IsReady => _ready.Task.IsCompletedSuccessfully;

    /// <summary>The loading error, once loading has failed.</summary>
    public string? Failure => _ready.Task.Exception?.InnerException?.Message;

    /// <summary>Every model, in the order the directories were given.</summary>
    public IReadOnlyList<ServedModel> All { get; private set; } = [];

    public ServedModel? Find(string name) => _models.GetValueOrDefault(name);

    /// <summary>Loads every directory, in order; the first that fails fails the catalog.</summary>
    /// <param name="torchThreads">libtorch's threads per operation, set before the first model that runs on it is loaded.</param>
    public Task LoadAsync(IReadOnlyList<string> directories, int torchThreads) =>
        Task.Run(() =>
        {
            var models = new List<ServedModel>();
            try
            {
                foreach (string directory in directories)
                {
                    string name = ServedModel.NameOf(directory);
                    if (models.FirstOrDefault(m => m.Name == name) is { } same)
                        throw new ArgumentException($"{directory}: a second model named '{name}' (the first is {same.Loaded.Directory}); the API names models by their folder, so give each a different folder name");
                    var manifest = ModelDirectory.ReadManifest(directory);
                    if (manifest.Kind is not ("ngram" or "retrieval" or "word2vec")) TorchRuntime.Initialize(ComputeDevice.Cpu, torchThreads);
                    var model = new ServedModel(name, ModelLoader.Load(directory), manifest);
                    models.Add(model);
                }
                _models = models.ToDictionary(m => m.Name, StringComparer.Ordinal);
                All = models;
                _ready.TrySetResult();
            }
            catch (Exception e)
            {
                foreach (var model in models) model.Loaded.Dispose();
                _ready.TrySetException(e);
            }
        }, CancellationToken.None);

    public void Dispose()
    {
        foreach (var model in All) model.Loaded.Dispose();
    }
}
