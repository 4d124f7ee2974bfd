namespace HnReply.Corpus;

public enum Split { Train, Valid, Test }

public static class SplitNames
{
    public static string Name(this Split split) => split switch
    {
        Split.Train => "train",
        Split.Valid => "valid",
        Split.Test => "test",
        _ => throw new ArgumentOutOfRangeException(nameof(split)),
    };

    public static Split Parse(string name) => name.ToLowerInvariant() switch
    {
        "train" => Split.Train,
        "valid" or "validation" or "dev" => Split.Valid,
        "test" => Split.Test,
        _ => throw new FormatException($"unknown split '{name}' (expected train, valid or test)"),
    };
}
