using HnReply.Text;

namespace HnReply.Core.Tests.Text;

public sealed class PlainTextFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hnreply-plaintext-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(byte[] bytes)
    {
        string path = Path.Combine(_folder, "text.txt");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    // FF FE is UTF-16's byte-order mark: it must not switch the reader to UTF-16 and turn bytes into text.
    [Fact]
    public void ReadLines_Utf16ByteOrderMark_IsNotUtf8()
    {
        string path = Write([0xFF, 0xFE, (byte)' ', (byte)'b', (byte)'a', (byte)'d']);

        var error = Assert.Throws<InvalidDataException>(() => PlainTextFile.ReadLines(path).ToList());

        Assert.StartsWith($"{path}: not valid UTF-8 (byte 0xFF)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadLines_Utf8ByteOrderMark_IsSkipped()
    {
        string path = Write([0xEF, 0xBB, 0xBF, .. "first line\nsecond"u8]);

        Assert.Equal(["first line", "second"], PlainTextFile.ReadLines(path).ToList());
    }
}
