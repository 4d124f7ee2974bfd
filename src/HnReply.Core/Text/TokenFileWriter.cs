using System.Runtime.InteropServices;

namespace HnReply.Text;

/// <summary>
/// The body of <see cref="TokenFile.Write"/>: ids go out through one reused buffer, in memory order,
/// which is the file's little-endian order on every platform .NET runs on (x64, Arm64).
/// </summary>
internal static class TokenFileWriter
{
    private const int BufferIds = 1 << 14;

    /// <summary>Writes every document's ids and its end marker; returns how many ids were written.</summary>
    public static long WriteIds(Stream stream, IEnumerable<IReadOnlyList<string>> documents, Vocabulary vocabulary)
    {
        var buffer = new int[BufferIds];
        var used = 0;
        long count = 0;
        foreach (var document in documents)
        {
            ArgumentNullException.ThrowIfNull(document, nameof(documents));
            for (var i = 0; i <= document.Count; i++)
            {
                if (used == buffer.Length) Flush(stream, buffer, ref used);
                buffer[used++] = i < document.Count ? vocabulary.Id(document[i]) : Vocabulary.Eos;
            }
            count += document.Count + 1;
        }
        Flush(stream, buffer, ref used);
        return count;
    }

    private static void Flush(Stream stream, int[] buffer, ref int used)
    {
        stream.Write(MemoryMarshal.AsBytes(buffer.AsSpan(0, used)));
        used = 0;
    }
}
