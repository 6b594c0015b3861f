using System.Globalization;
using System.Text;

namespace B12Bot.Dialogs.Choices;

/// <summary>Text normalisation shared by the recognisers: lower case, no accents, no punctuation, words.</summary>
internal static class DutchText
{
    /// <summary>A word of the normalised text and where it sits in the original.</summary>
    internal readonly record struct Token(string Text, int Start, int End);

    /// <summary>Lower-cased, accent-free words; everything that is not a letter or digit separates words.</summary>
    public static IReadOnlyList<Token> Tokenize(string? text)
    {
        var tokens = new List<Token>();
        if (string.IsNullOrEmpty(text))
        {
            return tokens;
        }

        var current = new StringBuilder();
        var start = -1;
        for (var i = 0; i < text.Length; i++)
        {
            var folded = Fold(text[i]);
            if (folded.Length > 0)
            {
                if (start < 0)
                {
                    start = i;
                }

                current.Append(folded);
                continue;
            }

            // "o.k." keeps its letters together; other punctuation separates words.
            if (text[i] == '.' && current.Length == 1 && char.IsLetter(current[0]) && i + 1 < text.Length && char.IsLetter(text[i + 1]))
            {
                continue;
            }

            Flush(tokens, current, ref start, i - 1);
        }

        Flush(tokens, current, ref start, text.Length - 1);
        return tokens;
    }

    /// <summary>The normalised words joined by single spaces.</summary>
    public static string Normalize(string? text) => string.Join(' ', Tokenize(text).Select(t => t.Text));

    /// <summary>Damerau-Levenshtein distance (optimal string alignment), giving up above <paramref name="max"/>.</summary>
    public static int Distance(string a, string b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max)
        {
            return max + 1;
        }

        var previous2 = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, previous2[j - 2] + 1);
                }

                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }

            if (rowMin > max)
            {
                return max + 1;
            }

            (previous2, previous, current) = (previous, current, previous2);
        }

        return previous[b.Length];
    }

    /// <summary>The typing errors allowed between two words: none below 4 letters or with digits, 1 from 4, 2 from 8.</summary>
    public static int AllowedTypos(string a, string b)
    {
        var shortest = Math.Min(a.Length, b.Length);
        if (shortest < 4 || a.Any(char.IsDigit) || b.Any(char.IsDigit))
        {
            return 0;
        }

        return shortest >= 8 ? 2 : 1;
    }

    private static string Fold(char c)
    {
        if (!char.IsLetterOrDigit(c))
        {
            return string.Empty;
        }

        var decomposed = char.ToLowerInvariant(c).ToString().Normalize(NormalizationForm.FormD);
        var result = new StringBuilder(decomposed.Length);
        foreach (var part in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(part) != UnicodeCategory.NonSpacingMark)
            {
                result.Append(part);
            }
        }

        return result.ToString();
    }

    private static void Flush(List<Token> tokens, StringBuilder current, ref int start, int end)
    {
        if (current.Length > 0)
        {
            tokens.Add(new Token(current.ToString(), start, end));
        }

        current.Clear();
        start = -1;
    }
}
