namespace HnReply.Corpus;

/// <summary>One step of reading a dump file: exactly one of <paramref name="Item"/> and <paramref name="Error"/> is non-null.</summary>
public readonly record struct ItemReadResult(Item? Item, ReadError? Error);
