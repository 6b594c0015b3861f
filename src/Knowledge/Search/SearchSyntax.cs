using System.Text.RegularExpressions;

namespace B12Bot.Knowledge.Search;

/// <summary>
/// The search-engine syntax people paste into a question, read as a search engine reads it: a word or quoted phrase
/// after a minus or an upper-case NOT is left out of what is asked ("b12 tekort oorzaak -vegan"); "site:" and
/// "filetype:" say where to look, not what, and go; "intitle:" and its kin keep their word ("intitle:b12 bloedtest").
/// Quotes, AND and OR are left to the analysis, which drops them. Used on a question only, never on the article.
/// </summary>
internal static partial class SearchSyntax
{
    /// <summary>The question without excluded words and search operators; the question itself when nothing is left.</summary>
    public static string Strip(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        if (question.IndexOf(':', StringComparison.Ordinal) < 0 && question.IndexOf('-', StringComparison.Ordinal) < 0
            && !question.Contains("NOT", StringComparison.Ordinal))
        {
            return question;
        }

        var text = Excluded().Replace(question, " ");
        text = Place().Replace(text, " ");
        text = Operator().Replace(text, string.Empty);
        text = Spaces().Replace(text, " ").Trim();
        return text.Length == 0 ? question : text;
    }

    // "-vegan", "-\"te veel\"", "NOT vegan": a minus right before a word at the start of a word, or NOT in capitals.
    [GeneratedRegex(@"(?<!\S)(?:-|NOT\s+)(?:""[^""]*""|[\p{L}\p{N}][\p{L}\p{N}'\-]*)")]
    private static partial Regex Excluded();

    // "site:apotheek.be", "filetype:pdf": where to look.
    [GeneratedRegex(@"(?<!\S)(?:site|filetype|ext):\S*", RegexOptions.IgnoreCase)]
    private static partial Regex Place();

    // "intitle:b12" → "b12".
    [GeneratedRegex(@"(?<!\S)(?:allintitle|allintext|allinurl|intitle|intext|inurl|inanchor):", RegexOptions.IgnoreCase)]
    private static partial Regex Operator();

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex Spaces();
}
