using ScottPlot;

namespace HnReply.Evaluation;

/// <summary>
/// The ladder as a picture: one bar per model, perplexity for language models (lower is better)
/// and recall@1 of 10 for repliers (higher is better), side by side in one PNG.
/// </summary>
public static class LadderChart
{
    public static void Write(string path, IReadOnlyList<(string Model, double Perplexity)> languageModels, IReadOnlyList<(string Model, double RecallAt1)> repliers)
    {
        var multiplot = new Multiplot();
        int panels = (languageModels.Count > 0 ? 1 : 0) + (repliers.Count > 0 ? 1 : 0);
        if (panels == 0) return;
        multiplot.AddPlots(panels);
        int panel = 0;
        if (languageModels.Count > 0) Bars(multiplot.GetPlot(panel++), languageModels, "Perplexity on held-out text (lower is better)");
        if (repliers.Count > 0) Bars(multiplot.GetPlot(panel), repliers, "Reply recall@1 of 10 (higher is better)");
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();
        multiplot.SavePng(path, 480 * panels, 420);
    }

    private static void Bars(Plot plot, IReadOnlyList<(string Model, double Value)> rows, string title)
    {
        var bars = rows.Select((r, i) => new Bar { Position = i, Value = double.IsFinite(r.Value) ? r.Value : 0, Label = r.Value.ToString("G4", System.Globalization.CultureInfo.InvariantCulture) }).ToList();
        var series = plot.Add.Bars(bars);
        series.ValueLabelStyle.FontSize = 12;
        plot.Axes.Bottom.SetTicks([.. rows.Select((_, i) => (double)i)], [.. rows.Select(r => Path.GetFileName(r.Model.TrimEnd('/')))]);
        plot.Axes.Margins(bottom: 0);
        plot.Title(title, size: 13);
    }
}
