using HnReply.Corpus;

namespace HnReply.Evaluation;

/// <summary>
/// The wrong replies a true reply is ranked among: replies from other threads of the same set of
/// pairs, drawn without replacement by a seeded <see cref="Random"/>, so that eval and the hybrid's
/// fit draw alike.
/// </summary>
public static class Distractors
{
    /// <summary>Indices of the pairs from threads other than pair <paramref name="index"/>'s; a pair without a story id (0: a {"parent","reply"} file) counts as its own thread.</summary>
    public static int[] Pool(IReadOnlyList<ReplyPair> pairs, int index)
    {
        long story = pairs[index].StoryId;
        return Enumerable.Range(0, pairs.Count).Where(j => j != index && (story == 0 || pairs[j].StoryId != story)).ToArray();
    }

    /// <summary><paramref name="count"/> of <paramref name="pool"/>, a partial Fisher–Yates shuffle of a copy.</summary>
    public static int[] Draw(int[] pool, int count, Random random)
    {
        var copy = (int[])pool.Clone();
        for (int i = 0; i < count; i++)
        {
            int j = random.Next(i, copy.Length);
            (copy[i], copy[j]) = (copy[j], copy[i]);
        }
        return copy[..count];
    }
}
