using System.Buffers.Binary;
using HnReply.Core.Tests.Corpus;
using HnReply.Text;

namespace HnReply.Core.Tests.Text;

public class TokenFileTests
{
    private static readonly Vocabulary AB = Vocabulary.FromTokens(["a", "b"]);

    [Fact]
    public void Write_Documents_IdsEachFollowedByEosAfterHeader()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Root, "train.tok");

        TokenFile.Write(path, [["a", "b"], ["zzz"], []], AB);

        var bytes = File.ReadAllBytes(path);
        Assert.Equal("HNTOK1\0\0"u8.ToArray(), bytes[..8]);
        Assert.Equal(6, BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(8)));
        Assert.Equal(AB.Count, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(16)));
        Assert.Equal(24 + 6 * 4, bytes.Length);
        Assert.Equal(5, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(24 + 4)));
    }

    [Fact]
    public void Open_WrittenFile_GivesTheSameIds()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Root, "train.tok");
        TokenFile.Write(path, [["a", "b"], ["zzz"], []], AB);

        using var file = TokenFile.Open(path);

        Assert.Equal(6, file.Length);
        Assert.Equal(AB.Count, file.VocabularySize);
        Assert.Equal([4, 5, Vocabulary.Eos, Vocabulary.Unk, Vocabulary.Eos, Vocabulary.Eos], file.Slice(0, 6).ToArray());
        Assert.Equal([Vocabulary.Unk, Vocabulary.Eos], file.Slice(3, 2).ToArray());
        Assert.Equal(5, file[1]);
        Assert.True(file.Slice(6, 0).IsEmpty);
    }

    [Fact]
    public void Open_EmptyCorpus_HasNoIds()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Root, "empty.tok");
        TokenFile.Write(path, [], AB);

        using var file = TokenFile.Open(path);

        Assert.Equal(0, file.Length);
        Assert.True(file.Slice(0, 0).IsEmpty);
    }

    [Fact]
    public void Slice_TenMillionIds_ReadsAnyRangeBackExactly()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Root, "large.tok");
        var words = Enumerable.Range(0, 1000).Select(i => $"w{i}").ToArray();
        var vocabulary = Vocabulary.FromTokens(words);
        const int documents = 10_000, perDocument = 999;
        // Id at position p: document p / 1000 holds words (d * 31 + k) % 1000 for k < 999, then Eos.
        static int Expected(long p) => p % 1000 == perDocument ? Vocabulary.Eos : 4 + (int)((p / 1000 * 31 + p % 1000) % 1000);
        TokenFile.Write(path, Enumerable.Range(0, documents).Select(d => Enumerable.Range(0, perDocument).Select(k => words[(d * 31 + k) % 1000]).ToArray()), vocabulary);

        using var file = TokenFile.Open(path);

        Assert.Equal(10_000_000, file.Length);
        var random = new Random(5);
        long[] starts = [0, 999, 4_999_500, file.Length - 4096, .. Enumerable.Range(0, 200).Select(_ => random.NextInt64(file.Length - 4096))];
        foreach (var start in starts)
        {
            var slice = file.Slice(start, 4096);
            for (var k = 0; k < slice.Length; k++) Assert.Equal(Expected(start + k), slice[k]);
        }
        Assert.Equal(Vocabulary.Eos, file[file.Length - 1]);
    }

    [Theory]
    [InlineData(-1, 1)]
    [InlineData(0, 7)]
    [InlineData(6, 1)]
    [InlineData(2, -1)]
    [InlineData(long.MaxValue, 2)]
    public void Slice_OutsideTheFile_Throws(long start, int length)
    {
        using var directory = new TempDirectory();
        using var file = TokenFile.Open(Write(directory, out _));

        Assert.Throws<ArgumentOutOfRangeException>(() => file.Slice(start, length).ToArray());
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(6)]
    public void Indexer_OutsideTheFile_Throws(long index)
    {
        using var directory = new TempDirectory();
        using var file = TokenFile.Open(Write(directory, out _));

        Assert.Throws<ArgumentOutOfRangeException>(() => file[index]);
    }

    [Fact]
    public void Slice_AfterDispose_Throws()
    {
        using var directory = new TempDirectory();
        var file = TokenFile.Open(Write(directory, out _));

        file.Dispose();
        file.Dispose();

        Assert.Throws<ObjectDisposedException>(() => file.Slice(0, 1).ToArray());
    }

    [Fact]
    public void Open_TruncatedIds_FailsNamingFileAndSizes()
    {
        using var directory = new TempDirectory();
        var path = Write(directory, out var bytes);
        File.WriteAllBytes(path, bytes[..^2]);

        var error = Assert.Throws<InvalidDataException>(() => TokenFile.Open(path));

        Assert.Equal($"{path}: truncated: the header counts 6 ids (48 bytes) but the file has 46 bytes", error.Message);
    }

    [Fact]
    public void Open_TruncatedHeader_FailsNamingFile()
    {
        using var directory = new TempDirectory();
        var path = Write(directory, out var bytes);
        File.WriteAllBytes(path, bytes[..10]);

        var error = Assert.Throws<InvalidDataException>(() => TokenFile.Open(path));

        Assert.Equal($"{path}: truncated: 10 bytes, shorter than the 24-byte header", error.Message);
    }

    [Fact]
    public void Open_TrailingBytes_Fails()
    {
        using var directory = new TempDirectory();
        var path = Write(directory, out var bytes);
        File.WriteAllBytes(path, [.. bytes, 1, 2, 3, 4]);

        var error = Assert.Throws<InvalidDataException>(() => TokenFile.Open(path));

        Assert.Equal($"{path}: 4 bytes after the 6 ids the header counts", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello, this is a text file, not ids")]
    public void Open_ForeignFile_FailsNamingFile(string content)
    {
        using var directory = new TempDirectory();
        var path = directory.Write("other.tok", content);

        var error = Assert.Throws<InvalidDataException>(() => TokenFile.Open(path));

        Assert.Equal($"{path}: not a token file (it does not start with HNTOK1)", error.Message);
    }

    [Fact]
    public void Open_MissingFile_FailsNamingIt()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Root, "missing.tok");

        var error = Assert.Throws<FileNotFoundException>(() => TokenFile.Open(path));

        Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_DocumentsFailMidway_LeavesOldFileAndNoTempFile()
    {
        using var directory = new TempDirectory();
        var path = Write(directory, out var before);

        static IEnumerable<string[]> Failing()
        {
            yield return ["a"];
            throw new IOException("source went away");
        }

        Assert.Throws<IOException>(() => TokenFile.Write(path, Failing(), AB));
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(directory.Root));
    }

    [Fact]
    public void Slice_ManyThreads_ReadTheSameIds()
    {
        using var directory = new TempDirectory();
        using var file = TokenFile.Open(Write(directory, out _));

        var sums = Enumerable.Range(0, 10_000).AsParallel().WithDegreeOfParallelism(4).Select(_ => file.Slice(0, 6).ToArray().Sum()).Distinct().ToArray();

        Assert.Equal([4 + 5 + 2 + 0 + 2 + 2], sums);
    }

    private static string Write(TempDirectory directory, out byte[] bytes)
    {
        var path = Path.Combine(directory.Root, "small.tok");
        TokenFile.Write(path, [["a", "b"], ["zzz"], []], AB);
        bytes = File.ReadAllBytes(path);
        return path;
    }
}
