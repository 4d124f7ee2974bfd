namespace HnReply.Neural.Tests;

/// <summary>
/// Tests that touch libtorch's process-wide state (its RNG seed, thread count, the dispose-scope
/// statistics) run in this one collection, never in parallel with each other.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LibTorchTests
{
    public const string Name = "libtorch";
}
