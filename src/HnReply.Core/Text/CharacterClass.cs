using System.Globalization;
using System.Text;

namespace HnReply.Text;

/// <summary>
/// What the word tokenizer sees in a character: space (skipped), letter or digit (starts and
/// continues a word), mark (continues a word only), or anything else (punctuation and symbols).
/// ASCII comes from a table; other characters are classified as whole code points by their
/// Unicode category, so emoji outside the BMP are not split into surrogates.
/// </summary>
internal enum CharacterClass : byte
{
    Other,
    Space,
    Letter,
    Digit,
    Mark,
}

internal static class CharacterClasses
{
    private static readonly CharacterClass[] Ascii = Enumerable.Range(0, 128).Select(c => OfAscii((char)c)).ToArray();

    /// <summary>The class of the code point at <paramref name="i"/> and its length in UTF-16 units.</summary>
    public static CharacterClass At(ReadOnlySpan<char> text, int i, out int width)
    {
        var c = text[i];
        if (c < 128)
        {
            width = 1;
            return Ascii[c];
        }
        if (Rune.DecodeFromUtf16(text[i..], out var rune, out width) != System.Buffers.OperationStatus.Done) return CharacterClass.Other;
        return OfRune(rune);
    }

    /// <summary>Whether a word can start at <paramref name="i"/>: a letter, digit or '_' (false past the end).</summary>
    public static bool IsWordAt(ReadOnlySpan<char> text, int i) =>
        i < text.Length && (text[i] == '_' || At(text, i, out _) is CharacterClass.Letter or CharacterClass.Digit);

    public static bool IsLetterAt(ReadOnlySpan<char> text, int i) => i < text.Length && At(text, i, out _) == CharacterClass.Letter;

    public static bool IsAsciiDigitAt(ReadOnlySpan<char> text, int i) => i < text.Length && char.IsAsciiDigit(text[i]);

    private static CharacterClass OfAscii(char c) => c switch
    {
        _ when char.IsAsciiLetter(c) => CharacterClass.Letter,
        _ when char.IsAsciiDigit(c) => CharacterClass.Digit,
        _ when c <= ' ' || c == '\x7f' => CharacterClass.Space,
        _ => CharacterClass.Other,
    };

    private static CharacterClass OfRune(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => CharacterClass.Letter,
        UnicodeCategory.DecimalDigitNumber => CharacterClass.Digit,
        UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark => CharacterClass.Mark,
        UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
            or UnicodeCategory.Control => CharacterClass.Space,
        // Zero-width (non-)joiners shape the letters around them; every other format character
        // (zero-width space, BOM, bidi marks, soft hyphen) is invisible and reads as a break.
        UnicodeCategory.Format => rune.Value is 0x200C or 0x200D ? CharacterClass.Mark : CharacterClass.Space,
        _ => CharacterClass.Other,
    };
}
