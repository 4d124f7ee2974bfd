using System.Runtime.ExceptionServices;

namespace HnReply.Word2Vec;

/// <summary>
/// Trains word vectors as word2vec.c does (skip-gram or CBOW; negative sampling and/or hierarchical
/// softmax; subsampling; dynamic window; linear learning-rate decay), with <see cref="Word2VecOptions.Threads"/>
/// lock-free workers over equal slices of the text. The loop itself is <see cref="TrainingWorker"/>;
/// this class sets up, runs the workers, reports progress from the calling thread (never from the hot
/// loop), and gathers the result. One thread with a given seed reproduces bit for bit on the same
/// machine; more threads race on the weights by design (Hogwild) and vary slightly from run to run.
/// </summary>
public sealed class Word2VecTrainer
{
    private static readonly TimeSpan ReportInterval = TimeSpan.FromMilliseconds(250);

    public Word2VecTrainer(Word2VecOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    public Word2VecOptions Options { get; }

    public Word2VecResult Train(Word2VecCorpus corpus, IProgress<Word2VecProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        if (corpus.Vocabulary.Count < 2)
            throw new ArgumentException($"the training text has no word seen at least {Options.MinCount} times (min-count); {corpus.WordsRead:N0} words read");
        var net = new TrainingNetwork(Options, corpus);
        int tokens = net.Tokens.Length;
        var workers = Enumerable.Range(0, Options.Threads)
            .Select(t => new TrainingWorker(net, t, (int)((long)tokens * t / Options.Threads), (int)((long)tokens * (t + 1) / Options.Threads)))
            .ToArray();
        net.Clock.Start();
        var tasks = workers
            .Select(w => Task.Factory.StartNew(() => w.Run(cancellationToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))
            .ToArray();
        try
        {
            while (!Task.WaitAll(tasks, ReportInterval)) progress?.Report(Reading(net, workers));
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        net.Clock.Stop();
        cancellationToken.ThrowIfCancellationRequested();
        progress?.Report(Reading(net, workers));
        var epochs = Enumerable.Range(0, Options.Iterations).Select(e => Epoch(e, workers, net.TotalWords / Options.Iterations)).ToArray();
        var vectors = new WordVectors(corpus.Vocabulary.Words, net.Input.ToArray(), Options.Size);
        return new Word2VecResult(vectors, epochs, net.WordsDone, net.Clock.Elapsed, Options.Threads);
    }

    private static Word2VecProgress Reading(TrainingNetwork net, TrainingWorker[] workers)
    {
        long done = net.WordsDone;
        double seconds = net.Clock.Elapsed.TotalSeconds;
        int epoch = workers.Min(w => w.Epoch);
        double loss = workers.Sum(w => w.EpochLoss[epoch]) / Math.Max(1, workers.Sum(w => w.EpochPredictions[epoch]));
        double rate = seconds > 0 ? done / seconds : 0;
        return new Word2VecProgress(done, net.TotalWords, epoch + 1, workers.Min(w => w.Alpha), loss, rate, rate / workers.Length);
    }

    private static Word2VecEpoch Epoch(int epoch, TrainingWorker[] workers, long words)
    {
        var last = workers.MaxBy(w => w.EpochEnd[epoch])!;
        long predictions = workers.Sum(w => w.EpochPredictions[epoch]);
        double loss = predictions > 0 ? workers.Sum(w => w.EpochLoss[epoch]) / predictions : double.NaN;
        return new Word2VecEpoch(epoch + 1, loss, predictions, words, last.EpochAlpha[epoch], last.EpochEnd[epoch]);
    }
}
