using System.Globalization;
using System.Text;
using B12Bot.Knowledge;
using B12Bot.Knowledge.Safety;

namespace B12Bot.Editors;

/// <summary>A group of similar questions that got no answer or a "Bedoelt u …?".</summary>
public sealed record QuestionGroup(string Example, int Count, int Unanswered, int Clarified, IReadOnlyList<string> Others, string? ClosestEntryId);

/// <summary>👍 and 👎 of one entry, with the reasons given.</summary>
public sealed record EntryFeedback(string EntryId, string Title, int Likes, int Dislikes, IReadOnlyList<string> Reasons);

/// <summary>How often people chose an entry after a "Bedoelt u …?".</summary>
public sealed record PickedClarification(string EntryId, string Title, int Count);

/// <summary>A question worth adding to an entry's <c>variants</c> in <c>knowledge/faq.json</c>, and why.</summary>
public sealed record SuggestedVariant(string EntryId, string Variant, string Why);

/// <summary>One week of the chart.</summary>
public sealed record WeekTotals(string Week, int Answered, int Unanswered, int Disliked);

/// <summary>
/// What the editors see, from the stored items: unanswered questions grouped by similarity with counts, 👍/👎 per
/// entry with reasons, the clarifications people picked, suggested variants for <c>knowledge/faq.json</c> (a person
/// decides), and the weekly totals.
/// </summary>
public sealed partial class EditorsReport
{
    /// <summary>Two questions are alike when at least this share of all their words are shared (Jaccard)…</summary>
    public const double GroupSimilarity = 0.5;

    /// <summary>…or when at least two words and this share of the shorter one's words are shared.</summary>
    public const double GroupContainment = 0.75;

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "de", "het", "een", "en", "of", "is", "ik", "je", "u", "jij", "mijn", "m", "n", "mn", "van", "in", "op", "te", "voor", "met", "aan",
        "dat", "die", "dit", "deze", "er", "zijn", "ben", "heb", "heeft", "hebben", "wordt", "worden", "kan", "kun", "kunt", "moet", "mag",
        "wat", "hoe", "waar", "wie", "welke", "wanneer", "waarom", "ook", "nog", "al", "dan", "als", "bij", "naar", "om", "tot", "zo",
        "me", "mij", "we", "wij", "ze", "zij", "hij", "eens", "even", "toch", "wel", "maar", "dus", "graag", "weten", "vraag",

