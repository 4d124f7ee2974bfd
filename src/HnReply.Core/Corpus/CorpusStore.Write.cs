using DuckDB.NET.Data;

namespace HnReply.Corpus;

/// <summary>What one upsert did: new ids, ids whose stored row changed, and rows that were already identical.</summary>
public readonly record struct UpsertResult(int Inserted, int Updated, int Unchanged)
{
    public int Written => Inserted + Updated;
}

public sealed partial class CorpusStore
{
    private const string Columns = "id, type, \"by\", time, text, parent, kids, title, url, score, descendants, deleted, dead, clean";

    /// <summary>
    /// Stores <paramref name="items"/> in one transaction. Within the batch the last item of an id
    /// wins; a row identical to the stored one is not rewritten. A stored id is no longer missing.
    /// </summary>
    public UpsertResult Upsert(IReadOnlyList<Item> items)
    {
        if (items.Count == 0) return default;
        var cleaned = new string[items.Count];
        Parallel.For(0, items.Count, i => cleaned[i] = HtmlText.ToPlainText(items[i].Text));

        Execute($"""
            CREATE TEMP TABLE IF NOT EXISTS staging AS SELECT {Columns}, 0::BIGINT AS seq FROM items LIMIT 0;
            DELETE FROM staging;
            """);
        using var transaction = _connection.BeginTransaction();
        using (var appender = _connection.CreateAppender("staging"))
        {
            for (int i = 0; i < items.Count; i++) AppendItem(appender, items[i], cleaned[i], i);
        }
        Execute($"""
            CREATE OR REPLACE TEMP TABLE changed AS
            SELECT s.* EXCLUDE (seq), i.id IS NULL AS is_new
            FROM (SELECT * FROM staging QUALIFY row_number() OVER (PARTITION BY id ORDER BY seq DESC) = 1) s
            LEFT JOIN items i ON i.id = s.id
            WHERE i.id IS NULL
               OR s.type IS DISTINCT FROM i.type OR s."by" IS DISTINCT FROM i."by" OR s.time IS DISTINCT FROM i.time
               OR s.text IS DISTINCT FROM i.text OR s.parent IS DISTINCT FROM i.parent OR s.kids IS DISTINCT FROM i.kids
               OR s.title IS DISTINCT FROM i.title OR s.url IS DISTINCT FROM i.url OR s.score IS DISTINCT FROM i.score
               OR s.descendants IS DISTINCT FROM i.descendants OR s.deleted IS DISTINCT FROM i.deleted
               OR s.dead IS DISTINCT FROM i.dead OR s.clean IS DISTINCT FROM i.clean;
            INSERT OR REPLACE INTO items SELECT {Columns} FROM changed;
            DELETE FROM missing WHERE id IN (SELECT id FROM staging);
            """);
        long distinct = Count("SELECT count(DISTINCT id) FROM staging");
        long inserted = Count("SELECT count(*) FROM changed WHERE is_new");
        long updated = Count("SELECT count(*) FROM changed WHERE NOT is_new");
        transaction.Commit();
        return new UpsertResult((int)inserted, (int)updated, (int)(distinct - inserted - updated));
    }

    /// <summary>Records ids the API answered <c>null</c> for, unless they are stored.</summary>
    public void MarkMissing(IReadOnlyCollection<long> ids)
    {
        if (ids.Count == 0) return;
        Execute("CREATE TEMP TABLE IF NOT EXISTS missing_staging (id BIGINT); DELETE FROM missing_staging;");
        using var transaction = _connection.BeginTransaction();
        using (var appender = _connection.CreateAppender("missing_staging"))
        {
            foreach (long id in ids) appender.CreateRow().AppendValue(id).EndRow();
        }
        Execute("""
            INSERT OR IGNORE INTO missing SELECT DISTINCT id FROM missing_staging
            WHERE id NOT IN (SELECT id FROM items);
            """);
        transaction.Commit();
    }

    private static void AppendItem(DuckDBAppender appender, Item item, string clean, long seq) =>
        appender.CreateRow()
            .AppendValue(item.Id)
            .AppendValue(ItemJson.TypeName(item.Type))
            .AppendValue(item.By)
            .AppendValue(item.Time)
            .AppendValue(item.Text)
            .AppendValue(item.Parent)
            .AppendValue(item.Kids.Count == 0 ? null : (IEnumerable<long>)item.Kids)
            .AppendValue(item.Title)
            .AppendValue(item.Url)
            .AppendValue(item.Score)
            .AppendValue(item.Descendants)
            .AppendValue(item.Deleted)
            .AppendValue(item.Dead)
            .AppendValue(clean)
            .AppendValue(seq)
            .EndRow();
}
