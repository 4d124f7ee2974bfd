namespace HnReply.Samples.NotMnist;

/// <summary>
/// Train / valid / test indices with every class in the same proportion in each part: each class's
/// indices are shuffled with the seed and cut at the fractions, so the same seed always gives the same
/// split, and the parts never share an image.
/// </summary>
public sealed record StratifiedSplit(int[] Train, int[] Valid, int[] Test)
{
    public static StratifiedSplit Create(byte[] labels, double validFraction, double testFraction, int seed)
    {
        if (validFraction < 0 || testFraction < 0 || validFraction + testFraction >= 1)
            throw new ArgumentOutOfRangeException(nameof(validFraction), "valid and test fractions must be ≥ 0 and sum below 1");
        var random = new Random(seed);
        List<int> train = [], valid = [], test = [];
        foreach (var group in Enumerable.Range(0, labels.Length).GroupBy(i => labels[i]).OrderBy(g => g.Key))
        {
            var indices = group.ToArray();
            random.Shuffle(indices);
            int testCount = (int)Math.Round(indices.Length * testFraction);
            int validCount = (int)Math.Round(indices.Length * validFraction);
            test.AddRange(indices[..testCount]);
            valid.AddRange(indices[testCount..(testCount + validCount)]);
            train.AddRange(indices[(testCount + validCount)..]);
        }
        return new StratifiedSplit(Shuffled(train, random), Shuffled(valid, random), Shuffled(test, random));
    }

    private static int[] Shuffled(List<int> indices, Random random)
    {
        var array = indices.ToArray();
        random.Shuffle(array);
        return array;
    }
}
