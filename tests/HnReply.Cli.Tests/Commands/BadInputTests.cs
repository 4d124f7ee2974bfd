using System.Text;

namespace HnReply.Cli.Tests.Commands;

/// <summary>
/// What a new user types wrong, through the real executable: each gives exit code 1 and exactly one
/// line on stderr that says what is wrong (or, when there is simply nothing to show, a one-line notice
/// with exit code 0), never a stack trace, raw bytes, or a store nobody asked for.
/// </summary>
public class BadInputTests
{
    private static readonly string[] Sentences = ["the cat sat on the mat", "the dog sat on the rug", "a cat likes the mat"];

    private static async Task AssertFailsAsync(TempFolder folder, string expectedLine, params string[] args)
    {
        var run = await CliRunner.RunAsync(folder.Path, args);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal([expectedLine], run.StderrLines.Where(line => !line.StartsWith("train ", StringComparison.Ordinal) && !line.StartsWith("word2vec ", StringComparison.Ordinal)));
    }

    // Success with nothing to show: exit 0, exactly this stdout, and one notice on stderr.
    private static async Task AssertNoticeAsync(TempFolder folder, string expectedStdout, string expectedNotice, params string[] args)
    {
        var run = await CliRunner.RunAsync(folder.Path, args);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(expectedStdout, run.Stdout);
        Assert.Equal([expectedNotice], run.StderrLines);
    }

    private static async Task<string> TrainNGramAsync(TempFolder folder)
    {
        File.WriteAllLines(folder.File("train.txt"), Enumerable.Range(0, 10).SelectMany(_ => Sentences));
        var run = await CliRunner.RunAsync(folder.Path, "train", "ngram", "--out", "lm", "--order", "3", "--tokenizer", "whitespace", "--train", "train.txt");
        Assert.True(run.ExitCode == 0, run.Stderr);
        return "lm";
    }

