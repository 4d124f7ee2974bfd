using System.CommandLine;
using HnReply.Cli.Commands;
using HnReply.Neural.Models;
using HnReply.Neural.Reply;
using HnReply.Prediction;
using HnReply.Retrieval;

namespace HnReply.Cli;

/// <summary>
/// A reply model with what the flags add to it: the LM of <c>--lm</c> (MMI reranking) and the
/// retrieval model of <c>--retrieval</c> (the hybrid); owns and disposes those extra models. A hybrid
/// directory (<c>train hybrid</c>) brings its own and takes only the decoding request.
/// <see cref="Replier"/> is null when the loaded model is not a reply model.
/// </summary>
internal sealed class NeuralExtras : IDisposable
{
    private readonly List<LoadedModel> _owned;

    private NeuralExtras(NeuralReplier? replier, List<LoadedModel> owned)
    {
        Replier = replier;
        _owned = owned;
    }

    public NeuralReplier? Replier { get; }

    public static NeuralExtras Open(ParseResult parse, LoadedModel loaded, ReplyRequest request)
    {
        if (loaded.Replier is not NeuralReplier neural) return new NeuralExtras(null, []);
        if (loaded.Kind == "hybrid")
        {
            if (parse.GetValue(ReplyCommand.Lm) is not null || parse.GetValue(ReplyCommand.Retrieval) is not null)
                throw new ArgumentException($"{loaded.Directory}: a hybrid model names its own models; --lm and --retrieval go with a reply model");
            return new NeuralExtras(neural.With(request), []);
        }
        var owned = new List<LoadedModel>();
        try
        {
            var lm = parse.GetValue(ReplyCommand.Lm) is { } lmPath ? Add(owned, ModelLoader.LoadLanguageModel(lmPath)).AsLanguageModel() : null;
            RetrievalReplier? retrieval = null;
            if (parse.GetValue(ReplyCommand.Retrieval) is { } retrievalPath)
                retrieval = Add(owned, ModelLoader.LoadReplier(retrievalPath)).Replier as RetrievalReplier
                            ?? throw new ArgumentException($"--retrieval {retrievalPath}: not a retrieval model");
            return new NeuralExtras(new NeuralReplier(neural.Model, lm, retrieval, request), owned);
        }
        catch
        {
            foreach (var model in owned) model.Dispose();
            throw;
        }
    }

    private static LoadedModel Add(List<LoadedModel> owned, LoadedModel model)
    {
        owned.Add(model);
        return model;
    }

    public void Dispose()
    {
        foreach (var model in _owned) model.Dispose();
    }
}
