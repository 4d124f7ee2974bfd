using System.IO.Compression;
using System.Text;

namespace HnReply.Core.Tests.Corpus;

/// <summary>A directory of files written by one test, deleted when the test ends.</summary>
internal sealed class TempDirectory : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("hnreply-tests-").FullName;

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Corpus", "Fixtures", name);

    public string Write(string name, string content) => Write(name, Encoding.UTF8.GetBytes(content));

    public string Write(string name, byte[] content)
    {
        var path = Path.Combine(Root, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    public static byte[] Gzip(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(content);
        }
        return output.ToArray();
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
