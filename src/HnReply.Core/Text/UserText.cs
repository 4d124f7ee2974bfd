namespace HnReply.Text;

/// <summary>
/// The bound on text a user hands to a model (a prompt, a comment to answer, a typed line, a request to the server). A model
/// reads it token by token, so 50 MB on one line would run for minutes before answering; no comment
/// worth answering is longer than this (HN's own limit on a comment is about 10,000 characters).
/// </summary>
public static class UserText
{
    public const int MaxCharacters = 20_000;

    /// <summary>Returns <paramref name="text"/>, or throws naming <paramref name="what"/> when it is over the bound.</summary>
    public static string Check(string text, string what) => text.Length <= MaxCharacters
        ? text
        : throw new ArgumentException($"{what}: {text.Length:N0} characters, more than the {MaxCharacters:N0} a model reads at once; shorten it");
}
