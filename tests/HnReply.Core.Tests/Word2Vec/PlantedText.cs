using System.Text;
using HnReply.Word2Vec;

namespace HnReply.Core.Tests.Word2Vec;

/// <summary>
/// Synthetic text with structure planted for word2vec to find. Each line is a short sentence around
/// one target word, with context words drawn from the target's context sets; targets come in random
/// order, so no stretch of text differs from another.
/// </summary>
internal static class PlantedText
{
    /// <summary>
    /// Groups of synonyms: lines "c w c" where <c>g{i}w{j}</c> is framed by its group's context words
    /// <c>g{i}c{k}</c> (or now and then a filler <c>f{k}</c> shared by all groups). With window 1 the
    /// synonyms share their contexts and never meet, so a word's nearest neighbours are its synonyms.
    /// </summary>
    public static string Synonyms(int groups, int members, int sentencesPerWord, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder();
        for (int s = 0; s < groups * members * sentencesPerWord; s++)
        {
            int g = random.Next(groups);
            string Context() => random.Next(4) == 0 ? $"f{random.Next(10)}" : $"g{g}c{random.Next(8)}";
            text.Append(Context()).Append($" g{g}w{random.Next(members)} ").Append(Context()).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>
    /// A roles × genders grid: <c>r{i}m</c> and <c>r{i}f</c> sit among context words drawn half from
    /// role i's <c>role{i}x{k}</c> and half from the gender's <c>male{k}</c> / <c>female{k}</c>, so
    /// r{i}m : r{i}f :: r{j}m : r{j}f is a planted analogy.
    /// </summary>
    public static string RoleGrid(int roles, int sentencesPerWord, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder();
        for (int s = 0; s < roles * 2 * sentencesPerWord; s++)
        {
            int r = random.Next(roles);
            string gender = random.Next(2) == 0 ? "male" : "female";
            string Context() => random.Next(2) == 0 ? $"role{r}x{random.Next(6)}" : $"{gender}{random.Next(6)}";
            for (int i = 0; i < 4; i++) text.Append(Context()).Append(' ');
            text.Append($"r{r}{gender[0]}");
            for (int i = 0; i < 4; i++) text.Append(' ').Append(Context());
            text.Append('\n');
        }
        return text.ToString();
    }

    public static Word2VecCorpus Corpus(string text, int minCount = 1) => Word2VecCorpus.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), minCount);
}
