namespace HnReply.Corpus;

public enum CrawlMode
{
    /// <summary>Stories from topstories.json with their whole comment trees.</summary>
    Top,
    /// <summary>Stories from newstories.json with their whole comment trees.</summary>
    New,
    /// <summary>The <c>Count</c> items just below maxitem, as they are (no tree walk).</summary>
    Latest,
    /// <summary>Every id from <c>From</c> to <c>To</c> inclusive, as they are (no tree walk).</summary>
    Range,
}
