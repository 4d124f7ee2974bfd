using System.Text;

namespace HnReply.Synthetic;

/// <summary>
/// English-like text from a small vocabulary: every story has a topic, its comments draw nouns from
/// that topic and replies often reuse a noun of their parent or quote one of its sentences, so a
/// language model or a replier has patterns to find. Sentences are plain text; <see cref="ToHtml"/>
/// renders a comment the way HN's API does (first paragraph bare, later ones after <c>&lt;p&gt;</c>).
/// </summary>
internal sealed class SyntheticText(Random random)
{
    public static readonly string[][] Topics =
    [
        ["Rust", "the borrow checker", "lifetimes", "cargo", "unsafe code", "the compiler", "async runtimes", "memory safety", "crates", "traits", "C++", "garbage collection"],
        ["Postgres", "SQLite", "indexes", "the query planner", "replication", "migrations", "transactions", "the schema", "ORMs", "DuckDB", "vacuum", "the write-ahead log"],
        ["founders", "investors", "the seed round", "revenue", "hiring", "equity", "product market fit", "YC", "the burn rate", "customers", "pricing", "remote work"],
        ["SpaceX", "Starship", "low orbit", "the launch", "reusable boosters", "NASA", "satellites", "the heat shield", "methane fuel", "Mars", "the landing", "ESA"],
        ["LLMs", "the training data", "GPUs", "fine-tuning", "transformers", "embeddings", "inference", "benchmarks", "the model", "tokens", "attention", "RLHF"],
        ["passwords", "2FA", "the CVE", "encryption", "TLS", "supply chain attacks", "the exploit", "phishing", "sandboxing", "OAuth", "passkeys", "the audit"],
        ["React", "JavaScript", "the DOM", "CSS", "server rendering", "htmx", "bundlers", "npm", "the browser", "WebAssembly", "TypeScript", "web components"],
        ["the M3", "RISC-V", "ARM", "battery life", "thermals", "the keyboard", "repairability", "firmware", "ECC memory", "the SSD", "USB-C", "the GPU driver"],
    ];

    private static readonly string[] Adjectives =
        ["fast", "slow", "expensive", "cheap", "reliable", "fragile", "simple", "complicated", "overrated",
         "underrated", "boring", "mature", "painful", "elegant", "good enough", "a nightmare"];

    // {0} and {1}: nouns of the topic; {2} and {3}: adjectives.
    private static readonly string[] Sentences =
    [
        "I think {0} is {2} for {1}.",
        "We switched from {0} to {1} last year and it's been {2}.",
        "The problem with {0} is that nobody wants to maintain {1}.",
        "Have you tried {0}? It's {2} once you get used to it.",
        "This is why {0} doesn't scale without {1}.",
        "In my experience {0} is only {2} when {1} is {3}.",
        "I don't understand why people keep using {0} for {1}.",
        "The article says \"{0} is dead\" but {1} still depends on it.",
        "Our team spent months on {0} and {1} was the hard part.",
        "{0} and {1} solve different problems.",
        "It's not {2}, it's just {3}.",
        "Most of the cost is in {0}, not {1}.",
        "Does anyone know a good alternative to {0}?",
        "The real question is who pays for {0}.",
        "Honestly {0} was {2} until {1} came along.",
        "You can't compare {0} and {1} like that.",
    ];

    private static readonly string[] Openers =
        ["Agreed.", "Not really.", "Exactly this.", "Source?", "Sure, but", "Disagree.", "Fair point.", "Yes and no."];

    private static readonly string[] Titles =
        ["Show HN: A {2} take on {0}", "Ask HN: How do you deal with {0}?", "Why {0} is {2}", "{0} considered {2}",
         "The case against {0}", "What I learned replacing {0} with {1}", "{0} is now {2}", "Notes on {0} and {1}"];

    private static readonly string[] Flourishes = [" 🙂", " 🚀", " — naïve, maybe", " (café-grade advice)", " → YMMV", " 10€/month"];

    private static readonly string[] CodeSnippets =
    [
        "  let xs = vec![1, 2, 3];\n  println!(\"{:?}\", xs.iter().sum::<i32>());",
        "  SELECT id, count(*) FROM items\n  WHERE type = 'comment' GROUP BY 1;",
        "  if (a < b && b > 0) {\n    return a / b;\n  }",
        "  $ curl -s https://example.com/api | jq '.items[0]'",
    ];

