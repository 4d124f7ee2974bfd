namespace HnReply.Samples.NotMnist;

/// <summary>
/// Letter images as the networks read them: pixels scaled to [−0.5, 0.5] (the course's normalisation),
/// flattened row by row, with labels 0–9 for A–J. Indices into <see cref="Take"/> select a split.
/// </summary>
public sealed class LetterSet
{
    public const int Classes = 10;

    private readonly float[] _pixels;

    public LetterSet(byte[] pixels, byte[] labels, int side)
    {
        if (pixels.Length != labels.Length * side * side)
            throw new ArgumentException($"{labels.Length} labels for {pixels.Length / (side * side)} images");
        _pixels = Array.ConvertAll(pixels, p => p / 255f - 0.5f);
        Labels = labels;
        Side = side;
    }

    public byte[] Labels { get; }
    public int Side { get; }
    public int Count => Labels.Length;
    public int PixelsPerImage => Side * Side;

    public static string Letter(int label) => ((char)('A' + label)).ToString();

    /// <summary>Reads an images file and its labels file (gzip or plain idx) and checks they agree.</summary>
    public static LetterSet Read(string imagesPath, string labelsPath)
    {
        var (pixels, count, rows, columns) = IdxFile.ReadImages(imagesPath);
        if (rows != columns) throw new InvalidDataException($"{imagesPath}: images are {rows}×{columns}, expected square letters");
        var labels = IdxFile.ReadLabels(labelsPath, Classes);
        if (labels.Length != count)
            throw new InvalidDataException($"{labelsPath}: {labels.Length} labels for the {count} images of {imagesPath}");
        return new LetterSet(pixels, labels, rows);
    }

    /// <summary>The pixels of the images at <paramref name="indices"/>, one row each, and their labels.</summary>
    public (float[] Pixels, long[] Labels) Take(IReadOnlyList<int> indices)
    {
        var pixels = new float[indices.Count * PixelsPerImage];
        var labels = new long[indices.Count];
        for (int i = 0; i < indices.Count; i++)
        {
            Array.Copy(_pixels, indices[i] * PixelsPerImage, pixels, i * PixelsPerImage, PixelsPerImage);
            labels[i] = Labels[indices[i]];
        }
        return (pixels, labels);
    }

    /// <summary>One image's pixels in [−0.5, 0.5], row-major.</summary>
    public ReadOnlySpan<float> Image(int index) => _pixels.AsSpan(index * PixelsPerImage, PixelsPerImage);
}
