using System.Data;

namespace HnReply.Corpus;

public sealed partial class CorpusStore
{
    public long ItemCount => Count("SELECT count(*) FROM items");

    public long MissingCount => Count("SELECT count(*) FROM missing");

    public Item? Get(long id) =>
        Query($"SELECT {Columns} FROM items WHERE id = {id}").Select(ReadItem).FirstOrDefault();

    /// <summary>Every stored item in id order (streamed).</summary>
    public IEnumerable<Item> Items() => Query($"SELECT {Columns} FROM items ORDER BY id").Select(ReadItem);

    /// <summary>
    /// The ids a crawl of <paramref name="roots"/>' trees still has to fetch: roots and kids that are
    /// reachable through stored items but are neither stored nor known to be missing. This is what
    /// makes a killed crawl resumable without refetching what is stored.
    /// </summary>
    public IReadOnlyList<long> Frontier(IReadOnlyCollection<long> roots)
    {
        LoadIds("crawl_roots", roots);
        return Query("""
            WITH RECURSIVE reach(id) AS (
                SELECT id FROM crawl_roots
                UNION
                SELECT unnest(i.kids) FROM reach r JOIN items i ON i.id = r.id
            )
            SELECT id FROM reach
            WHERE id NOT IN (SELECT id FROM items) AND id NOT IN (SELECT id FROM missing)
            ORDER BY id
            """).Select(r => r.GetInt64(0)).ToList();
    }

    /// <summary>Of <paramref name="ids"/>, those neither stored nor known to be missing.</summary>
    public IReadOnlyList<long> Unknown(IReadOnlyCollection<long> ids)
    {
        if (ids.Count == 0) return [];
        LoadIds("candidate_ids", ids);
        return Query("""
            SELECT DISTINCT id FROM candidate_ids
            WHERE id NOT IN (SELECT id FROM items) AND id NOT IN (SELECT id FROM missing)
            ORDER BY id
            """).Select(r => r.GetInt64(0)).ToList();
    }

    /// <summary>Ids in [from, to] neither stored nor known to be missing, ascending.</summary>
    public IReadOnlyList<long> UnknownInRange(long from, long to) =>
        Query($"""
            SELECT range AS id FROM range({from}, {to} + 1)
            WHERE range NOT IN (SELECT id FROM items) AND range NOT IN (SELECT id FROM missing)
            ORDER BY id
            """).Select(r => r.GetInt64(0)).ToList();

    private void LoadIds(string table, IReadOnlyCollection<long> ids)
    {
        Execute($"CREATE OR REPLACE TEMP TABLE {table} (id BIGINT)");
        using var appender = _connection.CreateAppender(table);
        foreach (long id in ids) appender.CreateRow().AppendValue(id).EndRow();
    }

    private static Item ReadItem(IDataRecord r) => new()
    {
        Id = r.GetInt64(0),
        Type = ItemJson.ParseType(r.IsDBNull(1) ? null : r.GetString(1)),
        By = r.IsDBNull(2) ? null : r.GetString(2),
        Time = r.IsDBNull(3) ? null : r.GetInt64(3),
        Text = r.IsDBNull(4) ? null : r.GetString(4),
        Parent = r.IsDBNull(5) ? null : r.GetInt64(5),
        Kids = r.IsDBNull(6) ? [] : ((IEnumerable<long>)r.GetValue(6)).ToArray(),
        Title = r.IsDBNull(7) ? null : r.GetString(7),
        Url = r.IsDBNull(8) ? null : r.GetString(8),
        Score = r.IsDBNull(9) ? null : r.GetInt32(9),
        Descendants = r.IsDBNull(10) ? null : r.GetInt32(10),
        Deleted = r.GetBoolean(11),
        Dead = r.GetBoolean(12),
    };

}
