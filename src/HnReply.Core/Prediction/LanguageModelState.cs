namespace HnReply.Prediction;

/// <summary>
/// What a model has read so far. Immutable and owned by the caller (KenLM's <c>State</c>): a
/// model is never changed by a query, so one model serves any number of sessions and threads.
/// Each model kind keeps its own subclass.
/// </summary>
public abstract class LanguageModelState;
