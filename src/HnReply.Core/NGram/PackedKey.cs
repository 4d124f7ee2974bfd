using System.Runtime.CompilerServices;

namespace HnReply.NGram;

/// <summary>
/// An n-gram as one 64-bit key: (context index &lt;&lt; 32) | word, where the context index is the
/// n-gram's prefix in the order below (the word id itself for unigrams). Exact, unlike KenLM's
/// probing model, which keeps a 64-bit hash of the words and accepts collisions.
/// </summary>
internal static class PackedKey
{
    public const ulong Empty = ulong.MaxValue;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Of(int context, int word) => ((ulong)(uint)context << 32) | (uint)word;
}
