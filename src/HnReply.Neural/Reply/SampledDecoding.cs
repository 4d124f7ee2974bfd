using HnReply.Prediction;
using HnReply.Text;

namespace HnReply.Neural.Reply;

/// <summary>
/// Draws <see cref="ReplyRequest.Count"/> replies at once, one row each, through
/// <see cref="TokenSampler"/> (repetition penalty, temperature, top-k, top-p) after the
/// <see cref="DecodingRules"/>; each token is handed to <c>onToken</c> as soon as it is drawn. A row
/// stops at &lt;/s&gt; or <see cref="ReplyRequest.MaxTokens"/>. Deterministic for a seeded <see cref="Random"/>.
/// </summary>
internal static class SampledDecoding
{
    public static List<Hypothesis> Run(BeamSearch.StepFunction step, ReplyRequest request, Random random, Action<int, int>? onToken = null,
                                       CancellationToken cancellationToken = default)
    {
        int count = Math.Max(1, request.Count);
        var tokens = Enumerable.Range(0, count).Select(_ => new List<int>()).ToArray();
        var log = new double[count];
        var ended = new bool[count];
        var alive = Enumerable.Range(0, count).ToList();
        var parents = new int[count]; // every row starts from the one encoded context state
        var last = Enumerable.Repeat(Vocabulary.Eos, count).ToArray();
        for (int length = 0; length < request.MaxTokens && alive.Count > 0; length++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            float[][] next = step(parents, last);
            var stillAlive = new List<int>();
            var rows = new List<int>();
            for (int r = 0; r < alive.Count; r++)
            {
                int row = alive[r];
                DecodingRules.Apply(next[r], tokens[row], request);
                var probabilities = next[r].Select(l => MathF.Exp(l)).ToArray();
                int token = TokenSampler.Sample(probabilities, request.Sampling, random, tokens[row].ToHashSet());
                log[row] += next[r][token];
                if (token == Vocabulary.Eos)
                {
                    ended[row] = true;
                    continue;
                }
                tokens[row].Add(token);
                onToken?.Invoke(row, token);
                stillAlive.Add(row);
                rows.Add(r);
            }
            alive = stillAlive;
            parents = [.. rows];
            last = alive.Select(row => tokens[row][^1]).ToArray();
        }
        return Enumerable.Range(0, count)
            .Select(row => new Hypothesis([.. tokens[row]], log[row], DecodingRules.Score(log[row], tokens[row].Count + (ended[row] ? 1 : 0), request.LengthPenalty), ended[row]))
            .ToList();
    }
}
