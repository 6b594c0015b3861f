using System.Text.RegularExpressions;

namespace B12Bot.Knowledge.Search;

/// <summary>
/// The search-engine syntax people paste into a question, read as a search engine reads it: a word or quoted phrase
/// after a minus or an upper-case NOT is left out of what is asked ("b12 tekort oorzaak -vegan"); "site:" and
/// "filetype:" say where to look, not what, and go; "intitle:" and its kin keep their word ("intitle:b12 bloedtest");
/// any other field is read as two words ("onderwerp:b12" → "onderwerp b12").
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
        text = Field().Replace(text, " ");
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

    // "onderwerp:b12", "categorie:diagnose", "symptomen:(b12 tekort)": a field and its value, two words (written as one,
    // the analysis would read them as one word it does not know). A web address is not a field.
    [GeneratedRegex(@"(?<=(?<!\S)\p{L}{2,24}):(?=[^\s/])", RegexOptions.IgnoreCase)]
    private static partial Regex Field();

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex Spaces();
}