    private static readonly string[] Domains = ["blog.example.com", "github.com/someone", "lwn.example.net", "news.example.org"];
    private static readonly string[] Syllables = ["jo", "ka", "ri", "mo", "zed", "bit", "null", "dev", "tom", "ana", "pg", "lisp", "byte", "sam"];
    private static readonly string[] SlugWords = ["why", "we", "moved", "to", "notes", "on", "building", "a", "faster", "small", "tool", "postmortem"];

    public string Title(int topic) => Fill(Pick(Titles), topic, null);

    public string Sentence(int topic, IReadOnlyList<string>? parentNouns) => Fill(Pick(Sentences), topic, parentNouns);

    /// <summary>Plain sentences of one comment; a reply may open with an interjection and reuse its parent's nouns.</summary>
    public List<string> Comment(int topic, IReadOnlyList<string>? parentNouns)
    {
        var count = 1 + random.Next(5);
        var sentences = new List<string>(count + 1);
        if (parentNouns is not null && random.NextDouble() < 0.3) sentences.Add(Pick(Openers));
        for (var i = 0; i < count; i++) sentences.Add(Sentence(topic, parentNouns));
        return sentences;
    }

    /// <summary>
    /// HN's HTML for a comment: paragraphs from <paramref name="sentences"/>, sometimes a quoted
    /// parent line, a link, an italic word, a code block or non-ASCII text.
    /// </summary>
    public string ToHtml(IReadOnlyList<string> sentences, string? quote)
    {
        var paragraphs = new List<string>();
        if (quote is not null) paragraphs.Add("&gt; " + Escape(quote));
        for (var i = 0; i < sentences.Count;)
        {
            var take = Math.Min(sentences.Count - i, 1 + random.Next(3));
            var text = Escape(string.Join(' ', sentences.Skip(i).Take(take)));
            if (random.NextDouble() < 0.15) text = Italicise(text);
            paragraphs.Add(text);
            i += take;
        }
        if (random.NextDouble() < 0.05) paragraphs[^1] += Flourishes[random.Next(Flourishes.Length)];
        if (random.NextDouble() < 0.12) paragraphs.Add("See " + Link(Url()));
        var html = new StringBuilder(string.Join("<p>", paragraphs));
        if (random.NextDouble() < 0.05) html.Append("<p><pre><code>").Append(Escape(Pick(CodeSnippets))).Append("\n</code></pre>");
        return html.ToString();
    }

    public string Url() => $"https://{Pick(Domains)}/{random.Next(2015, 2026)}/{Slug()}";

    public string UserName() => Pick(Syllables) + Pick(Syllables) + (random.NextDouble() < 0.3 ? random.Next(100).ToString("00", null) : "");

    /// <summary>HN escapes ' " / &lt; &gt; &amp; in text and attributes alike.</summary>
    public static string Escape(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal).Replace("'", "&#x27;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal).Replace("/", "&#x2F;", StringComparison.Ordinal);

    private string Slug() => string.Join('-', Enumerable.Range(0, 2 + random.Next(3)).Select(_ => Pick(SlugWords)));

    private static string Link(string url) => $"<a href=\"{Escape(url)}\" rel=\"nofollow\">{Escape(url)}</a>";

    // Wraps one plain word of the paragraph in <i>, for emphasis as commenters do.
    private string Italicise(string text)
    {
        var words = text.Split(' ');
        var i = random.Next(words.Length);
        if (words[i].Length < 4 || !words[i].All(char.IsAsciiLetterLower)) return text;
        words[i] = $"<i>{words[i]}</i>";
        return string.Join(' ', words);
    }

    private string Fill(string template, int topic, IReadOnlyList<string>? parentNouns)
    {
        var nouns = Topics[topic];
        var first = parentNouns is { Count: > 0 } && random.NextDouble() < 0.5
            ? parentNouns[random.Next(parentNouns.Count)]
            : nouns[random.Next(nouns.Length)];
        var second = nouns[random.Next(nouns.Length)];
        var text = string.Format(null, template, first, second, Pick(Adjectives), Pick(Adjectives));
        return char.ToUpperInvariant(text[0]) + text[1..];
    }

    private string Pick(string[] choices) => choices[random.Next(choices.Length)];
}
