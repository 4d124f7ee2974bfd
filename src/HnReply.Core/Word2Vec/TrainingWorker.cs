using System.Runtime.InteropServices;

namespace HnReply.Word2Vec;

/// <summary>
/// One training thread: word2vec.c's <c>TrainModelThread</c> over a slice of the text. Per pass it
/// cuts the slice into sentences (at <c>&lt;/s&gt;</c> or 1000 kept words, after subsampling), and at
/// each position draws a window and makes the predictions of CBOW or skip-gram, each by hierarchical
/// softmax and/or negative sampling. Its random stream, sentence and scratch rows are its own; the
/// matrices are shared (<see cref="TrainingNetwork"/>).
/// </summary>
internal sealed class TrainingWorker
{
    private const int MaxSentenceLength = 1000;
    private const int ProgressInterval = 10_000;

    private readonly TrainingNetwork net;
    private readonly SigmoidTable sigmoid;
    private readonly PaddedRows input;
    private readonly PaddedRows? output;
    private readonly PaddedRows? treeOutput;
    private readonly NegativeSampler? sampler;
    private readonly HuffmanTree? tree;
    private readonly int negative;
    private readonly int window;
    private readonly int start;
    private readonly int end;
    private readonly int[] sentence = new int[MaxSentenceLength];
    private readonly PaddedRows scratch;
    private readonly ulong seed;

    public TrainingWorker(TrainingNetwork net, int thread, int start, int end)
    {
        this.net = net;
        (sigmoid, input, output, treeOutput, sampler, tree) = (net.Sigmoid, net.Input, net.Output, net.TreeOutput, net.Sampler, net.Tree);
        (negative, window) = (net.Options.Negative, net.Options.Window);
        this.start = start;
        this.end = end;
        seed = (ulong)net.Options.Seed - 1 + (ulong)thread;
        scratch = new PaddedRows(2, net.Options.Size);
        Alpha = net.StartingAlpha;
        int passes = net.Options.Iterations;
        EpochLoss = new double[passes];
        EpochPredictions = new long[passes];
        EpochEnd = new TimeSpan[passes];
        EpochAlpha = new float[passes];
    }

    public double[] EpochLoss { get; }

    public long[] EpochPredictions { get; }

    public TimeSpan[] EpochEnd { get; }

    public float[] EpochAlpha { get; }

    /// <summary>The pass in progress (0-based), read by the progress monitor.</summary>
    public int Epoch { get; private set; }

    public float Alpha { get; private set; }

    public void Run(CancellationToken cancellationToken)
    {
        // The generator lives in a local passed by reference: a field written at every draw would share
        // a cache line with the other workers' fields and make the cores fight over it.
        ulong random = seed;
        float alpha = net.StartingAlpha;
        for (int epoch = 0; epoch < EpochLoss.Length; epoch++)
        {
            Epoch = epoch;
            int position = start;
            long words = 0;
            while (position < end)
            {
                if (words > ProgressInterval)
                {
                    Alpha = alpha = net.Advance(words);
                    words = 0;
                    if (cancellationToken.IsCancellationRequested) return;
                }
                int length = ReadSentence(ref position, ref words, ref random);
                double loss = 0;
                long predictions = 0;
                if (net.Options.Architecture == Word2VecArchitecture.SkipGram) TrainSkipGram(length, alpha, ref random, ref loss, ref predictions);
                else TrainCbow(length, alpha, ref random, ref loss, ref predictions);
                EpochLoss[epoch] += loss;
                EpochPredictions[epoch] += predictions;
            }
            Alpha = alpha = net.Advance(words);
            EpochEnd[epoch] = net.Clock.Elapsed;
            EpochAlpha[epoch] = alpha;
        }
    }

    private int ReadSentence(ref int position, ref long words, ref ulong random)
    {
        var tokens = net.Tokens;
        var keep = net.Keep;
        int length = 0;
        while (position < end)
        {
            int word = tokens[position++];
            words++;
            if (word == 0) break;
            if (keep is not null)
            {
                random = random * 25214903917 + 11;
                if (keep[word] < (random & 0xFFFF) / 65536f) continue;
            }
            sentence[length++] = word;
            if (length >= MaxSentenceLength) break;
        }
        return length;
    }

    // Each context word's vector predicts the centre word; its gradient is applied after all predictions.
    private void TrainSkipGram(int length, float alpha, ref ulong random, ref double loss, ref long predictions)
    {
        ref float error = ref scratch.Row(0);
        var errorSpan = MemoryMarshal.CreateSpan(ref error, input.Stride);
        for (int position = 0; position < length; position++)
        {
            int word = sentence[position];
            random = random * 25214903917 + 11;
            int shrink = (int)(random % (ulong)window);
            for (int a = shrink; a < window * 2 + 1 - shrink; a++)
            {
                int c = position - window + a;
                if (a == window || (uint)c >= (uint)length) continue;
                ref float x = ref input.Row(sentence[c]);
                errorSpan.Clear();
                Predict(word, ref x, ref error, alpha, ref random, ref loss, ref predictions);
                RowMath.Add(ref x, ref error, input.Stride);
            }
        }
    }

