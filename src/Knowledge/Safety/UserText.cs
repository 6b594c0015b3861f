using System.Globalization;
using System.Text;

namespace B12Bot.Knowledge.Safety;

/// <summary>
/// Makes typed text safe to analyse: lone surrogates (which .NET's normalisation refuses) become U+FFFD, and
/// control characters other than line breaks and tabs become spaces. Text without either is returned as is.
/// </summary>
public static class UserText
{
    /// <summary>The last text folded on this thread and its folded form: one message is read by several recognisers in a row.</summary>
    [ThreadStatic]
    private static (string Text, string Folded)? _lastFolded;

    /// <summary>
    /// The text cleaned, lower case and without accents ("Vegetariër!" → "vegetarier!"); every other character
    /// stays where it is, so each recogniser still decides what separates its words.
    /// </summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        if (_lastFolded is { } last && string.Equals(last.Text, text, StringComparison.Ordinal))
        {
            return last.Folded;
        }

        var decomposed = Clean(text)!.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        var folded = builder.ToString();
        _lastFolded = (text, folded);
        return folded;
    }

    public static string? Clean(string? text)
    {
        if (string.IsNullOrEmpty(text) || !NeedsCleaning(text))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                builder.Append('\uFFFD');
            }
            else if (char.IsControl(c) && c is not ('\n' or '\r' or '\t'))
            {
                builder.Append(' ');
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static bool NeedsCleaning(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c) || (char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
            {
                return true;
            }
        }

        return false;
    }
}
