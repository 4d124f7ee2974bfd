using HnReply.Neural.Reply;
using HnReply.Prediction;
using HnReply.Text;

namespace HnReply.Neural.Tests.Reply;

/// <summary>Beam search and the decoding rules over hand-made next-token tables (no network).</summary>
public sealed class BeamSearchTests
{
    private const int V = 8; // ids 4..7 are words

    // Next-token log-probabilities from a function of the reply so far; the step function tracks each hypothesis's tokens.
    private static BeamSearch.StepFunction Table(Func<IReadOnlyList<int>, Dictionary<int, double>> next)
    {
        var sofar = new List<List<int>> { new() };
        bool first = true;
        return (parents, tokens) =>
        {
            var rows = first ? [[]] : parents.Select((p, i) => new List<int>(sofar[p]) { tokens[i] }).ToList();
            first = false;
            sofar = rows;
            return rows.Select(r =>
            {
                var log = Enumerable.Repeat(float.NegativeInfinity, V).ToArray();
                foreach (var (id, p) in next(r)) log[id] = (float)Math.Log(p);
                return log;
            }).ToArray();
        };
    }

    [Fact]
    public void Run_WidthOne_IsGreedyAndWidthTwo_FindsTheMoreLikelyReply()
    {
        // Greedy takes 4 (0.6) and then must take 6 or 7 (0.5 each): 0.3. Via 5 (0.4) the next is 6 for sure: 0.4.
        var next = (IReadOnlyList<int> r) => r.Count switch
        {
            0 => new Dictionary<int, double> { [4] = 0.6, [5] = 0.4 },
            1 => r[0] == 4 ? new() { [6] = 0.5, [7] = 0.5 } : new() { [6] = 1.0 },
            _ => new Dictionary<int, double> { [Vocabulary.Eos] = 1.0 },
        };
        var request = new ReplyRequest { MinTokens = 0, NoRepeatNGram = 0, LengthPenalty = 0 };

        var greedy = BeamSearch.Run(Table(next), request with { Beam = 1 });
        var beam = BeamSearch.Run(Table(next), request with { Beam = 2 });

        Assert.Equal(4, greedy[0].Tokens[0]);
        Assert.Equal([5, 6], beam[0].Tokens);
        Assert.Equal(Math.Log(0.4), beam[0].LogProbability, 5);
        Assert.True(beam[0].Ended);
    }

    [Fact]
    public void Run_NoRepeatBigram_NeverRepeatsAPairOfTokens()
    {
        // The model loves "4 5 4 5 ...": with no-repeat 2 the second "4 5" is forbidden.
        var next = (IReadOnlyList<int> r) => r.Count > 0 && r[^1] == 4
            ? new Dictionary<int, double> { [5] = 0.9, [6] = 0.1 }
            : new Dictionary<int, double> { [4] = 0.9, [7] = 0.05, [Vocabulary.Eos] = 0.05 };

        var best = BeamSearch.Run(Table(next), new ReplyRequest { Beam = 3, NoRepeatNGram = 2, MinTokens = 0, MaxTokens = 12 })[0];

        var bigrams = best.Tokens.Zip(best.Tokens.Skip(1)).ToList();
        Assert.Equal(bigrams.Count, bigrams.Distinct().Count());
    }

    [Fact]
    public void Run_RepetitionPenalty_PrefersAWordNotYetWritten()
    {
        // After "4 6" the model slightly prefers 4 again (0.5 against 0.4 for 7): a penalty of 2 halves 4's chance to 0.25.
        var next = (IReadOnlyList<int> r) => r.Count switch
        {
            0 => new Dictionary<int, double> { [4] = 1.0 },
            1 => new Dictionary<int, double> { [6] = 1.0 },
            2 => new Dictionary<int, double> { [4] = 0.5, [7] = 0.4, [Vocabulary.Eos] = 0.1 },
            _ => new Dictionary<int, double> { [Vocabulary.Eos] = 1.0 },
        };
        var request = new ReplyRequest { Beam = 1, MinTokens = 0, NoRepeatNGram = 0, LengthPenalty = 0 };

        var plain = BeamSearch.Run(Table(next), request)[0];
        var penalised = BeamSearch.Run(Table(next), request with { Sampling = new SamplingOptions { RepetitionPenalty = 2 } })[0];

        Assert.Equal([4, 6, 4], plain.Tokens);
        Assert.Equal([4, 6, 7], penalised.Tokens);
    }

    [Fact]
    public void Run_MinTokensAndMaxTokens_BoundTheLength()
    {
        var next = (IReadOnlyList<int> r) => new Dictionary<int, double> { [Vocabulary.Eos] = 0.9, [4] = 0.05, [5] = 0.05 };

        var replies = BeamSearch.Run(Table(next), new ReplyRequest { Beam = 2, MinTokens = 3, MaxTokens = 5, NoRepeatNGram = 0 });

        Assert.All(replies, r => Assert.InRange(r.Tokens.Length, 3, 5));
        Assert.DoesNotContain(Vocabulary.Unk, replies.SelectMany(r => r.Tokens));
    }

    [Fact]
    public void Apply_NoRepeatTrigram_ForbidsTheTokenThatWouldCompleteASeenTrigram()
    {
        var log = Enumerable.Repeat(-1f, V).ToArray();

        DecodingRules.Apply(log, [4, 5, 6, 4, 5], new ReplyRequest { NoRepeatNGram = 3, MinTokens = 0 });

        Assert.Equal(float.NegativeInfinity, log[6]);
        Assert.Equal(float.NegativeInfinity, log[Vocabulary.Unk]);
        Assert.Equal(-1f, log[4]);
        Assert.Equal(-1f, log[Vocabulary.Eos]);
    }

    [Fact]
    public void Score_LengthPenalty_IsGnmtsFormula()
    {
        Assert.Equal(-6.0 / Math.Pow(11.0 / 6.0, 0.6), DecodingRules.Score(-6, 6, 0.6), 10);
        Assert.Equal(-6.0, DecodingRules.Score(-6, 6, 0), 10);
    }
}
