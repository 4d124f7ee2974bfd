namespace HnReply.Samples.Tests;

/// <summary>Runs a sample's entry point and returns what it printed, one string per line.</summary>
internal static class SampleRun
{
    public static string[] Lines(Action<TextWriter> run)
    {
        using var output = new StringWriter();
        run(output);
        return output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
    }

    /// <summary>The number after <paramref name="label"/> in <paramref name="line"/> ("loss 0.25" → 0.25).</summary>
    public static double After(string line, string label)
    {
        int at = line.IndexOf(label, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{label}' not in: {line}");
        var number = new string(line[(at + label.Length)..].TrimStart().TakeWhile(c => char.IsDigit(c) || c is '.' or '-' or 'E' or '+').ToArray());
        return double.Parse(number, System.Globalization.CultureInfo.InvariantCulture);
    }
}
