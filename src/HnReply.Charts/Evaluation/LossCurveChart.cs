using ScottPlot;

namespace HnReply.Evaluation;

/// <summary>The training curve of a model: train and valid perplexity (log scale) by step, as a PNG beside the weights.</summary>
public static class LossCurveChart
{
    public static void Write(string path, IReadOnlyList<(long Step, double TrainPerplexity, double? ValidPerplexity)> points, string title)
    {
        var plot = new Plot();
        var train = points.Where(p => double.IsFinite(p.TrainPerplexity) && p.TrainPerplexity > 0).ToList();
        var valid = points.Where(p => p.ValidPerplexity is { } v && double.IsFinite(v) && v > 0).ToList();
        if (train.Count > 0)
        {
            var line = plot.Add.Scatter(train.Select(p => (double)p.Step).ToArray(), train.Select(p => Math.Log10(p.TrainPerplexity)).ToArray());
            line.LegendText = "train";
        }
        if (valid.Count > 0)
        {
            var line = plot.Add.Scatter(valid.Select(p => (double)p.Step).ToArray(), valid.Select(p => Math.Log10(p.ValidPerplexity!.Value)).ToArray());
            line.LegendText = "valid";
        }
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            LabelFormatter = y => Math.Pow(10, y).ToString("G3", System.Globalization.CultureInfo.InvariantCulture),
        };
        plot.Title(title);
        plot.XLabel("step");
        plot.YLabel("perplexity (log scale)");
        plot.ShowLegend();
        string temp = path + ".tmp.png";
        plot.SavePng(temp, 800, 500);
        File.Move(temp, path, overwrite: true);
    }
}
