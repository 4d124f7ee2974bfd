using HnReply.Evaluation;
using HnReply.Prediction;
using HnReply.Text;

namespace HnReply.Mixture;

/// <summary>
/// Fits a mixture's weights on validation text by expectation-maximisation, as SRILM's
/// compute-best-mix does (Mikolov 2011 fits KN + RNN this way). Stage 1 scores every position once
/// per component — each document from the begin state, every token plus one &lt;/s&gt;, unknown words as
/// &lt;unk&gt;, as eval does; batched components score in batches. Stage 2 runs EM on those cached
/// numbers alone: the E step gives each position's responsibilities λ_i p_i / Σ_j λ_j p_j, the M step
/// sets λ_i to their mean. Every step raises the likelihood, which is concave in λ, so EM climbs to
/// the global optimum; it stops when a step gains less than the tolerance per token.
/// </summary>
public static class MixtureEstimator
{
    /// <param name="names">What to call each component in errors (its directory).</param>
    /// <param name="progress">Documents scored, over all components.</param>
    public static MixtureFit Estimate(IReadOnlyList<ILanguageModel> components, IReadOnlyList<string> documents, MixtureOptions options,
                                      IReadOnlyList<string>? names = null, IProgress<EvaluationProgress>? progress = null,
                                      CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(components);
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        MixtureLanguageModel.CheckCompatible(components, names);
        if (documents.Count == 0) throw new ArgumentException("no validation documents to fit the mixture weights on");
        var first = components[0];
        var ids = documents.Select(d => first.Vocabulary.Encode(first.Tokenizer.Tokenize(d))).ToList();
        var scores = new double[components.Count][];
        for (int i = 0; i < components.Count; i++)
        {
            long before = (long)i * ids.Count;
            scores[i] = Score(components[i], ids, done => progress?.Report(new EvaluationProgress(before + done, (long)components.Count * ids.Count)), cancellationToken);
        }
        return Fit(scores, options);
    }

    /// <summary>
    /// EM on cached numbers: <paramref name="logProbabilities"/>[i][t] is component i's natural-log
    /// probability of the token at position t. Starts from equal weights. When a single component
    /// beats the fitted mixture (EM reaches an optimum in a corner of the simplex only in the limit),
    /// that component's corner is the answer, so the mixture is never worse than its best component.
    /// </summary>
    public static MixtureFit Fit(IReadOnlyList<double[]> logProbabilities, MixtureOptions options)
    {
        ArgumentNullException.ThrowIfNull(logProbabilities);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        int n = logProbabilities.Count;
        if (n < 2) throw new ArgumentException($"a mixture needs at least two models, got {n}");
        long positions = logProbabilities[0].LongLength;
        if (positions == 0) throw new ArgumentException("no positions to fit the mixture weights on");
        if (logProbabilities.Any(l => l.LongLength != positions)) throw new ArgumentException("every component must score the same positions");

        // Each position's probabilities relative to its best component, so that no product underflows.
        var shifted = new double[n][];
        for (int i = 0; i < n; i++) shifted[i] = new double[positions];
        double baseline = 0;
        for (long t = 0; t < positions; t++)
        {
            double max = double.NegativeInfinity;
            for (int i = 0; i < n; i++) max = Math.Max(max, logProbabilities[i][t]);
            if (double.IsNegativeInfinity(max)) throw new ArgumentException($"position {t}: every model gives the token probability 0");
            baseline += max;
            for (int i = 0; i < n; i++) shifted[i][t] = Math.Exp(logProbabilities[i][t] - max);
        }

        var weights = Enumerable.Repeat(1.0 / n, n).ToArray();
        var responsibility = new double[n];
        double previous = double.NegativeInfinity, logLikelihood;
        int iterations = 0;
        bool converged;
        while (true)
        {
            // E step at the current weights; its normalisers sum to their log-likelihood.
            Array.Clear(responsibility);
            logLikelihood = baseline;
            for (long t = 0; t < positions; t++)
            {
                double total = 0;
                for (int i = 0; i < n; i++) total += weights[i] * shifted[i][t];
                logLikelihood += Math.Log(total);
                for (int i = 0; i < n; i++) responsibility[i] += weights[i] * shifted[i][t] / total;
            }
            converged = (logLikelihood - previous) / positions < options.Tolerance;
            if (converged || iterations == options.MaxIterations) break;
            // M step.
            for (int i = 0; i < n; i++) weights[i] = responsibility[i] / positions;
            previous = logLikelihood;
            iterations++;
        }

        var componentLogLikelihoods = logProbabilities.Select(l => l.Sum()).ToArray();
        int best = Array.IndexOf(componentLogLikelihoods, componentLogLikelihoods.Max());
        if (componentLogLikelihoods[best] > logLikelihood)
        {
            weights = new double[n];
            weights[best] = 1;
            logLikelihood = componentLogLikelihoods[best];
        }
        return new MixtureFit(weights, [.. componentLogLikelihoods.Select(l => Math.Exp(-l / positions))], Math.Exp(-logLikelihood / positions),
                              positions, iterations, converged);
    }

    /// <summary>Natural-log probability of every position of every document, in order.</summary>
    private static double[] Score(ILanguageModel model, List<int[]> documents, Action<int> documentsDone, CancellationToken cancellationToken)
    {
        var offsets = new long[documents.Count];
        long total = 0;
        for (int d = 0; d < documents.Count; d++)
        {
            offsets[d] = total;
            total += documents[d].Length + 1;
        }
        var scores = new double[total];
        int done = 0;
        DocumentScoring.Score(model, documents, new BatchScoring(0), (in ScoredPosition p) =>
        {
            scores[offsets[p.Document] + p.Position] = p.LogProbability;
            if (p.Position == documents[p.Document].Length) documentsDone(++done);
        }, cancellationToken);
        return scores;
    }
}
