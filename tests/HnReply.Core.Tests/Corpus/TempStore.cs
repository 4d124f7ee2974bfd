using HnReply.Corpus;

namespace HnReply.Core.Tests.Corpus;

/// <summary>A store in a fresh temporary folder, deleted with the fixture.</summary>
internal sealed class TempStore : IDisposable
{
    public TempStore()
    {
        Folder = Directory.CreateTempSubdirectory("hnreply-test-").FullName;
        Store = CorpusStore.Open(PathOf);
    }

    public string Folder { get; }
    public string PathOf => System.IO.Path.Combine(Folder, "hn.duckdb");
    public CorpusStore Store { get; private set; }

    public CorpusStore Reopen()
    {
        Store.Dispose();
        Store = CorpusStore.Open(PathOf);
        return Store;
    }

    public void Dispose()
    {
        Store.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}
