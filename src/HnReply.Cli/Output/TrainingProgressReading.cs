using HnReply.Neural.Training;

namespace HnReply.Cli.Output;

// Counts from where this process started (a resumed run has done chunks already), so rate and ETA are this run's;
// under a time budget the total is what the budget allows at this pace, so the ETA honours the limit.
internal sealed class TrainingProgressReading(IProgress<ProgressReading> display) : IProgress<TrainingProgress>
{
    private double? _start;

    public void Report(TrainingProgress value)
    {
        double at = (value.Epoch - 1) * (double)value.Chunks + value.Chunk - 1;
        _start ??= at;
        double done = at + 1 - _start.Value, total = (double)value.Epochs * value.Chunks - _start.Value;
        if (value.TimeFraction is > 0 and var fraction) total = Math.Min(total, done / fraction);
        Show(display, done, total, value);
    }

    private static void Show(IProgress<ProgressReading> display, double done, double total, TrainingProgress value) => display.Report(new ProgressReading(
        done, total,
        $"epoch {value.Epoch}/{value.Epochs}, {value.TokensPerSecond:N0} tokens/s, loss {value.Loss:F3}, lr {value.LearningRate:G3}" +
        (value.ValidPerplexity is { } v ? $", valid ppl {v:F1}" : "")));
}