    // The mean of the context vectors predicts the centre word; every context word gets the whole gradient.
    private void TrainCbow(int length, float alpha, ref ulong random, ref double loss, ref long predictions)
    {
        ref float hidden = ref scratch.Row(0);
        ref float error = ref scratch.Row(1);
        var hiddenSpan = MemoryMarshal.CreateSpan(ref hidden, input.Stride);
        var errorSpan = MemoryMarshal.CreateSpan(ref error, input.Stride);
        for (int position = 0; position < length; position++)
        {
            int word = sentence[position];
            random = random * 25214903917 + 11;
            int shrink = (int)(random % (ulong)window);
            hiddenSpan.Clear();
            errorSpan.Clear();
            int contexts = 0;
            for (int a = shrink; a < window * 2 + 1 - shrink; a++)
            {
                int c = position - window + a;
                if (a == window || (uint)c >= (uint)length) continue;
                RowMath.Add(ref hidden, ref input.Row(sentence[c]), input.Stride);
                contexts++;
            }
            if (contexts == 0) continue;
            RowMath.Divide(ref hidden, contexts, input.Stride);
            Predict(word, ref hidden, ref error, alpha, ref random, ref loss, ref predictions);
            for (int a = shrink; a < window * 2 + 1 - shrink; a++)
            {
                int c = position - window + a;
                if (a == window || (uint)c >= (uint)length) continue;
                RowMath.Add(ref input.Row(sentence[c]), ref error, input.Stride);
            }
        }
    }

    // The predictions of one (input, centre word) pair: updates the output rows, accumulates the input's gradient in error.
    private void Predict(int word, ref float x, ref float error, float alpha, ref ulong random, ref double loss, ref long predictions)
    {
        if (tree is not null) HierarchicalSoftmax(word, ref x, ref error, alpha, ref loss, ref predictions);
        if (sampler is not null) NegativeSampling(word, ref x, ref error, alpha, ref random, ref loss, ref predictions);
    }

    // One logistic decision per inner node on the word's Huffman path; label = 1 - code. Scores outside
    // ±6 update nothing (the C tool's rule) but still count in the loss.
    private void HierarchicalSoftmax(int word, ref float x, ref float error, float alpha, ref double loss, ref long predictions)
    {
        int stride = input.Stride;
        var codes = tree!.Codes(word);
        var points = tree.Points(word);
        for (int d = 0; d < codes.Length; d++)
        {
            ref float y = ref treeOutput!.Row(points[d]);
            float f = RowMath.Dot(ref x, ref y, stride);
            float label = 1 - codes[d];
            loss += sigmoid.NegLogSigmoid(label > 0 ? f : -f);
            predictions++;
            if (f <= -SigmoidTable.MaxExp || f >= SigmoidTable.MaxExp) continue;
            RowMath.Backpropagate(ref error, ref y, ref x, (label - sigmoid.Sigmoid(f)) * alpha, stride);
        }
    }

    // The word itself with label 1, then `negative` noise words with label 0 (a draw of the word itself is skipped).
    // All draws come first (the generator steps in the same order) and each row's first float is read
    // at once (a volatile read, which the JIT keeps though its value is unused), so the cache misses
    // of the rows overlap instead of queueing behind each dot product.
    private void NegativeSampling(int word, ref float x, ref float error, float alpha, ref ulong random, ref double loss, ref long predictions)
    {
        int stride = input.Stride;
        Span<int> targets = stackalloc int[negative + 1];
        targets[0] = word;
        _ = Volatile.Read(ref output!.Row(word));
        for (int d = 1; d < targets.Length; d++)
        {
            targets[d] = sampler!.Sample(ref random);
            _ = Volatile.Read(ref output.Row(targets[d]));
        }
        for (int d = 0; d < targets.Length; d++)
        {
            int target = targets[d];
            if (d > 0 && target == word) continue;
            float label = d == 0 ? 1 : 0;
            ref float y = ref output.Row(target);
            float f = RowMath.Dot(ref x, ref y, stride);
            loss += sigmoid.NegLogSigmoid(label > 0 ? f : -f);
            predictions++;
            float g = f > SigmoidTable.MaxExp ? (label - 1) * alpha
                : f < -SigmoidTable.MaxExp ? label * alpha
                : (label - sigmoid.Sigmoid(f)) * alpha;
            RowMath.Backpropagate(ref error, ref y, ref x, g, stride);
        }
    }
}
