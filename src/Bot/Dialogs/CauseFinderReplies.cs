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
    public (IReadOnlyList<IMessageActivity> Messages, CauseFinderResult Result) Ending(CauseFinderOutcome outcome, bool urgent)
    {
        ArgumentNullException.ThrowIfNull(outcome);

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

        var messages = new List<IMessageActivity> { first.Build(citations), next.Build(citations) };
        var entryIds = first.Entries.Concat(next.Entries).Select(e => e.Id).Distinct(StringComparer.Ordinal).ToList();
        return (messages, new CauseFinderResult { Causes = causes, Urgent = urgent || outcome.Urgent, EntryIds = entryIds });
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
