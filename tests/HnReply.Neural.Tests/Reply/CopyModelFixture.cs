using HnReply.Neural.Reply;
using HnReply.Text;

namespace HnReply.Neural.Tests.Reply;

/// <summary>
/// One reply model trained (through <see cref="ReplyTrainingRun"/>) on <see cref="CopyTaskPairs"/>,
/// shared by the test classes of the "copy model" collection so it is trained once per test run.
/// </summary>
public sealed class CopyModelFixture : IDisposable
{
    internal static readonly ReplyOptions Tiny = new()
    {
        EmbeddingSize = 24, HiddenSize = 24, Dropout = 0, Epochs = 40, BatchSize = 16, LearningRate = 0.02, Patience = 0,
        ReduceOnPlateau = false, MaxContextTokens = 8, MaxTitleTokens = 2, Threads = 1, Seed = 5, CheckpointSeconds = 3600,
    };

    private readonly string _folder = System.IO.Directory.CreateTempSubdirectory("hnreply-copy-").FullName;

    public CopyModelFixture()
    {
        Directory = Path.Combine(_folder, "copy");
        new ReplyTrainingRun().Run(new ReplyTrainingRequest
        {
            Output = Directory, Options = Tiny, Tokenization = new TokenizerOptions { Kind = TokenizerKind.Whitespace }, MinCount = 1,
            Train = CopyTaskPairs.Create(240, 1), Valid = CopyTaskPairs.Create(20, 2), Test = CopyTaskPairs.Create(20, 3), Source = "copy task",
        });
        Model = ReplyModel.Load(Directory);
    }

    public string Directory { get; }

    public ReplyModel Model { get; }

    public void Dispose()
    {
        Model.Dispose();
        System.IO.Directory.Delete(_folder, recursive: true);
    }
}

[CollectionDefinition("copy model")]
public sealed class CopyModelGroup : ICollectionFixture<CopyModelFixture>;
