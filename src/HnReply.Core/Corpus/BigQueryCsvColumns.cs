using System.Globalization;
using System.Text;
using CsvHelper;

namespace HnReply.Corpus;

/// <summary>
/// Where each column of a BigQuery <c>hacker_news.full</c> export sits, and how one row becomes an
/// <see cref="Item"/>. Empty fields are null (BigQuery writes NULL as an empty field); booleans are
/// "true"/"false" in any case; <c>time</c> is Unix seconds, and when it is empty a <c>timestamp</c>
/// such as "2014-01-01 12:00:00 UTC" or ISO 8601 stands in for it. <c>ranking</c> is ignored.
/// </summary>
internal sealed class BigQueryCsvColumns
{
    private readonly int _fieldCount;
    private readonly int _id, _type, _by, _time, _timestamp, _text, _parent, _title, _url, _score, _descendants, _deleted, _dead;

    private BigQueryCsvColumns(CsvReader csv, string path)
    {
        _fieldCount = csv.Headers.Count;
        _id = IndexOf(csv, "id");
        if (_id < 0)
        {
            throw new FormatException(
                $"{path}: the CSV header has no 'id' column (it has: {string.Join(", ", csv.Headers)})");
        }
        _type = IndexOf(csv, "type");
        _by = IndexOf(csv, "by");
        _time = IndexOf(csv, "time");
        _timestamp = IndexOf(csv, "timestamp");
        _text = IndexOf(csv, "text");
        _parent = IndexOf(csv, "parent");
        _title = IndexOf(csv, "title");
        _url = IndexOf(csv, "url");
        _score = IndexOf(csv, "score");
        _descendants = IndexOf(csv, "descendants");
        _deleted = IndexOf(csv, "deleted");
        _dead = IndexOf(csv, "dead");
    }

    public static BigQueryCsvColumns From(CsvReader csv, string path) => new(csv, path);

    /// <summary>The current row as an item, or an error at the line where the row starts.</summary>
    public ItemReadResult ToResult(CsvReader csv, string path)
    {
        try
        {
            return new ItemReadResult(ToItem(csv), null);
        }
        catch (FormatException e)
        {
            return new ItemReadResult(null, new ReadError(path, csv.LineNumber, e.Message));
        }
    }

    private Item ToItem(CsvReader csv)
    {
        if (csv.FieldCount != _fieldCount)
        {
            throw new FormatException($"the row has {csv.FieldCount} fields, the header has {_fieldCount}");
        }
        var id = Int64(csv, _id, "id") ?? throw new FormatException("field 'id' is empty");
        if (id <= 0) throw new FormatException($"field 'id' must be positive, got {id}");
        return new Item
        {
            Id = id,
            Type = ItemJson.ParseType(String(csv, _type)?.Trim().ToLowerInvariant()),
            By = String(csv, _by),
            Time = Int64(csv, _time, "time") ?? Timestamp(csv),
            Text = String(csv, _text),
            Parent = Int64(csv, _parent, "parent"),
            Title = String(csv, _title),
            Url = String(csv, _url),
            Score = Int32(csv, _score, "score"),
            Descendants = Int32(csv, _descendants, "descendants"),
            Deleted = Boolean(csv, _deleted, "deleted"),
            Dead = Boolean(csv, _dead, "dead"),
        };
    }

    private static int IndexOf(CsvReader csv, string name) => csv.TryGetFieldIndex(name, out var index) ? index : -1;

    private static string? String(CsvReader csv, int column) =>
        column < 0 || csv.IsEmpty(column) ? null : csv.GetString(column);

    private static long? Int64(CsvReader csv, int column, string name)
    {
        if (column < 0 || csv.IsEmpty(column)) return null;
        var value = csv.GetSpan(column);
        return long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw NotA("a whole number", name, value);
    }

    private static int? Int32(CsvReader csv, int column, string name)
    {
        var number = Int64(csv, column, name);
        return number is null or (>= int.MinValue and <= int.MaxValue)
            ? (int?)number
            : throw new FormatException($"field '{name}' is out of range: {number}");
    }

    private static bool Boolean(CsvReader csv, int column, string name)
    {
        if (column < 0 || csv.IsEmpty(column)) return false;
        var value = csv.GetSpan(column).Trim(" \t"u8);
        if (Ascii.EqualsIgnoreCase(value, "true"u8)) return true;
        if (Ascii.EqualsIgnoreCase(value, "false"u8)) return false;
        throw NotA("true or false", name, value);
    }

    private long? Timestamp(CsvReader csv)
    {
        var text = String(csv, _timestamp)?.Trim();
        if (text is null) return null;
        // BigQuery writes TIMESTAMP as "2014-01-01 12:00:00 UTC" (with optional fractions).
        if (text.EndsWith(" UTC", StringComparison.OrdinalIgnoreCase)) text = text[..^4];
        const DateTimeStyles styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, styles, out var time)
            ? time.ToUnixTimeSeconds()
            : throw new FormatException($"field 'timestamp' is not a date and time: '{text}'");
    }

    private static FormatException NotA(string what, string name, ReadOnlySpan<byte> value)
    {
        const int shown = 40;
        var text = Encoding.UTF8.GetString(value.Length > shown ? value[..shown] : value);
        return new FormatException($"field '{name}' is not {what}: '{text}'");
    }
}