    [Theory]
    [InlineData("ngram")]
    [InlineData("word2vec")]
    public async Task Train_EmptyFile_SaysTheFileHasNoText(string kind)
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("empty.txt"), "\n  \n");

        await AssertFailsAsync(folder, "hnreply: empty.txt: no text (empty or only blank lines); expected plain text, one document per line",
            "train", kind, "--train", "empty.txt", "--out", "m");
        Assert.False(Directory.Exists(folder.File("m")));
    }

    [Fact]
    public async Task Train_BinaryFile_SaysItIsBinaryWithoutEchoingBytes()
    {
        using var folder = new TempFolder();
        File.WriteAllBytes(folder.File("program"), [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, 0x1B, (byte)'[', (byte)'2', (byte)'J', 0xFF]);

        await AssertFailsAsync(folder, "hnreply: program: a binary file (NUL byte at offset 7); expected plain text, one document per line",
            "train", "ngram", "--train", "program", "--out", "m");
    }

    [Fact]
    public async Task Train_Latin1File_RefusesUnlessAskedForLatin1()
    {
        using var folder = new TempFolder();
        File.WriteAllBytes(folder.File("latin1.txt"), Encoding.Latin1.GetBytes(string.Join('\n', Enumerable.Repeat("un café très naïf", 5))));

        await AssertFailsAsync(folder,
            "hnreply: latin1.txt: not valid UTF-8 (byte 0xE9); convert it to UTF-8, or pass --encoding latin1 if it is Latin-1 text",
            "train", "ngram", "--train", "latin1.txt", "--out", "m");
        var run = await CliRunner.RunAsync(folder.Path, "train", "ngram", "--train", "latin1.txt", "--out", "m", "--encoding", "latin1", "--min-count", "1");
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("café", File.ReadAllText(folder.File("m/vocab.txt")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_DirectoryAsTrainFile_SaysItIsADirectory()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.File("texts"));

        await AssertFailsAsync(folder, "hnreply: texts: is a directory; expected a plain-text file, one document per line",
            "train", "ngram", "--train", "texts", "--out", "m");
    }

    [Theory]
    [InlineData("stats")]
    [InlineData("export", "comments")]
    [InlineData("train", "ngram", "--out", "m")]
    public async Task ReadOnlyCommand_MissingStore_SaysSoAndCreatesNothing(params string[] command)
    {
        using var folder = new TempFolder();

        await AssertFailsAsync(folder, "hnreply: no such store: typo/x.duckdb; create it with 'hnreply fetch' or 'hnreply ingest', or pass --store",
            [.. command, "--store", "typo/x.duckdb"]);
        Assert.False(Directory.Exists(folder.File("typo")));
    }

    [Fact]
    public async Task Root_UnknownCommand_SaysUnknownCommand()
    {
        using var folder = new TempFolder();

        await AssertFailsAsync(folder, "hnreply: unknown command 'fecth'; see 'hnreply --help'", "fecth", "--top", "3");
    }

    [Fact]
    public async Task Ingest_OptionOfAnotherCommand_SaysUnknownOptionNotNoSuchFile()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("a.jsonl"), "");

        await AssertFailsAsync(folder, "hnreply: unknown option '--test-fraction' for 'ingest'; see 'hnreply ingest --help'",
            "ingest", "a.jsonl", "--test-fraction", "0.1");
    }

    [Fact]
    public async Task Stats_UnknownOption_SaysUnknownOption()
    {
        using var folder = new TempFolder();

        await AssertFailsAsync(folder, "hnreply: unknown option '--verbose' for 'stats'; see 'hnreply stats --help'", "stats", "--verbose");
    }

    [Fact]
    public async Task Word2VecNearest_BinaryFile_NamesTheProblemWithoutItsBytes()
    {
        using var folder = new TempFolder();
        File.WriteAllBytes(folder.File("vectors.bin"), [0x7F, (byte)'E', (byte)'L', (byte)'F', 0x1B, (byte)'[', (byte)'2', (byte)'J', 0, 0, (byte)'\n']);

        await AssertFailsAsync(folder,
            "hnreply: vectors.bin: not a word2vec vector file: the first line must be '<words> <dimensions>', found 10 bytes that are not such a line",
            "word2vec", "nearest", "vectors.bin", "cat");
    }

    [Fact]
    public async Task Suggest_TextOverTheBound_IsRefusedBeforeTheModelReadsIt()
    {
        using var folder = new TempFolder();
        string model = await TrainNGramAsync(folder);

        await AssertFailsAsync(folder, "hnreply: text: 20,001 characters, more than the 20,000 a model reads at once; shorten it",
            "suggest", model, new string('a', 20_001));
    }

    [Fact]
    public async Task Type_LineOverTheBound_IsRefused()
    {
        using var folder = new TempFolder();
        string model = await TrainNGramAsync(folder);

        var run = await CliRunner.RunAsync(folder.Path, ["type", model], stdin: "the cat\n" + new string('x', 100_000) + "\n");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["hnreply: line 2: 100,000 characters, more than the 20,000 a model reads at once; shorten it"], run.StderrLines);
    }

    [Fact]
    public async Task Type_ZeroSuggestions_IsRefused()
    {
        using var folder = new TempFolder();
        string model = await TrainNGramAsync(folder);

        await AssertFailsAsync(folder, "hnreply: -k must be at least 1, got 0", "type", model, "-k", "0");
    }

    [Fact]
    public async Task Suggest_NothingToOffer_PrintsANoticeOnStderr()
    {
        using var folder = new TempFolder();
        string model = await TrainNGramAsync(folder);

        await AssertNoticeAsync(folder, "", "hnreply: no suggestions: the model has no word to offer after this text", "suggest", model, "the qqq");
    }

    [Fact]
    public async Task Complete_EndsAtOnce_SaysNothingWasAdded()
    {
        using var folder = new TempFolder();
        string model = await TrainNGramAsync(folder);

        await AssertNoticeAsync(folder, "the cat sat on the mat\n",
            "hnreply: nothing added: the model ended the text right away (its most likely next token is the end of the comment)", "complete", model, "the cat sat on the mat");
    }

    [Fact]
    public async Task Fetch_ConnectionRefused_FailsAtOnceWithAHintAndLeavesNoStore()
    {
        using var folder = new TempFolder();

        await AssertFailsAsync(folder,
            "hnreply: cannot reach http://127.0.0.1:9: connection failed: Connection refused; check the network or --api, or load a dump offline with 'hnreply ingest FILE'",
            "fetch", "--top", "3", "--api", "http://127.0.0.1:9/v0/");
        Assert.False(File.Exists(folder.File("hn.duckdb")));
    }
}
