using HnReply.Prediction;
using HnReply.Word2Vec;

namespace HnReply.Neural.Models;

/// <summary>
/// A model directory opened by <see cref="ModelLoader"/>: what it is and what it can do. Disposing it
/// frees what the model holds (the LSTM's native weights), a mixture's components included. Exactly
/// one of <see cref="LanguageModel"/>, <see cref="Replier"/> and <see cref="WordVectors"/> is set.
/// </summary>
public sealed class LoadedModel : IDisposable
{
    private readonly IReadOnlyList<IDisposable> _owned;

    internal LoadedModel(string directory, string kind, long bytes, object model, IReadOnlyList<IDisposable> owned)
    {
        Directory = directory;
        Kind = kind;
        Bytes = bytes;
        LanguageModel = model as ILanguageModel;
        Replier = model as IReplier;
        WordVectors = model as WordVectors;
        _owned = owned;
    }

    /// <summary>The directory (or, for word vectors, the file) it was loaded from.</summary>
    public string Directory { get; }

    /// <summary>The kind of the format tag: "ngram", "lstm", "mix", "retrieval", "word2vec".</summary>
    public string Kind { get; }

    /// <summary>Bytes on disk, a mixture's components included: what serving it takes.</summary>
    public long Bytes { get; }

    public ILanguageModel? LanguageModel { get; }
    public IReplier? Replier { get; }
    public WordVectors? WordVectors { get; }

    /// <summary>The language model, or a one-line error saying this kind does not predict text.</summary>
    public ILanguageModel AsLanguageModel() => LanguageModel ?? throw ModelLoader.NotALanguageModel(Directory, Kind);

    /// <summary>The replier, or a one-line error saying this kind does not reply.</summary>
    public IReplier AsReplier() => Replier ?? throw ModelLoader.NotAReplier(Directory, Kind);

    /// <summary>The word vectors, or a one-line error saying this kind has none.</summary>
    public WordVectors AsWordVectors() => WordVectors ?? throw ModelLoader.NoWordVectors(Directory, Kind);

    public void Dispose()
    {
        for (int i = _owned.Count - 1; i >= 0; i--) _owned[i].Dispose();
    }
}
