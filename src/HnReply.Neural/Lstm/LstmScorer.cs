using HnReply.Prediction;
using HnReply.Text;
using static TorchSharp.torch;

namespace HnReply.Neural.Lstm;

/// <summary>
/// Scores whole documents with an <see cref="LstmNetwork"/>, batched: documents sorted by length,
/// padded into [time, batch] with &lt;/s&gt; first (the begin-of-document input), one packed LSTM
/// forward per batch from zero state (no step computed for padding: <see cref="LstmNetwork.RunPacked"/>),
/// then the output layer over the real positions only, in slices that keep
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
    /// <param name="vocabulary">The model's vocabulary; only read when top words or words above the target are asked for.</param>
    public static void Score(LstmNetwork net, Device device, Vocabulary? vocabulary, IReadOnlyList<int[]> documents, BatchScoring request,
                             PositionVisitor visit, CancellationToken cancellationToken)
    {
        net.eval();
        using var _ = net.Frozen();
        bool[] words = vocabulary?.WordMask.ToArray() ?? new bool[net.VocabularySize];
        int k = Math.Min(request.TopWords, words.Count(w => w));
        using var onlyWords = SpecialTokens.Only(k > 0 ? words : new bool[net.VocabularySize], device);
        using var prefixes = request.WantsWordsAbove is null || vocabulary is null ? null : new WordPrefixes(vocabulary, device);
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
            var lengths = new long[count];
            for (int b = 0; b < count; b++)
            {
                int[] doc = documents[batch[b]];
                lengths[b] = doc.Length + 1;
                input[b] = Vocabulary.Eos;
                for (int t = 0; t < doc.Length; t++) input[(t + 1) * count + b] = doc[t];
            }
            var stepStart = new long[time]; // where step t's rows start in the packed output: the columns longer than each earlier step
            for (int t = 1; t < time; t++) stepStart[t] = stepStart[t - 1] + lengths.Count(length => length > t - 1);
            for (int b = 0; b < count; b++)
            {
                int[] doc = documents[batch[b]];
                for (int p = 0; p <= doc.Length; p++)
                {
                    rows.Add(stepStart[p] + b);
                    targets.Add(p < doc.Length ? doc[p] : Vocabulary.Eos);
                }
            }
            var hidden = net.RunPacked(tensor(input, [time, count]).to(device), lengths).index_select(0, tensor(rows.ToArray()).to(device));
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
                    var (byPrefix, sharingPrefix) = ranked.Count > 0
                        ? WordsAbove(net, hidden, target, ranked, prefixes!, [.. ranked.Select(row => targetLog[row - start])], device)
                        : ([], null);
                    int width = net.VocabularySize, next = 0, nextRanked = 0;
                    for (int r = 0; r < m; r++)
                    {
                        int row = from + r;
                        Array.Copy(top, row * k, topIds, 0, k);
                        var distribution = next < wanted.Count && wanted[next] == start + row
                            ? distributions.AsSpan(width * next++, width)
                            : [];
                        bool isRanked = nextRanked < ranked.Count && ranked[nextRanked] == start + row;
                        var wordsAboveByPrefix = isRanked ? byPrefix.AsSpan(nextRanked * (SuggestionRank.PrefixDepth + 1), SuggestionRank.PrefixDepth + 1) : [];
                        var sharingPrefixAbove = isRanked ? sharingPrefix!.Row(nextRanked++) : [];
                        visit(new ScoredPosition(documentAt[r], positionAt[r], (int)targets[start + row], targetLog[row], topIds, distribution, wordsAboveByPrefix, sharingPrefixAbove));
                    }
                }
            }
        }
    }

    // At the given rows of hidden, in the order asked: the counts of words above each target by shared prefix, and the words that share the deepest.
    private static (int[] ByPrefix, RowLists SharingPrefix) WordsAbove(LstmNetwork net, Tensor hidden, Tensor target, List<long> rows, WordPrefixes prefixes,
                                                                       float[] floorLog, Device device)
    {
        using var scope = NewDisposeScope();
        var index = tensor(rows.ToArray()).to(device);
        var (byPrefix, pairs) = net.WordsAbove(hidden.index_select(0, index), target.index_select(0, index), prefixes, floorLog);
        long[] flat = pairs.numel() == 0 ? [] : pairs.cpu().data<long>().ToArray();
        return (byPrefix.to(ScalarType.Int32).cpu().data<int>().ToArray(), RowLists.FromPairs(flat, rows.Count));
    }

    /// <summary>Perplexity of the documents, each from the begin-of-document state with one &lt;/s&gt; (DESIGN.md's convention).</summary>
    public static double Perplexity(LstmNetwork net, Device device, IReadOnlyList<int[]> documents)
    {
        double total = 0;
        long count = 0;
        Score(net, device, null, documents, new BatchScoring(0), (in ScoredPosition p) =>
        {
            total -= p.LogProbability;
            count++;
        }, CancellationToken.None);
        return Math.Exp(total / count);
    }
}
