using System.Buffers.Binary;
using System.IO.Compression;

namespace HnReply.Samples.Tests.NotMnist;

/// <summary>Writes small idx files (MNIST's format) for the tests: images 0x803, labels 0x801, big-endian.</summary>
internal static class IdxFiles
{
    public static void WriteImages(string path, byte[] pixels, int count, int side, bool gzip) =>
        Write(path, gzip, [0x803, count, side, side], pixels);

    public static void WriteLabels(string path, byte[] labels, bool gzip) =>
        Write(path, gzip, [0x801, labels.Length], labels);

    public static void Write(string path, bool gzip, int[] header, byte[] body)
    {
        using var file = File.Create(path);
        using Stream stream = gzip ? new GZipStream(file, CompressionLevel.Fastest) : file;
        Span<byte> word = stackalloc byte[4];
        foreach (int value in header)
        {
            BinaryPrimitives.WriteInt32BigEndian(word, value);
            stream.Write(word);
        }
        stream.Write(body);
    }

    /// <summary>
    /// perClass images of each letter 0–9 on a side×side grid: letter k is a bright horizontal bar at
    /// rows derived from k plus seeded speckle, easy enough for every rung to learn in two epochs.
    /// </summary>
    public static (byte[] Pixels, byte[] Labels) Letters(int perClass, int side, int seed = 7)
    {
        var random = new Random(seed);
        var pixels = new byte[perClass * 10 * side * side];
        var labels = new byte[perClass * 10];
        for (int n = 0; n < labels.Length; n++)
        {
            byte label = (byte)(n % 10);
            labels[n] = label;
            for (int y = 0; y < side; y++)
                for (int x = 0; x < side; x++)
                {
                    bool bar = y * 10 / side == label;
                    pixels[(n * side + y) * side + x] = (byte)(bar ? 200 + random.Next(56) : random.Next(40));
                }
        }
        return (pixels, labels);
    }
}
