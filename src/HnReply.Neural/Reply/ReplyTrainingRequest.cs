using HnReply.Corpus;
using HnReply.Text;
using HnReply.Word2Vec;

namespace HnReply.Neural.Reply;

/// <summary>Everything <see cref="ReplyTrainingRun"/> needs: where, how, and on which pairs.</summary>
public sealed record ReplyTrainingRequest
{
    public required string Output { get; init; }
    public required ReplyOptions Options { get; init; }

    /// <summary>Tokenizer of a model without --init-lm (with it, the LM's tokenizer and vocabulary are used).</summary>
    public TokenizerOptions Tokenization { get; init; } = new() { Kind = TokenizerKind.Word };

    public int MinCount { get; init; } = 2;
    public int MaxVocabulary { get; init; } = 30_000;

    public required IReadOnlyList<ReplyPair> Train { get; init; }
    public IReadOnlyList<ReplyPair>? Valid { get; init; }
    public IReadOnlyList<ReplyPair>? Test { get; init; }

    /// <summary>Where the pairs came from, for model.json.</summary>
    public required string Source { get; init; }

    /// <summary>An LSTM LM directory (one layer; full or adaptive softmax) whose vocabulary, tokenizer, embedding and LSTM start the model.</summary>
    public string? InitialLanguageModel { get; init; }

    public WordVectors? InitialVectors { get; init; }
    public string? InitialVectorsPath { get; init; }
    public bool Resume { get; init; }
}
