using HnReply.Samples.Flow;
using HnReply.Samples.MemoryCell;
using HnReply.Samples.PredictiveText;
using HnReply.Samples.Replier;
using HnReply.Samples.Tensors;
using HnReply.Samples.Word2Vec;

namespace HnReply.Samples.Tests;

/// <summary>Each chapter's sample runs and prints what its chapter says it prints.</summary>
public sealed class SampleOutputTests
{
    [Fact]
    public void Tensors_Run_PrintsShapeAndDtypeThenValues()
    {
        var lines = SampleRun.Lines(TensorsSample.Run);

        Assert.Equal("scalar: [], type = Int32, device = cpu", lines[0]);
        Assert.Equal("vector: [3], type = Int32, device = cpu", lines[1]);
        Assert.Equal("matrix: [3x3], type = Int32, device = cpu", lines[2]);
        Assert.Equal("cube:   [3x3x1], type = Int32, device = cpu", lines[3]);
        Assert.Equal("cube rank 3, shape [3, 3, 1], dtype Int32", lines[4]);
        Assert.Equal(["[[1, 2, 3]", " [4, 5, 6]", " [7, 8, 9]]"], lines[5..8]);
        Assert.Equal("cube values: 1 2 3 4 5 6 7 8 9", lines[8]);
        Assert.Equal("as float: [3x3x1], type = Float32, device = cpu", lines[9]);
    }

    [Fact]
    public void Flow_Run_LossFallsAndHeldOutPointsAreMostlyRight()
    {
        var lines = SampleRun.Lines(FlowSample.Run);

        var losses = lines.Where(l => l.StartsWith("step", StringComparison.Ordinal)).Select(l => SampleRun.After(l, "train loss")).ToList();
        Assert.Equal(5, losses.Count);
        Assert.Equal(Math.Log(2), losses[0], 3); // zero weights: p = 0.5 for every point
        Assert.True(losses[^1] < 0.3, $"final loss {losses[^1]}");
        var accuracy = lines.Single(l => l.StartsWith("train accuracy", StringComparison.Ordinal));
        Assert.True(SampleRun.After(accuracy, "test accuracy") > 80, accuracy);
    }

    [Fact]
    public void PredictiveText_Run_PerplexityByHandEqualsTheEvaluators()
    {
        var lines = SampleRun.Lines(PredictiveTextSample.Run);

        double byHand = SampleRun.After(lines.Single(l => l.StartsWith("perplexity by hand", StringComparison.Ordinal)), "by hand:");
        var evaluator = lines.Single(l => l.StartsWith("evaluator", StringComparison.Ordinal));
        Assert.Equal(byHand, SampleRun.After(evaluator, "perplexity"), 4);
        Assert.True(byHand > 1 && byHand < 37, $"perplexity {byHand} outside (1, vocabulary size)");
        Assert.StartsWith("after \"I think the\": problem", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void MemoryCell_Run_EquationsMatchLibtorchAndTheCellLearnsWhatNeedsMemory()
    {
        var lines = SampleRun.Lines(MemoryCellSample.Run);

        Assert.True(SampleRun.After(lines[0], "largest difference") < 1e-5, lines[0]);
        double withoutMemory = SampleRun.After(lines[1], "without memory:");
        double last = SampleRun.After(lines[^1], "mean loss");
        Assert.True(last < withoutMemory / 10, $"final loss {last} vs {withoutMemory} for a model without memory");
    }

    [Fact]
    public void Word2Vec_Run_UpdateLowersTheLossAndTopicsSeparate()
    {
        var lines = SampleRun.Lines(Word2VecSample.Run);

        var byHand = lines.Where(l => l.StartsWith("by hand", StringComparison.Ordinal)).Select(l => SampleRun.After(l, "loss")).ToList();
        Assert.Equal(3, byHand.Count);
        Assert.True(byHand[0] > byHand[1] && byHand[1] > byHand[2], string.Join(" ", byHand));
        string[] drinks = ["coffee", "tea", "milk", "sugar", "cup", "morning", "espresso", "beans"];
        var rust = lines.Single(l => l.StartsWith("nearest to rust", StringComparison.Ordinal));
        var coffee = lines.Single(l => l.StartsWith("nearest to coffee", StringComparison.Ordinal));
        Assert.DoesNotContain(drinks, d => rust.Contains($" {d} ", StringComparison.Ordinal));
        Assert.Equal(3, drinks.Count(d => coffee.Contains($" {d} ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Replier_Run_AnswersWithTheNearestParentsReplyAndRanksHeldOutPairs()
    {
        var lines = SampleRun.Lines(ReplierSample.Run);

        Assert.Contains("the borrow checker takes a few weeks", lines[0], StringComparison.Ordinal);
        var ranks = lines[1][(lines[1].IndexOf(':', StringComparison.Ordinal) + 1)..].Split(',').Select(r => int.Parse(r.Trim(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(4, ranks.Count);
        Assert.All(ranks, r => Assert.InRange(r, 0, 3));
        double recall = ranks.Count(r => r == 0) / 4.0, mrr = ranks.Average(r => 1.0 / (r + 1));
        Assert.Equal($"recall@1 {recall:F2}, MRR {mrr:F2}", lines[2]);
    }
}
