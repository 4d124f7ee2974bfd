namespace HnReply.Neural.Training;

/// <summary>
/// The paper's step decay — the rate is multiplied by <c>factor</c> after every epoch past
/// <c>decayAfter</c> (TF ptb_word_lm: lr·factor^max(epoch − decayAfter, 0), epochs counted from 1) —
/// and, optionally, halving on a plateau: whenever a validation does not improve on the best.
/// Plain state, saved in checkpoints so a resumed run continues the same schedule. Under a time
/// limit, <see cref="BudgetScale"/> adds a cooldown: the rate falls linearly to zero over the last
/// share of the time (the warmup-stable-decay shape; Li et al. 2020, "Budgeted Training").
/// </summary>
internal sealed class LearningRateSchedule(double initial, int decayAfter, double factor, bool reduceOnPlateau)
{
    public double PlateauScale { get; set; } = 1;

    /// <summary>The cooldown's factor for the run's present point (1 without a time limit); recomputed every step from the clock, so not saved.</summary>
    public double BudgetScale { get; set; } = 1;

    public double At(int epoch) => initial * PlateauScale * BudgetScale * Math.Pow(factor, Math.Max(epoch - decayAfter, 0));

    /// <summary>
    /// 1 until <paramref name="fractionUsed"/> of the training time has passed the start of the last <paramref name="share"/>,
    /// then falling linearly to 0 when the time is up.
    /// </summary>
    public static double Cooldown(double fractionUsed, double share) =>
        share <= 0 ? 1 : Math.Clamp((1 - fractionUsed) / share, 0, 1);

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
