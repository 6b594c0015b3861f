using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace B12Bot.Dialogs.Choices;

/// <summary>
/// Recognises a Dutch (or plain English) yes or no in a short answer: whole words, any case, accents and
/// punctuation ignored. "zeker niet" and "klopt niet" are no; "weet ik niet", "misschien" and "ja nee" are
/// neither, so the prompt asks again.
/// </summary>
public static partial class DutchConfirmRecognizer
{
    private static readonly FrozenSet<string> StrongYes = FrozenSet.ToFrozenSet(
        ["ja", "jawel", "jazeker", "jaja", "yes", "yep", "yeah", "jep", "jup"], StringComparer.Ordinal);

    private static readonly FrozenSet<string> WeakYes = FrozenSet.ToFrozenSet(
        ["zeker", "klopt", "natuurlijk", "tuurlijk", "prima", "ok", "oke", "okay", "okee", "oki", "inderdaad",
         "akkoord", "correct", "juist", "absoluut", "graag", "goed", "sure", "yup"], StringComparer.Ordinal);

    private static readonly FrozenSet<string> StrongNo = FrozenSet.ToFrozenSet(
        ["nee", "neen", "neeje", "no", "nope", "nah", "neuh"], StringComparer.Ordinal);

    private static readonly FrozenSet<string> WeakNo = FrozenSet.ToFrozenSet(
        ["niet", "nooit", "geen", "niks", "niets", "never", "not"], StringComparer.Ordinal);

    private static readonly FrozenSet<string> Unsure = FrozenSet.ToFrozenSet(
        ["misschien", "wellicht", "mogelijk", "eventueel", "twijfel", "twijfels", "onzeker", "soms", "idee", "hmm"],
        StringComparer.Ordinal);

    /// <summary>True for yes, false for no, null when the answer is neither or both.</summary>
    public static bool? Recognize(string? utterance)
    {
        var words = DutchText.Tokenize(utterance).Select(t => Canonical(t.Text)).ToList();
        if (words.Count == 0 || IsUnsure(words))
        {
            return null;
        }

        var strongYes = words.Any(StrongYes.Contains);
        var strongNo = words.Any(StrongNo.Contains);
        if (strongYes && strongNo)
        {
            return null;
        }

        if (strongNo)
        {
            return false;
        }

        if (strongYes)
        {
            return true;
        }

        // Without a plain ja/nee a negation decides: "zeker niet", "klopt niet", "nooit".
        if (words.Any(WeakNo.Contains))
        {
            return false;
        }

        return words.Any(WeakYes.Contains) ? true : null;
    }

    private static bool IsUnsure(List<string> words)
    {
        if (words.Any(Unsure.Contains))
        {
            return true;
        }

        // "weet ik niet", "weet niet", "weet het nog niet"
        if (words.Contains("weet") && (words.Contains("niet") || words.Contains("geen") || words.Contains("nog")))
        {
            return true;
        }

        // "niet zeker", "niet zo zeker": doubt, not a no.
        for (var i = 0; i < words.Count; i++)
        {
            if (words[i] == "niet" && words.Skip(i + 1).Take(2).Contains("zeker"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Stretched words back to their form: "jaaa" → "ja", "neee" → "nee", "okeee" → "oke".</summary>
    private static string Canonical(string word)
    {
        if (JaPattern().IsMatch(word))
        {
            return "ja";
        }

        if (NeePattern().IsMatch(word))
        {
            return "nee";
        }

        return OkePattern().IsMatch(word) ? "oke" : word;
    }

    [GeneratedRegex("^ja{2,}$", RegexOptions.CultureInvariant)]
    private static partial Regex JaPattern();

    [GeneratedRegex("^ne{3,}$", RegexOptions.CultureInvariant)]
    private static partial Regex NeePattern();

    [GeneratedRegex("^oke{2,}$", RegexOptions.CultureInvariant)]
    private static partial Regex OkePattern();
}
