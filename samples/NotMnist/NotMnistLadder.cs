using HnReply.Neural.Runtime;

namespace HnReply.Samples.NotMnist;

/// <summary>
/// The whole program: read and split the letters, train each rung on the same split, print the
/// ladder, the last (deepest) rung's confusion matrix, and draw its mistakes.
/// </summary>
public static class NotMnistLadder
{
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        if (args.Any(a => a is "--help" or "-h"))
        {
            output.WriteLine(LadderOptions.Usage);
            return 0;
        }
        LadderOptions options;
        LadderData data;
        try
        {
            options = LadderOptions.Parse(args);
            data = LadderData.Load(options);
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidDataException)
        {
            error.WriteLine($"error: {e.Message}");
            return 1;
        }
        TorchRuntime.Initialize(ComputeDevice.Cpu, options.Threads);
        output.WriteLine(data.Description);
        output.WriteLine($"epochs {options.Epochs} per rung, batch {options.BatchSize}, seed {options.Seed}, threads {(options.Threads == 0 ? "one per core" : options.Threads)}");

        var trainer = new RungTrainer(options, output);
        var results = new List<RungResult>();
        foreach (var rung in Rung.Ladder)
        {
            output.WriteLine($"{rung.Name}:");
            results.Add(trainer.Train(rung, data));
        }

        output.WriteLine();
        output.WriteLine($"{"rung",-62} {"test",7} {"valid",7} {"epoch",7} {"seconds",8}");
        foreach (var r in results)
            output.WriteLine($"{r.Rung.Name,-62} {r.TestAccuracy,7:P1} {r.ValidAccuracy,7:P1} {r.BestEpoch,3}/{r.Epochs,-3} {r.Elapsed.TotalSeconds,8:F0}");

        var last = results[^1];
        var labels = data.Test.Select(i => (long)data.TestSource.Labels[i]).ToArray();
        output.WriteLine();
        output.WriteLine($"confusion matrix of '{last.Rung.Name}' on the test set:");
        output.Write(new ConfusionMatrix(labels, last.TestPredictions));
        int shown = MisclassifiedGrid.Write(options.Grid, data.TestSource, data.Test, last.TestPredictions);
        output.WriteLine($"wrote {options.Grid}: {shown} misclassified test letters");
        return 0;
    }
}
