using HnReply.Samples.NotMnist;

namespace HnReply.Samples.Tests.NotMnist;

public sealed class NotMnistLadderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hnreply-notmnist-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Run_TinyLetters_PrintsEveryRungTheConfusionMatrixAndWritesTheGrid()
    {
        var (pixels, labels) = IdxFiles.Letters(perClass: 20, side: 8);
        IdxFiles.WriteImages(Path.Combine(_folder, "t10k-images-idx3-ubyte.gz"), pixels, labels.Length, 8, gzip: true);
        IdxFiles.WriteLabels(Path.Combine(_folder, "t10k-labels-idx1-ubyte"), labels, gzip: false);
        string grid = Path.Combine(_folder, "grid.png");
        using var output = new StringWriter();
        using var error = new StringWriter();

        int exit = NotMnistLadder.Run(["--data", _folder, "--epochs", "2", "--threads", "1", "--grid", grid], output, error);

        Assert.Equal("", error.ToString());
        Assert.Equal(0, exit);
        var lines = output.ToString().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal("t10k-images-idx3-ubyte.gz: 200 images split 160 train / 20 valid / 20 test (stratified, seed 1)", lines[0]);
        foreach (var rung in Rung.Ladder)
        {
            var row = lines.Single(l => l.StartsWith(rung.Name + " ", StringComparison.Ordinal) && l.Contains('%', StringComparison.Ordinal));
            Assert.InRange(SampleRun.After(row, rung.Name), 0, 100);
        }
        int matrix = lines.IndexOf("true\\pred     A     B     C     D     E     F     G     H     I     J");
        Assert.True(matrix > 0, "no confusion matrix header");
        var counts = lines.Skip(matrix + 1).Take(10).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Equal(["A", "B", "C", "D", "E", "F", "G", "H", "I", "J"], counts.Select(c => c[0]));
        Assert.All(counts, c => Assert.Equal(2, c.Skip(1).Sum(int.Parse))); // 2 test images of each letter
        Assert.True(new FileInfo(grid).Length > 1000, "grid PNG missing or empty");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(grid)[..4]);
    }

    [Fact]
    public void Run_FolderWithoutIdxFiles_FailsWithOneLine()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        int exit = NotMnistLadder.Run(["--data", _folder], output, error);

        Assert.Equal(1, exit);
        Assert.Equal($"error: {_folder}: no t10k-images-idx3-ubyte[.gz] or train-images-idx3-ubyte[.gz] with its labels file{Environment.NewLine}", error.ToString());
    }

    [Fact]
    public void Run_UnknownOption_NamesIt()
    {
        using var error = new StringWriter();

        int exit = NotMnistLadder.Run(["--epoch", "3"], TextWriter.Null, error);

        Assert.Equal(1, exit);
        Assert.StartsWith("error: --epoch: unknown option (usage: NotMnist", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_GridInAMissingFolder_FailsBeforeReadingAnything()
    {
        string missing = Path.Combine(_folder, "no-such-folder");
        using var error = new StringWriter();

        int exit = NotMnistLadder.Run(["--grid", Path.Combine(missing, "grid.png")], TextWriter.Null, error);

        Assert.Equal(1, exit);
        Assert.Equal($"error: --grid: no such folder {missing}{Environment.NewLine}", error.ToString());
    }

    [Fact]
    public void Run_Help_PrintsUsageAndSucceeds()
    {
        using var output = new StringWriter();

        int exit = NotMnistLadder.Run(["--help"], output, TextWriter.Null);

        Assert.Equal(0, exit);
        Assert.Equal(LadderOptions.Usage + Environment.NewLine, output.ToString());
    }

    [Fact]
    public void Run_TrainAndTestFiles_SplitsTrainIntoTrainAndValidAndTestsOnT10k()
    {
        var (train, trainLabels) = IdxFiles.Letters(perClass: 20, side: 8, seed: 1);
        var (test, testLabels) = IdxFiles.Letters(perClass: 3, side: 8, seed: 2);
        IdxFiles.WriteImages(Path.Combine(_folder, "train-images-idx3-ubyte"), train, trainLabels.Length, 8, gzip: false);
        IdxFiles.WriteLabels(Path.Combine(_folder, "train-labels-idx1-ubyte.gz"), trainLabels, gzip: true);
        IdxFiles.WriteImages(Path.Combine(_folder, "t10k-images-idx3-ubyte"), test, testLabels.Length, 8, gzip: false);
        IdxFiles.WriteLabels(Path.Combine(_folder, "t10k-labels-idx1-ubyte"), testLabels, gzip: false);

        var data = LadderData.Load(new LadderOptions { Data = _folder });

        Assert.Equal((180, 20, 30), (data.Train.Length, data.Valid.Length, data.Test.Length));
        Assert.NotSame(data.Source, data.TestSource);
        Assert.Equal(testLabels, data.Test.Select(i => data.TestSource.Labels[i]));
    }
}
