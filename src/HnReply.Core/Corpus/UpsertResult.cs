namespace HnReply.Corpus;

/// <summary>What one upsert did: new ids, ids whose stored row changed, and rows that were already identical.</summary>
public readonly record struct UpsertResult(int Inserted, int Updated, int Unchanged)
{
    public int Written => Inserted + Updated;
}
