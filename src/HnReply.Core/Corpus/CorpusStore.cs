using System.Data;
using DuckDB.NET.Data;

namespace HnReply.Corpus;

/// <summary>
/// The corpus: HN items in one embedded DuckDB file. Writes are idempotent upserts in one
/// transaction per batch, so a crash leaves either the whole batch or none of it, and storing the
/// same data twice changes nothing. Ids the API answered <c>null</c> for are kept in <c>missing</c>
/// so a resumed crawl does not ask for them again.
/// </summary>
/// <remarks>
/// One instance owns one DuckDB connection and is not thread-safe: the crawler funnels every write
/// through a single writer task. Clean text is derived once, at write time, from HN's HTML.
/// </remarks>
public sealed partial class CorpusStore : IDisposable
{
    private const int SchemaVersion = 1;
    private readonly DuckDBConnection _connection;

    private CorpusStore(DuckDBConnection connection, string path)
    {
        _connection = connection;
        Path = path;
    }

    public string Path { get; }

    /// <summary>Opens (creating if needed) the store at <paramref name="path"/>.</summary>
    public static CorpusStore Open(string path)
    {
        string? directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        var connection = new DuckDBConnection($"Data Source={path}");
        try
        {
            connection.Open();
        }
        catch (DuckDBException e)
        {
            connection.Dispose();
            throw new IOException($"{path}: cannot open the store: {FirstLine(e.Message)}", e);
        }
        var store = new CorpusStore(connection, path);
        store.CreateSchema();
        return store;
    }

    public void Dispose() => _connection.Dispose();

    private void CreateSchema()
    {
        Execute("""
            CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
            CREATE TABLE IF NOT EXISTS items (
                id BIGINT PRIMARY KEY, type VARCHAR, "by" VARCHAR, time BIGINT, text VARCHAR,
                parent BIGINT, kids BIGINT[], title VARCHAR, url VARCHAR, score INTEGER,
                descendants INTEGER, deleted BOOLEAN NOT NULL, dead BOOLEAN NOT NULL,
                clean VARCHAR NOT NULL);
            CREATE TABLE IF NOT EXISTS missing (id BIGINT PRIMARY KEY);
            """);
        object? version = Scalar("SELECT value FROM meta WHERE key = 'schema'");
        if (version is null)
        {
            Execute($"INSERT INTO meta VALUES ('schema', '{SchemaVersion}')");
        }
        else if (version.ToString() != SchemaVersion.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            throw new IOException($"{Path}: store schema version {version} is not supported (this build reads version {SchemaVersion})");
        }
    }

    internal void Execute(string sql) => ExecuteNonQuery(sql);

    internal int ExecuteNonQuery(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    internal object? Scalar(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        object? value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    internal long Count(string sql) => Convert.ToInt64(Scalar(sql) ?? 0L, System.Globalization.CultureInfo.InvariantCulture);

    internal IEnumerable<IDataRecord> Query(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        while (reader.Read()) yield return reader;
    }

    internal DuckDBConnection Connection => _connection;

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
