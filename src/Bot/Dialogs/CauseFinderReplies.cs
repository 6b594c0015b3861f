using System.Globalization;
using System.Text;
using B12Bot.Cards;
using B12Bot.Knowledge;
using B12Bot.Knowledge.CauseFinder;
using Microsoft.Bot.Schema;

namespace B12Bot.Dialogs;

/// <summary>Turns the cause-finder's outcome into the ending's messages, each citing what it says.</summary>
internal sealed class CauseFinderReplies(CauseFinderRules rules, KnowledgeBase knowledge, Citations citations)
{
    /// <summary>
    /// The ending: the causes that fit, most likely first, each with its why and citation marker (or, when
    /// nothing fits, the general causes); then the symptoms named, what to discuss with the GP, the treatments
    /// the article names, and that only a GP can diagnose. Each message cites its entries in marker order.
    /// </summary>
    public (IReadOnlyList<IMessageActivity> Messages, CauseFinderResult Result) Ending(
        CauseFinderOutcome outcome, bool urgent, IReadOnlyDictionary<string, IReadOnlyCollection<string>> answers)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(answers);

        var first = new CitedBuilder(knowledge);
        var causes = new List<FoundCause>();
        if (outcome.Causes.Count == 0)
        {
            first.Add(rules.Ending.NothingFits);
        }
        else
        {
            first.Text.Append(rules.Ending.ResultIntro);
            for (var i = 0; i < outcome.Causes.Count; i++)
            {
                var finding = outcome.Causes[i];
                var entry = first.Cite(finding.EntryId, out var marker);
                first.Text.Append("\n\n")
                    .Append((i + 1).ToString(CultureInfo.InvariantCulture))
                    .Append(". **")
                    .Append(finding.Cause.Title)
                    .Append("** ")
                    .Append(marker)
                    .Append("  \n")
                    .Append(finding.Reason);
                causes.Add(new FoundCause
                {
                    Id = finding.Cause.Id,
                    Title = finding.Cause.Title,
                    Reason = finding.Reason,
                    EntryId = entry.Id,
                    CitationUrl = knowledge.CitationUrl(entry),
                });
            }
        }

        var next = new CitedBuilder(knowledge);
        if (outcome.SymptomsText is { } symptoms)
        {
            next.Add(rules.Ending.Symptoms with { Text = symptoms });
        }

        next.Add(rules.Ending.Tests);
        next.Add(rules.Ending.Treatments);
        next.Text.Append(rules.Ending.GpReminder);

        var last = next.Build(citations);
        last.Attachments = [GpSummary.Button(answers)];
        var messages = new List<IMessageActivity> { first.Build(citations), last };
        var entryIds = first.Entries.Concat(next.Entries).Select(e => e.Id).Distinct(StringComparer.Ordinal).ToList();
        return (messages, new CauseFinderResult { Causes = causes, Urgent = urgent || outcome.Urgent, EntryIds = entryIds });
    }

    /// <summary>How an answer is confirmed in "Genoteerd: …": "veganistisch", "maagzuurremmer", "alcohol: nee".</summary>
    public static string Noted(Question question, AnswerOption option)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(option);
        var title = ShortTitle(option);
        if (title.StartsWith("nee, ", StringComparison.Ordinal))
        {
            // "Nee, geen operatie" → "geen operatie"; "Nee, geen van deze" needs its question: "medicijnen: geen van deze".
            title = title["nee, ".Length..];
            return title.StartsWith("geen van", StringComparison.Ordinal) ? question.Label.ToLowerInvariant() + ": " + title : title;
        }

        return option.IsDontKnow || title is "ja" or "nee"
            ? question.Label.ToLowerInvariant() + ": " + title
            : title;
    }

    /// <summary>The answers given so far, one line per question, before the result (the review).</summary>
    public IMessageActivity Review(IReadOnlyDictionary<string, IReadOnlyCollection<string>> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var text = new StringBuilder(ReviewIntro);
        foreach (var line in AnswerLines(rules, answers))
        {
            text.Append("\n- ").Append(line);
        }

        return Replies.Text(text.ToString());
    }

    /// <summary>"Label: answer, answer" for every question answered, in question order.</summary>
    public static IEnumerable<string> AnswerLines(CauseFinderRules rules, IReadOnlyDictionary<string, IReadOnlyCollection<string>> answers)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(answers);
        foreach (var question in rules.Questions)
        {
            if (!answers.TryGetValue(question.Id, out var chosen) || chosen.Count == 0)
            {
                continue;
            }

            var titles = question.Options.Where(o => chosen.Contains(o.Id)).Select(o => o.Title).ToList();
            yield return "**" + question.Label + "**: " + string.Join(", ", titles);
        }
    }

    private const string ReviewIntro = "Dit zijn uw antwoorden:\n";

    /// <summary>An option's title as a word in a sentence: without its explanation in brackets, lower case first.</summary>
    private static string ShortTitle(AnswerOption option)
    {
        var title = option.Title;
        var bracket = title.IndexOf(" (", StringComparison.Ordinal);
        if (bracket > 0)
        {
            title = title[..bracket];
        }

        return title.Length > 1 && char.IsUpper(title[0]) && !char.IsUpper(title[1]) ? char.ToLowerInvariant(title[0]) + title[1..] : title;
    }

    /// <summary>A message text with "[n]" markers and the entries they refer to, in marker order.</summary>
    private sealed class CitedBuilder(KnowledgeBase knowledge)
    {
        public StringBuilder Text { get; } = new();

        public List<KnowledgeEntry> Entries { get; } = [];

        /// <summary>Adds a paragraph with the markers of its entries.</summary>
        public void Add(CitedText cited)
        {
            var markers = cited.AllEntries.Select(id =>
            {
                Cite(id, out var marker);
                return marker;
            });
            Text.Append(cited.Text).Append(' ').Append(string.Join(' ', markers)).Append("\n\n");
        }

        /// <summary>The entry for <paramref name="id"/>, cited once; <paramref name="marker"/> refers to it.</summary>
        public KnowledgeEntry Cite(string id, out string marker)
        {
            if (!knowledge.TryGet(id, out var entry))
            {
                throw new InvalidOperationException($"Knowledge entry '{id}' cited by the cause-finder is missing; load the rules with this knowledge base.");
            }

            if (!Entries.Contains(entry))
            {
                Entries.Add(entry);
            }

            marker = "[" + (Entries.IndexOf(entry) + 1).ToString(CultureInfo.InvariantCulture) + "]";
            return entry;
        }

        public IMessageActivity Build(Citations citations)
        {
            var reply = Replies.Text(Text.ToString().TrimEnd());
            reply.Entities = [citations.For(Entries)];
            return reply;
        }
    }
}
