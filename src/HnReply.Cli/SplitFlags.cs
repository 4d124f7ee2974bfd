using System.CommandLine;
using HnReply.Corpus;

namespace HnReply.Cli;

/// <summary>The flags that choose how stories are split; commands that read splits add them.</summary>
internal static class SplitFlags
{
    private static readonly SplitOptions Defaults = new();

    public static readonly Option<double> Valid = new("--valid-fraction")
    {
        Description = "Share of stories in the valid split",
        DefaultValueFactory = _ => Defaults.ValidFraction,
    };

    public static readonly Option<double> Test = new("--test-fraction")
    {
        Description = "Share of stories in the test split",
        DefaultValueFactory = _ => Defaults.TestFraction,
    };

    public static readonly Option<long> Seed = new("--split-seed")
    {
        Description = "Seed of the story-to-split hash (splits stay the same while this and the fractions do)",
        DefaultValueFactory = _ => Defaults.Seed,
    };

    public static void AddTo(Command command)
    {
        command.Options.Add(Valid);
        command.Options.Add(Test);
        command.Options.Add(Seed);
    }

    public static SplitOptions Read(ParseResult parse)
    {
        var options = new SplitOptions
        {
            ValidFraction = parse.GetValue(Valid),
            TestFraction = parse.GetValue(Test),
            Seed = parse.GetValue(Seed),
        };
        options.Validate();
        return options;
    }
}
