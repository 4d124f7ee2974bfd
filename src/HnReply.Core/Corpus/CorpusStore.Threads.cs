using System.Data;

namespace HnReply.Corpus;

public sealed partial class CorpusStore
{
    // A comment or story that can reach training text: not deleted, not dead, and with some text.
    private static string IsUsable(string a) =>
        $"(NOT {a}.deleted AND NOT {a}.dead AND (length({a}.clean) > 0 OR length(trim(coalesce({a}.title, ''))) > 0))";

    /// <summary>
    /// The <c>threads(id, root, split)</c> relation as a CTE that a query starts with: every story or poll
    /// and every comment below it, with the root story's split. Walks down from roots, so orphans (parent
    /// not stored) and parent cycles in bad data are simply not part of any thread. Each query carries its
    /// own, so two lazy enumerations with different split options never see each other's threads.
    /// </summary>
    private static string WithThreads(SplitOptions splits)
    {
        splits.Validate();
        return $"""
            WITH RECURSIVE tree(id, root) AS (
                SELECT id, id FROM items WHERE type IN ('story', 'poll')
                UNION ALL
                SELECT i.id, t.root FROM items i JOIN tree t ON i.parent = t.id WHERE i.type = 'comment'
            ),
            threads AS (SELECT id, root, {splits.SqlExpression("root")} AS split FROM tree)
            """;
    }

    private const string PairsQuery = """
        SELECT t.root, p.id, c.id, t.split, coalesce(s.title, ''),
               CASE WHEN p.type = 'comment' THEN p.clean
                    ELSE trim(coalesce(p.title, '') || CASE WHEN length(p.clean) > 0 THEN chr(10) || chr(10) || p.clean ELSE '' END)
               END,
               c.clean
        FROM threads t
        JOIN items c ON c.id = t.id AND c.type = 'comment'
        JOIN items p ON p.id = c.parent
        JOIN items s ON s.id = t.root
        """;

    /// <summary>All (context, reply) pairs of one split, or of all splits, in story then reply order.</summary>
    public IEnumerable<ReplyPair> Pairs(SplitOptions splits, Split? split = null)
    {
        string where = $"WHERE {IsUsable("c")} AND {IsUsable("p")}" + (split is { } s ? $" AND t.split = '{s.Name()}'" : "");
        return Query($"{WithThreads(splits)} {PairsQuery} {where} ORDER BY t.root, c.id").Select(ReadPair);
    }

    /// <summary>The clean text of every usable comment in one split (or all), in story then id order.</summary>
    public IEnumerable<string> Comments(SplitOptions splits, Split? split = null)
    {
        string where = $"WHERE c.type = 'comment' AND {IsUsable("c")}" + (split is { } s ? $" AND t.split = '{s.Name()}'" : "");
        return Query($"{WithThreads(splits)} SELECT c.clean FROM threads t JOIN items c ON c.id = t.id {where} ORDER BY t.root, c.id")
            .Select(r => r.GetString(0));
    }

    public CorpusStats Stats(SplitOptions splits)
    {
        // The counts below all read the threads: materialised once for this call as a temp table of the
        // same name, and dropped before it returns, so no query elsewhere can see it.
        Execute($"CREATE OR REPLACE TEMP TABLE threads AS {WithThreads(splits)} SELECT id, root, split FROM threads");
        try
        {
            return CountThreads();
        }
        finally
        {
            Execute("DROP TABLE IF EXISTS temp.threads");
        }
    }

    private CorpusStats CountThreads()
    {
        var byType = Query("SELECT coalesce(type, 'unknown'), count(*) FROM items GROUP BY ALL ORDER BY 1")
            .ToDictionary(r => r.GetString(0), r => r.GetInt64(1));
        var perSplit = new Dictionary<Split, SplitStats>();
        foreach (Split split in Enum.GetValues<Split>())
        {
            string name = split.Name();
            long stories = Count($"SELECT count(*) FROM threads t JOIN items s ON s.id = t.id WHERE t.id = t.root AND t.split = '{name}' AND {IsUsable("s")}");
            long comments = Count($"SELECT count(*) FROM threads t JOIN items c ON c.id = t.id WHERE c.type = 'comment' AND t.split = '{name}' AND {IsUsable("c")}");
            long pairs = Count($"SELECT count(*) FROM ({PairsQuery} WHERE {IsUsable("c")} AND {IsUsable("p")} AND t.split = '{name}')");
            perSplit[split] = new SplitStats(stories, comments, pairs);
        }
        return new CorpusStats(
            Items: ItemCount,
            Stories: byType.GetValueOrDefault("story"),
            Comments: byType.GetValueOrDefault("comment"),
            Missing: MissingCount,
            Pairs: perSplit.Values.Sum(s => s.Pairs),
            Words: Count($"SELECT coalesce(sum(len(string_split_regex(trim(c.clean), '\\s+'))), 0)::BIGINT FROM items c WHERE c.type = 'comment' AND {IsUsable("c")} AND length(c.clean) > 0"),
            Splits: perSplit,
            Overlap: Count("SELECT count(*) FROM (SELECT root FROM threads GROUP BY root HAVING count(DISTINCT split) > 1)")
                   + Count("SELECT count(*) FROM threads t JOIN items c ON c.id = t.id JOIN threads pt ON pt.id = c.parent WHERE pt.split <> t.split"),
            ItemsByType: byType);
    }

    private static ReplyPair ReadPair(IDataRecord r) => new(
        r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), SplitNames.Parse(r.GetString(3)),
        r.GetString(4), r.GetString(5), r.GetString(6));
}
