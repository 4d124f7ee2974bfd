using ScottPlot;

namespace HnReply.Samples.NotMnist;

/// <summary>
/// A PNG of test letters the network got wrong, in a grid (row 0 of the data is the top of the picture), each captioned "true→predicted": the
/// fastest way to see whether the errors are the model's or the data's (notMNIST has many
/// unreadable glyphs).
/// </summary>
public static class MisclassifiedGrid
{
    private const int Columns = 10, Gap = 12;

    /// <summary>Writes up to <paramref name="max"/> errors (temp file + rename); returns how many are shown.</summary>
    public static int Write(string path, LetterSet set, IReadOnlyList<int> indices, IReadOnlyList<long> predictions, int max = 60)
    {
        var wrong = Enumerable.Range(0, indices.Count).Where(i => set.Labels[indices[i]] != predictions[i]).Take(max).ToList();
        int rows = Math.Max(1, (wrong.Count + Columns - 1) / Columns), side = set.Side, cell = side + Gap;
        var pixels = new double[rows * cell, Columns * cell];
        for (int y = 0; y < pixels.GetLength(0); y++)
            for (int x = 0; x < pixels.GetLength(1); x++) pixels[y, x] = double.NaN;
        for (int n = 0; n < wrong.Count; n++)
        {
            var image = set.Image(indices[wrong[n]]);
            int top = Top(n, cell), left = Left(n, cell);
            for (int y = 0; y < side; y++)
                for (int x = 0; x < side; x++) pixels[top + y, left + x] = image[y * side + x];
        }
        var plot = new Plot();
        // Added once the pixels are in: the heatmap computes its colour range when it is created.
        var heatmap = plot.Add.Heatmap(pixels);
        heatmap.Colormap = new ScottPlot.Colormaps.GrayscaleReversed();
        heatmap.NaNCellColor = Colors.White;
        for (int n = 0; n < wrong.Count; n++)
        {
            int i = wrong[n];
            string text = $"{LetterSet.Letter(set.Labels[indices[i]])}→{LetterSet.Letter((int)predictions[i])}";
            // Plot y grows upwards while pixel rows grow downwards: the caption sits in the gap above its tile.
            var caption = plot.Add.Text(text, Left(n, cell) + side / 2.0, pixels.GetLength(0) - Top(n, cell));
            caption.LabelFontSize = 13;
            caption.LabelAlignment = Alignment.LowerCenter;
        }
        plot.HideGrid();
        plot.Axes.Frameless();
        string temp = path + ".tmp.png";
        plot.SavePng(temp, Columns * 70, rows * 80 + 40);
        File.Move(temp, path, overwrite: true);
        return wrong.Count;
    }

    private static int Top(int n, int cell) => n / Columns * cell + Gap;

    private static int Left(int n, int cell) => n % Columns * cell;
}
