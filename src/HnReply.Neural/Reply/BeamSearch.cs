using HnReply.Prediction;
using HnReply.Text;

namespace HnReply.Neural.Reply;

/// <summary>
/// Beam search over a step function (<see cref="DecodingSteps.Step"/>): keeps the
/// <see cref="ReplyRequest.Beam"/> best live hypotheses by log-probability (less the repetition
/// penalty of <see cref="SamplingOptions.RepetitionPenalty"/>, when set), moves one to the finished
/// list when it ends with &lt;/s&gt;, and stops when as many have finished as the beam is wide or
/// <see cref="ReplyRequest.MaxTokens"/> is reached (live hypotheses then count as replies cut short).
/// Finished hypotheses are ranked by the length-normalised score of <see cref="DecodingRules"/>.
/// Width 1 is greedy decoding.
/// </summary>
internal static class BeamSearch
{
    public delegate float[][] StepFunction(int[] parents, int[] tokens);

    public static List<Hypothesis> Run(StepFunction step, ReplyRequest request, CancellationToken cancellationToken = default)
    {
        int width = Math.Max(1, request.Beam);
        var live = new List<(List<int> Tokens, double Log)> { ([], 0) };
        var parents = new[] { 0 };
        var last = new[] { Vocabulary.Eos };
        var finished = new List<Hypothesis>();
        for (int length = 0; length < request.MaxTokens && finished.Count < width; length++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            float[][] log = step(parents, last);
            var candidates = new List<(int Parent, int Token, double Log)>();
            for (int i = 0; i < live.Count; i++)
            {
                DecodingRules.Apply(log[i], live[i].Tokens, request);
                DecodingRules.PenaliseRepeats(log[i], live[i].Tokens, request.Sampling.RepetitionPenalty);
                foreach (int token in Best(log[i], 2 * width)) candidates.Add((i, token, live[i].Log + log[i][token]));
            }
            var next = new List<(List<int> Tokens, double Log)>();
            var nextParents = new List<int>();
            foreach (var (parent, token, total) in candidates.OrderByDescending(c => c.Log))
            {
                if (double.IsNegativeInfinity(total)) break;
                var tokens = live[parent].Tokens;
                if (token == Vocabulary.Eos)
                {
                    finished.Add(new Hypothesis([.. tokens], total, DecodingRules.Score(total, tokens.Count + 1, request.LengthPenalty), Ended: true));
                    if (finished.Count >= width) break;
                    continue;
                }
                next.Add(([.. tokens, token], total));
                nextParents.Add(parent);
                if (next.Count == width) break;
            }
            if (next.Count == 0) break;
            live = next;
            parents = [.. nextParents];
            last = live.Select(h => h.Tokens[^1]).ToArray();
        }
        if (finished.Count < width)
            finished.AddRange(live.Select(h => new Hypothesis([.. h.Tokens], h.Log, DecodingRules.Score(h.Log, h.Tokens.Count, request.LengthPenalty), Ended: false)));
        return finished.OrderByDescending(h => h.Score).ToList();
    }

    // The k best finite entries, by partial selection.
    private static IEnumerable<int> Best(float[] log, int k)
    {
        var best = new PriorityQueue<int, float>();
        for (int id = 0; id < log.Length; id++)
        {
            if (float.IsNegativeInfinity(log[id])) continue;
            if (best.Count < k) best.Enqueue(id, log[id]);
            else if (log[id] > log[best.Peek()]) best.EnqueueDequeue(id, log[id]);
        }
        return best.UnorderedItems.Select(e => e.Element);
    }
}
