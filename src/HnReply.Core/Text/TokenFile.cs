using System.Buffers.Binary;
using System.IO.MemoryMappedFiles;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace HnReply.Text;

/// <summary>
/// A corpus tokenized once into ids that trainers read by memory-mapping, so a corpus larger than
/// RAM costs no load time and several processes share one copy in the page cache.
/// Layout (little-endian): a 24-byte header — the magic "HNTOK1", two zero bytes, the number of
/// ids (int64), the size of the vocabulary that made them (int32), four zero bytes — then the
/// ids as int32, each document followed by <see cref="Vocabulary.Eos"/>.
/// Reads are thread-safe; spans from <see cref="Slice"/> are valid until <see cref="Dispose"/>.
/// </summary>
public sealed class TokenFile : IDisposable
{
    private const int HeaderSize = 24;
    private static ReadOnlySpan<byte> Magic => "HNTOK1"u8;

    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly nint _ids;
    private bool _disposed;

    private TokenFile(MemoryMappedFile file, MemoryMappedViewAccessor view, long length, int vocabularySize)
    {
        (_file, _view, Length, VocabularySize) = (file, view, length, vocabularySize);
        var released = false;
        _view.SafeMemoryMappedViewHandle.DangerousAddRef(ref released);
        _ids = _view.SafeMemoryMappedViewHandle.DangerousGetHandle() + (nint)_view.PointerOffset + HeaderSize;
    }

    /// <summary>The number of ids, end-of-document markers included.</summary>
    public long Length { get; }

    /// <summary>The <see cref="Vocabulary.Count"/> of the vocabulary the file was written with, to check a pairing.</summary>
    public int VocabularySize { get; }

    public int this[long index]
    {
        get
        {
            if ((ulong)index >= (ulong)Length) throw new ArgumentOutOfRangeException(nameof(index), index, $"outside 0..{Length - 1}");
            return Slice(index, 1)[0];
        }
    }

    public ReadOnlySpan<int> Slice(long start, int length)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (start < 0 || length < 0 || start > Length - length)
            throw new ArgumentOutOfRangeException(nameof(start), $"[{start}, {start}+{length}) is outside the file's {Length} ids");
        // The project does not enable unsafe code, so the mapped address becomes a managed ref
        // (a ref to memory outside the GC heap, which the GC ignores) instead of a pointer.
        ref var first = ref Unsafe.AddByteOffset(ref Unsafe.NullRef<int>(), _ids + (nint)(start * sizeof(int)));
        return MemoryMarshal.CreateReadOnlySpan(ref first, length);
    }

    /// <summary>
    /// Encodes <paramref name="documents"/> with <paramref name="vocabulary"/> (unknown tokens → <see cref="Vocabulary.Unk"/>)
    /// into <paramref name="path"/>, whole or not at all (temp file + rename). Streams: memory use does not grow with the corpus.
    /// </summary>
    public static void Write(string path, IEnumerable<IReadOnlyList<string>> documents, Vocabulary vocabulary)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(vocabulary);
        var full = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(full) ?? ".", $".{Path.GetFileName(full)}.tmp-{Guid.NewGuid():N}");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                stream.Write(new byte[HeaderSize]);
                var count = TokenFileWriter.WriteIds(stream, documents, vocabulary);
                stream.Position = 0;
                stream.Write(Header(count, vocabulary.Count));
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Maps a file written by <see cref="Write"/>; a foreign or truncated file fails with one line naming it.</summary>
    public static TokenFile Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such token file", path);
        var (length, vocabularySize) = ReadHeader(path);
        var file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, mapName: null, capacity: 0, MemoryMappedFileAccess.Read);
        try
        {
            return new TokenFile(file, file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read), length, vocabularySize);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _view.SafeMemoryMappedViewHandle.DangerousRelease();
        _view.Dispose();
        _file.Dispose();
    }

    private static byte[] Header(long count, int vocabularySize)
    {
        var header = new byte[HeaderSize];
        Magic.CopyTo(header);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(8), count);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(16), vocabularySize);
        return header;
    }

    private static (long Length, int VocabularySize) ReadHeader(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> header = stackalloc byte[HeaderSize];
        var read = stream.ReadAtLeast(header, HeaderSize, throwOnEndOfStream: false);
        if (read < Magic.Length || !header[..Magic.Length].SequenceEqual(Magic))
            throw new InvalidDataException($"{path}: not a token file (it does not start with HNTOK1)");
        if (read < HeaderSize) throw new InvalidDataException($"{path}: truncated: {read} bytes, shorter than the {HeaderSize}-byte header");
        var length = BinaryPrimitives.ReadInt64LittleEndian(header[8..]);
        var vocabularySize = BinaryPrimitives.ReadInt32LittleEndian(header[16..]);
        var expected = length is >= 0 and <= (long.MaxValue - HeaderSize) / sizeof(int) ? HeaderSize + length * sizeof(int) : -1;
        if (expected < 0 || vocabularySize < 0) throw new InvalidDataException($"{path}: corrupt header (length {length}, vocabulary size {vocabularySize})");
        if (stream.Length < expected)
            throw new InvalidDataException($"{path}: truncated: the header counts {length} ids ({expected} bytes) but the file has {stream.Length} bytes");
        if (stream.Length > expected)
            throw new InvalidDataException($"{path}: {stream.Length - expected} bytes after the {length} ids the header counts");
        return (length, vocabularySize);
    }
}
