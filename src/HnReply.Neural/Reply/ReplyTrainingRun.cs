using System.Text.Json;
using System.Text.Json.Nodes;
using HnReply.Models;
using HnReply.Neural.Lstm;
using HnReply.Neural.Training;
using HnReply.Text;

namespace HnReply.Neural.Reply;

/// <summary>
/// <c>train reply</c> as a library call, the way <see cref="LstmTrainingRun"/> runs the LM: fix the
/// vocabulary (the LM's with <c>--init-lm</c>, else built from the training pairs), encode the pairs,
/// train (<see cref="ReplyTrainer"/>) in <c>OUT.training/</c> with <c>run.json</c>, score the test
/// pairs, and publish <c>OUT</c> only once complete. A resume that asks for a different model is refused.
/// </summary>
public sealed class ReplyTrainingRun(TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public ReplyTrainingOutcome Run(ReplyTrainingRequest request, IProgress<TrainingProgress>? progress = null, IProgress<string>? notes = null,
                                    CancellationToken cancellationToken = default)
    {
        var started = _time.GetUtcNow();
        var options = request.Options;
        options.Validate();
        string work = LstmTrainingRun.WorkFolder(request.Output);
        bool unfinished = Directory.Exists(work);
        if (unfinished && !request.Resume)
            throw new ArgumentException($"{work} holds an unfinished run of {request.Output}: add --resume to continue it, or delete that folder to start over");
        if (!unfinished && request.Resume)
            throw new ArgumentException($"--resume: {request.Output} has no unfinished run to continue ({work} does not exist)");

        using var lm = request.InitialLanguageModel is { } lmPath ? LstmLanguageModel.Load(lmPath, options.Device) : null;
        var tokenization = lm?.Tokenizer.Options ?? request.Tokenization;
        var tokenizer = Tokenizers.Create(tokenization);
        if (lm is not null)
        {
            CheckFits(request.InitialLanguageModel!, lm.Network, options);
            options = options.WithOutputLayerOf(lm.Network.Options);
        }
        string vocabularyPath = Path.Combine(work, Vocabulary.FileName);
        var vocabulary = unfinished ? Vocabulary.Load(vocabularyPath)
            : lm?.Vocabulary ?? Vocabulary.Build(request.Train.SelectMany(p => new[] { p.Title, p.Parent, p.Reply }).Select(tokenizer.Tokenize), request.MinCount, request.MaxVocabulary);
        var run = new JsonObject
        {
            ["options"] = ModelDirectory.ToJsonObject(options), ["tokenizer"] = ModelDirectory.ToJsonObject(tokenization),
            ["source"] = request.Source, ["init_lm"] = request.InitialLanguageModel, ["init_embeddings"] = request.InitialVectorsPath,
        };
        if (unfinished) LstmTrainingRun.CheckSameRun(work, run);
        else
        {
            Directory.CreateDirectory(work);
            vocabulary.Save(vocabularyPath);
            File.WriteAllText(Path.Combine(work, LstmTrainingRun.RunFile), run.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }
        var tokens = new ReplyTokens(tokenizer, vocabulary, options);
        var train = Examples(request.Train, tokens);
        var valid = request.Valid is null ? null : Examples(request.Valid, tokens);
        var test = request.Test is null ? null : Examples(request.Test, tokens);
        notes?.Report($"vocabulary {vocabulary.Count:N0}{(lm is null ? "" : $" (from {request.InitialLanguageModel})")}, {train.Count:N0} training pairs" +
                      $"{(valid is null ? "" : $", {valid.Count:N0} validation pairs")} from {request.Source}");
        var initial = request.InitialVectors is { } vectors ? LstmTrainingRun.InitialRows(vectors, vocabulary, notes) : null;

        var budget = new TrainingBudget(options.MaxMinutes > 0 ? started + TimeSpan.FromMinutes(options.MaxMinutes) : null, test?.Sum(e => e.Reply.Length + 1L) ?? 0);
        var result = new ReplyTrainer(options, vocabulary.Count, _time).Train(work, train, valid, unfinished, budget, net =>
        {
            if (initial is not null) net.CopyEmbeddings(initial);
            if (lm is not null) net.CopyLanguageModel(lm.Network);
        }, progress, cancellationToken);

        var metrics = new JsonObject
        {
            ["best_valid_ppl"] = double.IsFinite(result.BestValidPerplexity) ? Math.Round(result.BestValidPerplexity, 3) : null,
            ["steps"] = result.Steps, ["seconds"] = Math.Round(result.Seconds, 1),
            ["tokens_per_sec"] = Math.Round(result.TokensPerSecond, 1), ["stopped"] = result.StopReason,
        };
        var manifest = new ModelManifest
        {
            Format = ReplyModel.FormatTag,
            Options = ModelDirectory.ToJsonObject(options),
            Tokenizer = ModelDirectory.ToJsonObject(tokenization),
            VocabularySize = vocabulary.Count,
            Data = new JsonObject
            {
                ["source"] = request.Source, ["train_pairs"] = train.Count, ["valid_pairs"] = valid?.Count,
                ["init_lm"] = request.InitialLanguageModel, ["init_embeddings"] = request.InitialVectorsPath,
            },
            Metrics = metrics,
        };
        ModelDirectory.WriteManifest(work, manifest);
        if (test is { Count: > 0 })
        {
            using var model = ReplyModel.Load(work, options.Device);
            metrics["test_ppl"] = Math.Round(model.Perplexity(test), 3);
            if (lm is not null) metrics["test_lm_ppl"] = Math.Round(lm.Perplexity(test.Select(e => e.Reply).ToList()), 3);
        }
        LstmTrainingRun.Publish(work, request.Output, manifest with { Metrics = metrics });
        return new ReplyTrainingOutcome(result, options, vocabulary.Count, metrics);
    }

    private static List<ReplyExample> Examples(IReadOnlyList<Corpus.ReplyPair> pairs, ReplyTokens tokens) =>
        pairs.Select(p => new ReplyExample(tokens.Context(p.Parent, p.Title), tokens.Reply(p.Reply))).Where(e => e.Reply.Length > 0).ToList();

    // The decoder is the LM's LSTM: the sizes must be the LM's, and only a one-layer LM maps onto it.
    private static void CheckFits(string path, LstmNetwork lm, ReplyOptions options)
    {
        if (lm.Layers != 1)
            throw new ArgumentException($"--init-lm {path}: only a one-layer LSTM can start the reply decoder (this one has {lm.Layers} layers)");
        long embedding = lm.Encoder.weight!.shape[1];
        if (lm.HiddenSize != options.HiddenSize || embedding != options.EmbeddingSize)
            throw new ArgumentException($"--init-lm {path} has {embedding}-dimensional embeddings and {lm.HiddenSize} units, the reply model {options.EmbeddingSize} and {options.HiddenSize}: pass --embedding {embedding} --hidden {lm.HiddenSize}");
    }
}
