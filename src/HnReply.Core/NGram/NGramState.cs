using System.Runtime.CompilerServices;

namespace HnReply.NGram;

/// <summary>
/// The context an <see cref="NGramModel"/> query starts from, owned by the caller (KenLM's State):
/// the most recent words, newest first, cut to the longest suffix of the history that can still
/// matter: one the model has continuations or a backoff for (KenLM's right-state minimisation,
/// which never changes a score), at most
/// Order - 1 words. Alongside each suffix it keeps that n-gram's position in the model, so a query
/// does no lookups for its context. <c>default</c> is the empty context (no history at all);
/// <see cref="NGramModel.Begin"/> gives the start of a sentence. A state belongs to the model that
/// made it.
/// </summary>
public struct NGramState : IEquatable<NGramState>
{
    internal ContextArray Words;
    internal ContextArray Indices;

    /// <summary>How many words of context the state holds.</summary>
    public int Length { readonly get; internal set; }

    /// <summary>The context word <paramref name="back"/> positions back: 0 is the most recent.</summary>
    public readonly int Word(int back)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(back);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(back, Length);
        return Words[back];
    }

    public readonly bool Equals(NGramState other)
    {
        if (Length != other.Length) return false;
        for (int i = 0; i < Length; i++)
        {
            if (Words[i] != other.Words[i]) return false;
        }
        return true;
    }

    public override readonly bool Equals(object? obj) => obj is NGramState other && Equals(other);

    public override readonly int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Length);
        for (int i = 0; i < Length; i++) hash.Add(Words[i]);
        return hash.ToHashCode();
    }

    public static bool operator ==(NGramState left, NGramState right) => left.Equals(right);

    public static bool operator !=(NGramState left, NGramState right) => !left.Equals(right);
}

/// <summary>Room for the context of the largest order, inline in <see cref="NGramState"/>.</summary>
[InlineArray(NGramOptions.MaxOrder - 1)]
internal struct ContextArray
{
    private int _element;
}
