using System.Text;

namespace B12Bot.Knowledge.Safety;

/// <summary>
/// Makes typed text safe to analyse: lone surrogates (which .NET's normalisation refuses) become U+FFFD, and
/// control characters other than line breaks and tabs become spaces. Text without either is returned as is.
/// </summary>
public static class UserText
{
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
