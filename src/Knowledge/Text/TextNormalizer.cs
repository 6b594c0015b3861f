using B12Bot.Knowledge.Safety;
using System.Text;

namespace B12Bot.Knowledge.Text;

/// <summary>Culture-invariant text comparison: lower case, no diacritics, single spaces, no trailing punctuation.</summary>
internal static class TextNormalizer
{
    /// <summary>"  Wat is Pernicieuze   anemie?! " → "wat is pernicieuze anemie".</summary>
    public static string ForComparison(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var folded = UserText.Fold(text);
        var builder = new StringBuilder(folded.Length);
        var pendingSpace = false;
        foreach (var c in folded)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        var end = builder.Length;
        while (end > 0 && IsTrailingPunctuation(builder[end - 1]))
        {
            end--;
        }

        return builder.ToString(0, end).TrimEnd();
    }

    private static bool IsTrailingPunctuation(char c) => c is '?' or '!' or '.' or ' ' or ',' or ';' or ':';
}
