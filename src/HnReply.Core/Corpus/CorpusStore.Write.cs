using DuckDB.NET.Data;

namespace HnReply.Corpus;

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
        // The primary key's index finds conflicts (no scan of the whole table per batch); the WHERE
        // clause leaves identical rows alone, so the affected-row count is exactly inserts + real updates.
        long before = ItemCount;
        int affected = ExecuteNonQuery($"""
            INSERT INTO items
            SELECT {Columns} FROM staging QUALIFY row_number() OVER (PARTITION BY id ORDER BY seq DESC) = 1
            ON CONFLICT (id) DO UPDATE SET
                type = excluded.type, "by" = excluded."by", time = excluded.time, text = excluded.text,
                parent = excluded.parent, kids = excluded.kids, title = excluded.title, url = excluded.url,
                score = excluded.score, descendants = excluded.descendants, deleted = excluded.deleted,
                dead = excluded.dead, clean = excluded.clean
            WHERE items.type IS DISTINCT FROM excluded.type OR items."by" IS DISTINCT FROM excluded."by"
               OR items.time IS DISTINCT FROM excluded.time OR items.text IS DISTINCT FROM excluded.text
               OR items.parent IS DISTINCT FROM excluded.parent OR items.kids IS DISTINCT FROM excluded.kids
               OR items.title IS DISTINCT FROM excluded.title OR items.url IS DISTINCT FROM excluded.url
               OR items.score IS DISTINCT FROM excluded.score OR items.descendants IS DISTINCT FROM excluded.descendants
               OR items.deleted IS DISTINCT FROM excluded.deleted OR items.dead IS DISTINCT FROM excluded.dead
               OR items.clean IS DISTINCT FROM excluded.clean
            """);
        if (MissingCount > 0) Execute("DELETE FROM missing WHERE id IN (SELECT id FROM staging)");
        long distinct = Count("SELECT count(DISTINCT id) FROM staging");
        long inserted = ItemCount - before;
        long updated = affected - inserted;
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
