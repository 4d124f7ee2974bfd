using System.Globalization;

namespace HnReply.Samples.NotMnist;

/// <summary>Everything the ladder can be told, with defaults; <see cref="Parse"/> reads the command line.</summary>
public sealed record LadderOptions
{
    /// <summary>Folder with t10k-*-ubyte[.gz] (and optionally the 60,000-image train-*-ubyte[.gz]).</summary>
    public string Data { get; init; } = Path.Combine("..", "shared", "data", "notmnist");

    /// <summary>Where the PNG grid of misclassified test letters goes.</summary>
    public string Grid { get; init; } = "misclassified.png";

    /// <summary>Epochs per rung; the test accuracy reported is the one at the best validation epoch.</summary>
    public int Epochs { get; init; } = 30;

    /// <summary>128 images a step: the course's batch size.</summary>
    public int BatchSize { get; init; } = 128;

    /// <summary>Seeds the split, the shuffling, the initial weights and dropout.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>libtorch threads (0 = one per core). On a shared machine 1 is often faster.</summary>
    public int Threads { get; init; }

    /// <summary>
    /// Share of each letter held out for validation and for test: 8,000 / 1,000 / 1,000 of 10,000.
    /// With train-* files only the valid share applies (t10k is the test set).
    /// </summary>
    public double ValidFraction { get; init; } = 0.1;
    public double TestFraction { get; init; } = 0.1;

    public const string Usage =
        "usage: NotMnist [--data DIR] [--grid FILE.png] [--epochs N] [--batch-size N] [--seed N] [--threads N] [--valid-fraction F] [--test-fraction F]";

    /// <summary>Flags over the defaults; an unknown flag or a bad value fails with one line naming it.</summary>
    public static LadderOptions Parse(IReadOnlyList<string> args)
    {
        var options = new LadderOptions();
        for (int i = 0; i < args.Count; i++)
        {
            string flag = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{flag}: missing value");
            options = flag switch
            {
                "--data" => options with { Data = Value() },
                "--grid" => options with { Grid = Value() },
                "--epochs" => options with { Epochs = Positive(flag, Value()) },
                "--batch-size" => options with { BatchSize = Positive(flag, Value()) },
                "--seed" => options with { Seed = Integer(flag, Value()) },
                "--threads" => options with { Threads = Integer(flag, Value()) },
                "--valid-fraction" => options with { ValidFraction = Fraction(flag, Value()) },
                "--test-fraction" => options with { TestFraction = Fraction(flag, Value()) },
                _ => throw new ArgumentException($"{flag}: unknown option ({Usage})"),
            };
        }
        if (options.Threads < 0) throw new ArgumentException("--threads: must be 0 (one per core) or more");
        if (options.ValidFraction + options.TestFraction >= 1) throw new ArgumentException("--valid-fraction + --test-fraction: must be below 1");
        // Checked now, not after minutes of training.
        string gridFolder = Path.GetDirectoryName(Path.GetFullPath(options.Grid))!;
        if (!Directory.Exists(gridFolder)) throw new ArgumentException($"--grid: no such folder {gridFolder}");
        return options;
    }

    private static int Integer(string flag, string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : throw new ArgumentException($"{flag}: '{text}' is not an integer");

    private static int Positive(string flag, string text) =>
        Integer(flag, text) is > 0 and var value ? value : throw new ArgumentException($"{flag}: must be at least 1");

    private static double Fraction(string flag, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value is > 0 and < 1
            ? value : throw new ArgumentException($"{flag}: '{text}' is not a fraction between 0 and 1");
}
