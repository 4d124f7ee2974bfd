namespace HnReply.Synthetic;

internal enum FaultKind { None, Slow, ServerError, TooManyRequests, Drop }

/// <summary>One decision of <see cref="FaultPlan"/>; <see cref="Variant"/> picks the status, Retry-After or cut point.</summary>
internal readonly record struct Fault(FaultKind Kind, ulong Variant);
