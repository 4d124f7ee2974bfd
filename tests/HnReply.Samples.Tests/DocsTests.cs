using System.Text.RegularExpressions;

namespace HnReply.Samples.Tests;

/// <summary>
/// The guide cannot rot: every C# listing in docs/ names the sample file it comes from on its first
/// line and is a contiguous piece of that file (compared line by line, indentation aside), and every
/// relative link in docs/ and the README points at something that exists.
/// </summary>
public sealed partial class DocsTests
{
    private static readonly string Root = FindRoot();

    public static TheoryData<string> Chapters()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(Root, "docs"), "*.md").Order()) data.Add(Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Chapters))]
    public void Listings_EveryCSharpBlock_IsAPieceOfTheSampleItNames(string chapter)
    {
        foreach (Match block in CSharpBlock().Matches(File.ReadAllText(Path.Combine(Root, "docs", chapter))))
        {
            var lines = block.Groups[1].Value.Split('\n').Select(l => l.Trim()).ToList();
            var source = SourceLine().Match(lines[0]);
            Assert.True(source.Success, $"{chapter}: a C# listing starts with '{lines[0]}', not '// samples/…'");
            string path = Path.Combine(Root, source.Groups[1].Value);
            Assert.True(File.Exists(path), $"{chapter}: listing names {source.Groups[1].Value}, which does not exist");
            var listing = lines.Skip(1).ToList();
            var file = File.ReadAllLines(path).Select(l => l.Trim()).ToList();
            bool found = Enumerable.Range(0, file.Count - listing.Count + 1).Any(at => file.Skip(at).Take(listing.Count).SequenceEqual(listing));
            Assert.True(found, $"{chapter}: the listing from {source.Groups[1].Value} that begins '{listing.FirstOrDefault()}' is not in that file as written");
        }
    }

    [Fact]
    public void Chapters_EachHasACSharpListingOrSaysWhyNot()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(Root, "docs"), "*.md").Where(f => Path.GetFileName(f) != "README.md"))
        {
            string text = File.ReadAllText(file);
            Assert.True(CSharpBlock().IsMatch(text) || text.Contains("This chapter has no C# listing", StringComparison.Ordinal), $"{Path.GetFileName(file)}: no C# listing");
        }
    }

    [Fact]
    public void Links_InDocsAndReadme_PointAtFilesThatExist()
    {
        var documents = Directory.GetFiles(Path.Combine(Root, "docs"), "*.md").Append(Path.Combine(Root, "README.md"));
        foreach (var document in documents)
        {
            foreach (Match link in RelativeLink().Matches(File.ReadAllText(document)))
            {
                string target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(document)!, link.Groups[1].Value));
                Assert.True(File.Exists(target) || Directory.Exists(target), $"{Path.GetRelativePath(Root, document)}: link ({link.Groups[1].Value}) points at nothing");
            }
        }
    }

    [Fact]
    public void Readme_LinksTheGuide()
    {
        Assert.Contains("](docs/README.md)", File.ReadAllText(Path.Combine(Root, "README.md")), StringComparison.Ordinal);
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "HnReply.slnx"))) return folder.FullName;
        }
        throw new InvalidOperationException($"no HnReply.slnx above {AppContext.BaseDirectory}");
    }

    [GeneratedRegex(@"```csharp\n(.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    [GeneratedRegex(@"^// (samples/\S+\.cs)$")]
    private static partial Regex SourceLine();

    // [text](target) where target is not a URL, an anchor or a mail address; the anchor part is dropped.
    [GeneratedRegex(@"\]\((?!https?:|#|mailto:)([^)#\s]+)(?:#[^)]*)?\)")]
    private static partial Regex RelativeLink();
}
