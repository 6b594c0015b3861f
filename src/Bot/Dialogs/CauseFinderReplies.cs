using System.Globalization;
using System.Text;
using B12Bot.Knowledge;
using B12Bot.Knowledge.CauseFinder;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace B12Bot.Dialogs;

/// <summary>Turns the cause-finder's outcome into the ending's messages, each citing what it says.</summary>
internal static class CauseFinderReplies
{
    /// <summary>
    /// The ending: the urgent advice first when a red flag was chosen and the advice was not sent yet; the causes that fit, most likely
    /// first, each with its why and citation marker (or, when nothing fits, the general causes); then what
    /// to discuss with the GP, the treatments the article names, and that only a GP can diagnose.
    /// </summary>
    public static (IReadOnlyList<IMessageActivity> Messages, CauseFinderResult Result) Ending(
        CauseFinderRules rules,
        KnowledgeBase knowledge,
        CauseFinderOutcome outcome,
        bool urgentAlreadySent = false)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(knowledge);
        ArgumentNullException.ThrowIfNull(outcome);

        var messages = new List<IMessageActivity>();
        var cited = new List<string>();
        if (outcome.Urgent && !urgentAlreadySent)
        {
            messages.Add(MessageFactory.Text(rules.RedFlags.Message));
        }

        var causes = new List<FoundCause>();
        if (outcome.Causes.Count == 0)
        {
            var entry = Entry(knowledge, rules.Ending.NothingFits.Entry);
            messages.Add(Citations.CitedMessage(rules.Ending.NothingFits.Text + " " + Citations.Marker(1), knowledge, [entry]));
            cited.Add(entry.Id);
        }
        else
        {
            var text = new StringBuilder(rules.Ending.ResultIntro);
            var entries = new List<KnowledgeEntry>();
            for (var i = 0; i < outcome.Causes.Count; i++)
            {
                var finding = outcome.Causes[i];
                var entry = Entry(knowledge, finding.EntryId);
                if (!entries.Contains(entry))
                {
                    entries.Add(entry);
                }

                var marker = Citations.Marker(entries.IndexOf(entry) + 1);
                text.Append("\n\n")
                    .Append((i + 1).ToString(CultureInfo.InvariantCulture))
                    .Append(". ")
                    .Append(finding.Cause.Title)
                    .Append(' ')
                    .Append(marker)
                    .Append('\n')
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

            messages.Add(Citations.CitedMessage(text.ToString(), knowledge, entries));
            cited.AddRange(entries.Select(e => e.Id));
        }

        messages.Add(NextSteps(rules, knowledge, outcome, cited));
        return (messages, new CauseFinderResult { Causes = causes, Urgent = outcome.Urgent || urgentAlreadySent, EntryIds = cited.Distinct(StringComparer.Ordinal).ToList() });
    }

    private static IMessageActivity NextSteps(CauseFinderRules rules, KnowledgeBase knowledge, CauseFinderOutcome outcome, List<string> cited)
    {
        var parts = new List<(string Text, KnowledgeEntry Entry)>();
        if (outcome.SymptomsText is { } symptoms)
        {
            parts.Add((symptoms, Entry(knowledge, rules.Ending.Symptoms.Entry)));
        }

        parts.Add((rules.Ending.Tests.Text, Entry(knowledge, rules.Ending.Tests.Entry)));
        parts.Add((rules.Ending.Treatments.Text, Entry(knowledge, rules.Ending.Treatments.Entry)));

        var entries = new List<KnowledgeEntry>();
        var text = new StringBuilder();
        foreach (var (partText, entry) in parts)
        {
            if (!entries.Contains(entry))
            {
                entries.Add(entry);
            }

            text.Append(partText).Append(' ').Append(Citations.Marker(entries.IndexOf(entry) + 1)).Append("\n\n");
        }

        text.Append(rules.Ending.GpReminder);
        cited.AddRange(entries.Select(e => e.Id));
        return Citations.CitedMessage(text.ToString(), knowledge, entries);
    }

    private static KnowledgeEntry Entry(KnowledgeBase knowledge, string id) =>
        knowledge.TryGet(id, out var entry)
            ? entry
            : throw new InvalidOperationException($"Knowledge entry '{id}' cited by the cause-finder is missing; load the rules with this knowledge base.");
}
