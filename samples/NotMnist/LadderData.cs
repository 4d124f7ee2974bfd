namespace HnReply.Samples.NotMnist;

/// <summary>
/// The images every rung reads: train and valid indices into <see cref="Source"/>, test indices into
/// <see cref="TestSource"/> (the same set when the 10,000-image file is split three ways).
/// </summary>
public sealed record LadderData(LetterSet Source, int[] Train, int[] Valid, LetterSet TestSource, int[] Test, string Description)
{
    /// <summary>
    /// From a folder of notMNIST-to-MNIST files: with <c>train-*</c> files, those give train and valid
    /// (stratified) and <c>t10k-*</c> is the test set; with only <c>t10k-*</c> (the 10,000-image subset),
    /// it is split three ways, stratified, with the seed.
    /// </summary>
    public static LadderData Load(LadderOptions options)
    {
        if (!Directory.Exists(options.Data)) throw new DirectoryNotFoundException($"{options.Data}: no such folder");
        var test = Find(options.Data, "t10k");
        var train = Find(options.Data, "train");
        if (test is null && train is null)
            throw new FileNotFoundException($"{options.Data}: no t10k-images-idx3-ubyte[.gz] or train-images-idx3-ubyte[.gz] with its labels file");
        if (train is null)
        {
            var set = LetterSet.Read(test!.Value.Images, test.Value.Labels);
            var split = StratifiedSplit.Create(set.Labels, options.ValidFraction, options.TestFraction, options.Seed);
            return new LadderData(set, split.Train, split.Valid, set, split.Test,
                $"{Path.GetFileName(test.Value.Images)}: {set.Count:N0} images split {split.Train.Length:N0} train / {split.Valid.Length:N0} valid / {split.Test.Length:N0} test (stratified, seed {options.Seed})");
        }
        if (test is null) throw new FileNotFoundException($"{options.Data}: train files but no t10k-images-idx3-ubyte[.gz] test files");
        var source = LetterSet.Read(train.Value.Images, train.Value.Labels);
        var trainSplit = StratifiedSplit.Create(source.Labels, options.ValidFraction, 0, options.Seed);
        var testSet = LetterSet.Read(test.Value.Images, test.Value.Labels);
        if (testSet.Side != source.Side) throw new InvalidDataException($"{test.Value.Images}: {testSet.Side}×{testSet.Side} images, train has {source.Side}×{source.Side}");
        return new LadderData(source, trainSplit.Train, trainSplit.Valid, testSet, Enumerable.Range(0, testSet.Count).ToArray(),
            $"{Path.GetFileName(train.Value.Images)}: {source.Count:N0} images split {trainSplit.Train.Length:N0} train / {trainSplit.Valid.Length:N0} valid (stratified, seed {options.Seed}); test: {testSet.Count:N0} images of {Path.GetFileName(test.Value.Images)}");
    }

    // "t10k" → t10k-images-idx3-ubyte(.gz) and t10k-labels-idx1-ubyte(.gz), gzip preferred when both exist.
    private static (string Images, string Labels)? Find(string folder, string prefix)
    {
        string? images = Existing(Path.Combine(folder, $"{prefix}-images-idx3-ubyte"));
        if (images is null) return null;
        string labelsName = Path.Combine(folder, $"{prefix}-labels-idx1-ubyte");
        string labels = Existing(labelsName) ?? throw new FileNotFoundException($"{images}: found, but not its labels {labelsName}[.gz]");
        return (images, labels);
    }

    private static string? Existing(string path) =>
        File.Exists(path + ".gz") ? path + ".gz" : File.Exists(path) ? path : null;
}
