using HnReply.Prediction;
using HnReply.Text;
using static TorchSharp.torch;

namespace HnReply.Neural.Lstm;

/// <summary>
/// Scores whole documents with an <see cref="LstmNetwork"/>, batched: documents sorted by length,
/// padded into [time, batch] with &lt;/s&gt; first (the begin-of-document input), one LSTM forward per
/// batch from zero state, then the output layer over the real positions only, in slices that keep
/// the [rows, vocabulary] matrix small. Per position it reports the target's log-probability, the
/// top words (−∞ outside <see cref="Vocabulary.WordMask"/>) and, when asked, the distribution or the words above the target —
/// the same numbers as one step at a time, because both go through <see cref="LstmNetwork.LogProbabilities"/>.
/// </summary>
internal static class LstmScorer
{
    private const int MaxDocuments = 64;
    private const int TokenBudget = 16_384; // padded tokens per batch: [time × batch]
    private const int SliceCells = 1 << 21; // rows × vocabulary per output slice: 8 MB of floats stays in cache (64 MB slices ran 3.9× slower)

    /// <summary>Visits every position of every document, each document's positions in order (documents by batch, longest first).</summary>
    /// <param name="words">The vocabulary's word mask (<see cref="Vocabulary.WordMask"/>); only read when top words or words above the target are asked for.</param>
    public static void Score(LstmNetwork net, Device device, bool[] words, IReadOnlyList<int[]> documents, BatchScoring request,
                             PositionVisitor visit, CancellationToken cancellationToken)
    {
        net.eval();
        using var _ = net.Frozen();
        int k = Math.Min(request.TopWords, words.Count(w => w));
        using var onlyWords = SpecialTokens.Only(k > 0 ? words : new bool[net.VocabularySize], device);
        using var wordMask = request.WantsWordsAbove is null ? null : tensor(words).to(device);
        int sliceRows = net.ScoringRows(SliceCells), distributionRows = Math.Max(1, SliceCells / net.VocabularySize);
        var order = Enumerable.Range(0, documents.Count).OrderByDescending(d => documents[d].Length).ToArray();
        for (int first = 0; first < order.Length;)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int time = documents[order[first]].Length + 1;
            int count = 1;
            while (first + count < order.Length && count < MaxDocuments && (count + 1) * time <= TokenBudget) count++;
            var batch = order.AsSpan(first, count).ToArray();
            first += count;

            using var scope = NewDisposeScope();
            var input = new long[time * count];
            Array.Fill(input, Vocabulary.Pad);
            var rows = new List<long>();
            var targets = new List<long>();
            for (int b = 0; b < count; b++)
            {
                int[] doc = documents[batch[b]];
                input[b] = Vocabulary.Eos;
                for (int t = 0; t < doc.Length; t++) input[(t + 1) * count + b] = doc[t];
                for (int p = 0; p <= doc.Length; p++)
                {
                    rows.Add((long)p * count + b);
                    targets.Add(p < doc.Length ? doc[p] : Vocabulary.Eos);
                }
            }
            var (output, _) = net.Run(tensor(input, [time, count]).to(device), net.InitialState(count, device), resetAtDocuments: false);
            var hidden = output.view(-1, net.HiddenSize).index_select(0, tensor(rows.ToArray()).to(device));
            var target = tensor(targets.ToArray()).to(device);

            int b0 = 0, p0 = 0; // the document (within the batch) and position of the next row to visit
            var top = new int[sliceRows * k];
            var topIds = new int[k];
            for (int start = 0; start < rows.Count; start += sliceRows)
            {
                using var slice = NewDisposeScope();
                int n = Math.Min(sliceRows, rows.Count - start);
                float[] targetLog = net.Score(hidden.narrow(0, start, n), target.narrow(0, start, n), k, onlyWords, top, SliceCells);
                for (int from = 0; from < n; from += distributionRows)
                {
                    using var block = NewDisposeScope();
                    int m = Math.Min(distributionRows, n - from);
                    var (documentAt, positionAt) = (new int[m], new int[m]);
                    var (wanted, ranked) = (new List<long>(), new List<long>());
                    for (int r = 0; r < m; r++, p0++)
                    {
                        if (p0 > documents[batch[b0]].Length) (b0, p0) = (b0 + 1, 0);
                        (documentAt[r], positionAt[r]) = (batch[b0], p0);
                        if (request.WantsDistribution?.Invoke(batch[b0], p0) == true) wanted.Add(start + from + r);
                        if (request.WantsWordsAbove?.Invoke(batch[b0], p0) == true) ranked.Add(start + from + r);
                    }
                    float[] distributions = wanted.Count > 0 ? net.Probabilities(hidden.index_select(0, tensor(wanted.ToArray()).to(device))) : [];
                    var above = ranked.Count > 0 ? WordsAbove(net, hidden, target, ranked, wordMask!, [.. ranked.Select(row => targetLog[row - start])], device) : null;
                    int vocabulary = net.VocabularySize, next = 0, nextRanked = 0;
                    for (int r = 0; r < m; r++)
                    {
                        int row = from + r;
                        Array.Copy(top, row * k, topIds, 0, k);
                        var distribution = next < wanted.Count && wanted[next] == start + row
                            ? distributions.AsSpan(vocabulary * next++, vocabulary)
                            : [];
                        var wordsAbove = nextRanked < ranked.Count && ranked[nextRanked] == start + row
                            ? above!.Row(nextRanked++)
                            : [];
                        visit(new ScoredPosition(documentAt[r], positionAt[r], (int)targets[start + row], targetLog[row], topIds, distribution, wordsAbove));
                    }
                }
            }
        }
    }

    // The words ranked above each target at the given rows of hidden, grouped by row in the order asked.
    private static RowLists WordsAbove(LstmNetwork net, Tensor hidden, Tensor target, List<long> rows, Tensor words, float[] floorLog, Device device)
    {
        using var index = tensor(rows.ToArray()).to(device);
        using var pairs = net.WordsAbove(hidden.index_select(0, index), target.index_select(0, index), words, floorLog);
        return RowLists.FromPairs(pairs.cpu().data<long>().ToArray(), rows.Count);
    }

    /// <summary>Perplexity of the documents, each from the begin-of-document state with one &lt;/s&gt; (DESIGN.md's convention).</summary>
    public static double Perplexity(LstmNetwork net, Device device, IReadOnlyList<int[]> documents)
    {
        double total = 0;
        long count = 0;
        Score(net, device, [], documents, new BatchScoring(0), (in ScoredPosition p) =>
        {
            total -= p.LogProbability;
            count++;
        }, CancellationToken.None);
        return Math.Exp(total / count);
    }
}
