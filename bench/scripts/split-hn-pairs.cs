// The real-text split every HN figure in bench/README.md and docs/ uses, from ../shared/data/hn/reply-pairs.jsonl:
//   dotnet run bench/scripts/split-hn-pairs.cs -- ../shared/data/hn/reply-pairs.jsonl OUT_DIR
// Pair i (0-based, file order) goes to test when i % 10 == 0, to valid when i % 10 == 1, else to train. Each split's
// file holds its pairs' comments (parent, then reply), one per line with whitespace runs collapsed to one space; a
// comment already written to any split is not written again. Writes OUT_DIR/train.txt, valid.txt and test.txt.
using System.Text.Json;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: dotnet run bench/scripts/split-hn-pairs.cs -- PAIRS.jsonl OUT_DIR");
    return 1;
}
Directory.CreateDirectory(args[1]);
string[] names = ["test", "valid", "train"], fields = ["parent", "reply"];
var splits = names.ToDictionary(s => s, _ => new List<string>());
var seen = new HashSet<string>(StringComparer.Ordinal);
int index = 0, lineNumber = 0;
foreach (string line in File.ReadLines(args[0]))
{
    lineNumber++;
    if (line.Length == 0) continue;
    using var pair = JsonDocument.Parse(line);
    string split = (index++ % 10) switch { 0 => "test", 1 => "valid", _ => "train" };
    foreach (string field in fields)
    {
        if (!pair.RootElement.TryGetProperty(field, out var value) || value.GetString() is not { } text)
        {
            Console.Error.WriteLine($"{args[0]}:{lineNumber}: no \"{field}\" string");
            return 1;
        }
        string comment = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (comment.Length > 0 && seen.Add(comment)) splits[split].Add(comment);
    }
}
foreach (var (split, comments) in splits)
{
    string path = Path.Combine(args[1], split + ".txt");
    File.WriteAllLines(path + ".tmp", comments);
    File.Move(path + ".tmp", path, overwrite: true);
    Console.WriteLine($"{path}: {comments.Count:N0} comments");
}
return 0;
