namespace HnReply.Neural.Training;

/// <summary>
/// The paper's step decay — the rate is multiplied by <c>factor</c> after every epoch past
/// <c>decayAfter</c> (TF ptb_word_lm: lr·factor^max(epoch − decayAfter, 0), epochs counted from 1) —
/// and, optionally, halving on a plateau: whenever a validation does not improve on the best.
/// Plain state, saved in checkpoints so a resumed run continues the same schedule.
/// </summary>
internal sealed class LearningRateSchedule(double initial, int decayAfter, double factor, bool reduceOnPlateau)
{
    public double PlateauScale { get; set; } = 1;

    public double At(int epoch) => initial * PlateauScale * Math.Pow(factor, Math.Max(epoch - decayAfter, 0));

    /// <summary>Sets every parameter group's rate to <see cref="At"/>(<paramref name="epoch"/>) and returns it.</summary>
    public double Apply(TorchSharp.Modules.OptimizerHelper optimizer, int epoch)
    {
        double lr = At(epoch);
        foreach (var group in optimizer.ParamGroups) group.LearningRate = lr;
        return lr;
    }

    /// <summary>Called after each validation with whether it improved on the best so far.</summary>
    public void Observe(bool improved)
    {
        if (reduceOnPlateau && !improved) PlateauScale *= 0.5;
    }
}
