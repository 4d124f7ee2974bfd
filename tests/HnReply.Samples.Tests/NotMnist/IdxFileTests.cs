using HnReply.Samples.NotMnist;

namespace HnReply.Samples.Tests.NotMnist;

public sealed class IdxFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hnreply-idx-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void ReadImages_GzipAndPlain_GiveTheSamePixels()
    {
        var (pixels, _) = IdxFiles.Letters(perClass: 2, side: 5);
        string plain = Path.Combine(_folder, "plain"), gzip = Path.Combine(_folder, "packed.gz");
        IdxFiles.WriteImages(plain, pixels, 20, 5, gzip: false);
        IdxFiles.WriteImages(gzip, pixels, 20, 5, gzip: true);

        var fromPlain = IdxFile.ReadImages(plain);
        var fromGzip = IdxFile.ReadImages(gzip);

        Assert.Equal((20, 5, 5), (fromPlain.Count, fromPlain.Rows, fromPlain.Columns));
        Assert.Equal(pixels, fromPlain.Pixels);
        Assert.Equal(pixels, fromGzip.Pixels);
    }

    [Fact]
    public void ReadImages_LabelsFile_NamesTheFileAndTheWrongMagic()
    {
        string path = Path.Combine(_folder, "labels");
        IdxFiles.WriteLabels(path, [1, 2, 3], gzip: false);

        var error = Assert.Throws<InvalidDataException>(() => IdxFile.ReadImages(path));

        Assert.Equal($"{path}: magic number 0x00000801, expected 0x00000803 (idx images)", error.Message);
    }

    [Fact]
    public void ReadImages_Truncated_SaysWhatTheHeaderPromised()
    {
        string path = Path.Combine(_folder, "short.gz");
        IdxFiles.Write(path, gzip: true, [0x803, 3, 4, 4], new byte[40]);

        var error = Assert.Throws<InvalidDataException>(() => IdxFile.ReadImages(path));

        Assert.Equal($"{path}: truncated, the header promises 3 images of 4×4", error.Message);
    }

    [Fact]
    public void ReadLabels_LabelOutOfRange_NamesItsPosition()
    {
        string path = Path.Combine(_folder, "labels");
        IdxFiles.WriteLabels(path, [1, 12, 3], gzip: false);

        var error = Assert.Throws<InvalidDataException>(() => IdxFile.ReadLabels(path, classes: 10));

        Assert.Equal($"{path}: label 1 is 12, expected 0–9", error.Message);
    }
}
