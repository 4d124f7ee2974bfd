using System.Buffers.Binary;
using System.IO.Compression;

namespace HnReply.Samples.NotMnist;

/// <summary>
/// Reads MNIST's idx format (big-endian): images are magic 0x00000803, count, rows, columns, then one
/// byte per pixel; labels are magic 0x00000801, count, then one byte per label. Gzip files (first bytes
/// 1f 8b) are unpacked on the fly, so both <c>t10k-images-idx3-ubyte</c> and its <c>.gz</c> read alike.
/// Every problem fails with one line naming the file and what is wrong.
/// </summary>
public static class IdxFile
{
    private const int ImageMagic = 0x00000803, LabelMagic = 0x00000801;

    /// <summary>Pixels of every image, row-major, one byte each; with the image side (28 for notMNIST).</summary>
    public static (byte[] Pixels, int Count, int Rows, int Columns) ReadImages(string path)
    {
        using var stream = Open(path);
        int count = Header(stream, path, ImageMagic, "images");
        int rows = ReadInt(stream, path, "rows"), columns = ReadInt(stream, path, "columns");
        if (rows <= 0 || columns <= 0 || (long)count * rows * columns > Array.MaxLength)
            throw new InvalidDataException($"{path}: implausible image size {count} × {rows} × {columns}");
        var pixels = new byte[count * rows * columns];
        ReadExactly(stream, pixels, path, $"{count} images of {rows}×{columns}");
        return (pixels, count, rows, columns);
    }

    /// <summary>One label per image, each below <paramref name="classes"/>.</summary>
    public static byte[] ReadLabels(string path, int classes)
    {
        using var stream = Open(path);
        int count = Header(stream, path, LabelMagic, "labels");
        var labels = new byte[count];
        ReadExactly(stream, labels, path, $"{count} labels");
        int bad = Array.FindIndex(labels, l => l >= classes);
        if (bad >= 0) throw new InvalidDataException($"{path}: label {bad} is {labels[bad]}, expected 0–{classes - 1}");
        return labels;
    }

    private static Stream Open(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such file");
        var file = File.OpenRead(path);
        Span<byte> start = stackalloc byte[2];
        int read = file.Read(start);
        file.Position = 0;
        bool gzip = read == 2 && start[0] == 0x1f && start[1] == 0x8b;
        return gzip ? new BufferedStream(new GZipStream(file, CompressionMode.Decompress), 1 << 16) : file;
    }

    private static int Header(Stream stream, string path, int magic, string what)
    {
        int found = ReadInt(stream, path, "magic number");
        if (found != magic)
            throw new InvalidDataException($"{path}: magic number 0x{found:x8}, expected 0x{magic:x8} (idx {what})");
        int count = ReadInt(stream, path, "count");
        if (count <= 0) throw new InvalidDataException($"{path}: {count} {what}");
        return count;
    }

    private static int ReadInt(Stream stream, string path, string field)
    {
        Span<byte> bytes = stackalloc byte[4];
        try
        {
            stream.ReadExactly(bytes);
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException)
        {
            throw new InvalidDataException($"{path}: ends before the {field} (not an idx file?)", e);
        }
        return BinaryPrimitives.ReadInt32BigEndian(bytes);
    }

    private static void ReadExactly(Stream stream, byte[] buffer, string path, string expected)
    {
        try
        {
            stream.ReadExactly(buffer);
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException)
        {
            throw new InvalidDataException($"{path}: truncated, the header promises {expected}", e);
        }
    }
}