        // Nearly every question names these: they say nothing about which questions belong together.
        "b12", "vitamine", "jullie", "apotheek",
    };

    private EditorsReport()
    {
    }

    public required DateTimeOffset Since { get; init; }

    public required DateTimeOffset Until { get; init; }

    public required bool Collecting { get; init; }

    public required IReadOnlyList<QuestionGroup> Unanswered { get; init; }

    public required IReadOnlyList<EntryFeedback> Feedback { get; init; }

    public required IReadOnlyList<PickedClarification> Clarifications { get; init; }

    public required IReadOnlyList<SuggestedVariant> Suggestions { get; init; }

    public required IReadOnlyList<WeekTotals> Weeks { get; init; }

    public static EditorsReport Build(EditorData data, KnowledgeBase knowledge, IAnswerer answerer, DateTimeOffset since, DateTimeOffset until, bool collecting)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(knowledge);
        ArgumentNullException.ThrowIfNull(answerer);

        string Title(string id) => knowledge.TryGet(id, out var entry) ? entry.Title : id;

        var questions = data.Items.Where(i => i.Kind is EditorItemKind.Unanswered or EditorItemKind.Clarified && !string.IsNullOrWhiteSpace(i.Text)).ToList();
        var picks = data.Items.Where(i => i.Kind == EditorItemKind.ClarificationPicked && i.EntryId is not null).ToList();
        var groups = Group(questions, answerer);

        var feedback = data.Items
            .Where(i => i.Kind is EditorItemKind.Like or EditorItemKind.Dislike or EditorItemKind.Reason)
            .GroupBy(i => i.EntryId ?? "?", StringComparer.Ordinal)
            .Select(g => new EntryFeedback(
                g.Key,
                g.Key == "?" ? "(antwoord niet meer bekend)" : Title(g.Key),
                g.Count(i => i.Kind == EditorItemKind.Like),
                g.Count(i => i.Kind == EditorItemKind.Dislike),
                g.Where(i => i.Kind == EditorItemKind.Reason && !string.IsNullOrWhiteSpace(i.Text)).Select(i => i.Text!).ToList()))
            .OrderByDescending(f => f.Dislikes).ThenBy(f => f.EntryId, StringComparer.Ordinal)
            .ToList();

        var clarifications = picks
            .GroupBy(i => i.EntryId!, StringComparer.Ordinal)
            .Select(g => new PickedClarification(g.Key, Title(g.Key), g.Count()))
            .OrderByDescending(p => p.Count).ThenBy(p => p.EntryId, StringComparer.Ordinal)
            .ToList();

        var suggestions = new List<SuggestedVariant>();
        foreach (var group in picks.Where(p => !string.IsNullOrWhiteSpace(p.Text)).GroupBy(p => (p.EntryId!, Key: Fold(p.Text!))))
        {
            suggestions.Add(new SuggestedVariant(group.Key.Item1, group.First().Text!, string.Create(CultureInfo.InvariantCulture, $"na \"Bedoelt u …?\" {group.Count()}× voor dit antwoord gekozen")));
        }

        foreach (var group in groups.Where(g => g.ClosestEntryId is not null))
        {
            if (!suggestions.Any(s => s.EntryId == group.ClosestEntryId && Fold(s.Variant) == Fold(group.Example)))
            {
                suggestions.Add(new SuggestedVariant(group.ClosestEntryId!, group.Example, string.Create(CultureInfo.InvariantCulture, $"{group.Count}× gevraagd; dit antwoord lijkt er het meest op — alleen toevoegen als het de vraag echt beantwoordt")));
            }
        }

        var weeks = data.Weeks
            .GroupBy(w => w.Week, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new WeekTotals(
                g.Key,
                g.Where(w => w.Kind == WeeklyCountKind.Answered).Sum(w => w.Count),
                g.Where(w => w.Kind is WeeklyCountKind.Unanswered or WeeklyCountKind.Clarified).Sum(w => w.Count),
                g.Where(w => w.Kind == WeeklyCountKind.Disliked).Sum(w => w.Count)))
            .ToList();

        return new EditorsReport
        {
            Since = since,
            Until = until,
            Collecting = collecting,
            Unanswered = groups,
            Feedback = feedback,
            Clarifications = clarifications,
            Suggestions = suggestions,
            Weeks = weeks,
        };
    }

    /// <summary>The report as plain text, for the terminal.</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        var culture = CultureInfo.InvariantCulture;
        text.AppendLine(culture, $"B12Bot: rapport voor de redactie, {Since:yyyy-MM-dd} tot en met {Until:yyyy-MM-dd}");
        if (!Collecting)
        {
            text.AppendLine("(Editors:CollectUnanswered staat uit: alleen aantallen en beoordelingen, geen vragen.)");
        }

        text.AppendLine();
        text.AppendLine("Vragen zonder antwoord of met \"Bedoelt u …?\" (gegroepeerd, meest gesteld eerst)");
        if (Unanswered.Count == 0)
        {
            text.AppendLine("  (geen)");
        }

        foreach (var group in Unanswered)
        {
            text.AppendLine(culture, $"  {group.Count,3}×  {group.Example}   [{group.Unanswered} zonder antwoord, {group.Clarified} met keuze]");
            foreach (var other in group.Others)
            {
                text.AppendLine(culture, $"          ook: {other}");
            }
        }

        text.AppendLine();
        text.AppendLine("Beoordelingen per antwoord (👍 / 👎, met redenen)");
        if (Feedback.Count == 0)
        {
            text.AppendLine("  (geen)");
        }

        foreach (var entry in Feedback)
        {
            text.AppendLine(culture, $"  {entry.EntryId}  👍 {entry.Likes}  👎 {entry.Dislikes}  {entry.Title}");
            foreach (var reason in entry.Reasons)
            {
                text.AppendLine(culture, $"          reden: {reason}");
            }
        }

        text.AppendLine();
        text.AppendLine("Gekozen na \"Bedoelt u …?\"");
        if (Clarifications.Count == 0)
        {
            text.AppendLine("  (geen)");
        }

        foreach (var pick in Clarifications)
        {
            text.AppendLine(culture, $"  {pick.Count,3}×  {pick.EntryId}  {pick.Title}");
        }

        text.AppendLine();
        text.AppendLine("Voorstellen voor knowledge/faq.json (\"variants\"; u beslist)");
        if (Suggestions.Count == 0)
        {
            text.AppendLine("  (geen)");
        }

        foreach (var suggestion in Suggestions)
        {
            text.AppendLine(culture, $"  {suggestion.EntryId}: \"{suggestion.Variant}\"  ({suggestion.Why})");
        }

        text.AppendLine();
        text.AppendLine("Per week: beantwoord / niet beantwoord / 👎");
        foreach (var week in Weeks)
        {
            text.AppendLine(culture, $"  {week.Week}  {week.Answered,5}  {week.Unanswered,5}  {week.Disliked,5}");
        }

        return text.ToString();
    }

    /// <summary>Greedy grouping: each question joins the first group with a question alike (see <see cref="GroupSimilarity"/>).</summary>
    private static List<QuestionGroup> Group(List<EditorItem> questions, IAnswerer answerer)
    {
        var groups = new List<(List<HashSet<string>> Words, List<EditorItem> Items)>();
        foreach (var item in questions)
        {
            var words = Words(item.Text!);
            var home = groups.FirstOrDefault(g => g.Words.Any(other => Alike(other, words)));
            if (home.Items is null)
            {
                groups.Add(([words], [item]));
            }
            else
            {
                home.Words.Add(words);
                home.Items.Add(item);
            }
        }

        return groups
            .Select(g =>
            {
                var texts = g.Items.Select(i => i.Text!.Trim()).ToList();
                var example = texts.GroupBy(t => t, StringComparer.OrdinalIgnoreCase).OrderByDescending(t => t.Count()).First().Key;
                var others = texts.Where(t => !string.Equals(t, example, StringComparison.OrdinalIgnoreCase)).Distinct(StringComparer.OrdinalIgnoreCase).Take(4).ToList();
                var offered = g.Items.SelectMany(i => i.Alternatives).GroupBy(a => a, StringComparer.Ordinal).OrderByDescending(a => a.Count()).Select(a => a.Key).FirstOrDefault();
                var nearest = answerer.Ask(example).Alternatives;
                var closest = offered ?? (nearest.Count > 0 ? nearest[0].Id : null);
                return new QuestionGroup(example, g.Items.Count, g.Items.Count(i => i.Kind == EditorItemKind.Unanswered), g.Items.Count(i => i.Kind == EditorItemKind.Clarified), others, closest);
            })
            .OrderByDescending(g => g.Count)
            .ThenBy(g => g.Example, StringComparer.Ordinal)
            .ToList();
    }

    private static bool Alike(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return a.Count == b.Count;
        }

        var shared = a.Count(b.Contains);
        return (double)shared / (a.Count + b.Count - shared) >= GroupSimilarity
            || (shared >= 2 && (double)shared / Math.Min(a.Count, b.Count) >= GroupContainment);
    }

    private static HashSet<string> Words(string text)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        // The scrubber's markers ("[naam]") say nothing about the question.
        foreach (var word in Fold(Markers().Replace(text, " ")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!StopWords.Contains(word))
            {
                // A crude stem: "kost", "kosten" and "kostte" fall together.
                words.Add(word.Length > 4 ? word[..4] : word);
            }
        }

        return words;
    }

    /// <summary>Lower case without accents; only letters and digits, words separated by one space.</summary>
    private static string Fold(string text)
    {
        var folded = UserText.Fold(text);
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            builder.Append(char.IsLetterOrDigit(c) ? c : ' ');
        }

        return string.Join(' ', builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\[[a-z-]+\]", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex Markers();
}
