using HnReply.Text;
using HnReply.Word2Vec;

namespace HnReply.Neural.Lstm;

/// <summary>Everything <see cref="LstmTrainingRun"/> needs: where, how, and on what text.</summary>
public sealed record LstmTrainingRequest
{
    /// <summary>The model directory to create (or replace once the new model is complete).</summary>
    public required string Output { get; init; }

    public required LstmOptions Options { get; init; }
    public required TokenizerOptions Tokenization { get; init; }
    public int MinCount { get; init; } = 1;
    public int MaxVocabulary { get; init; } = int.MaxValue;

    /// <summary>Documents, one string each.</summary>
    public required IReadOnlyList<string> Train { get; init; }

    public IReadOnlyList<string>? Valid { get; init; }
    public IReadOnlyList<string>? Test { get; init; }

    /// <summary>Where the text came from, for model.json.</summary>
    public required string Source { get; init; }

    /// <summary>word2vec vectors to start the embedding from, and where they were read.</summary>
    public WordVectors? InitialVectors { get; init; }

    public string? InitialVectorsPath { get; init; }

    /// <summary>Continue the unfinished run of <see cref="Output"/> instead of refusing to touch it.</summary>
    public bool Resume { get; init; }
}
