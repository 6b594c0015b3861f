using System.Globalization;
using System.Text;
using B12Bot.Cards;
using B12Bot.Knowledge;
using B12Bot.Knowledge.CauseFinder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace B12Bot.Dialogs;

/// <summary>
/// The "Samenvatting voor uw huisarts" that the walkthrough's result offers: the answers given, the causes that fit
/// with why and their citations, what the article says to discuss, and that it is no diagnosis. Nothing is stored
/// for it: the result's button carries the answers (as option ids) and the summary is made from them when it is
/// pressed, so it works after the walkthrough has ended and its state is gone. Ids that are not in the rules are
/// left out, so a hand-made request can only ask for what the rules could have produced.
/// </summary>
public sealed class GpSummary(CauseFinderRules rules, KnowledgeBase knowledge, Citations citations)
{
    /// <summary>The button's title, and the text it sends.</summary>
    public const string ButtonTitle = "Samenvatting voor uw huisarts";

    /// <summary>What the button's value says it asks for.</summary>
    private const string Kind = "huisartssamenvatting";

    private const string KindKey = "b12bot";
    private const string AnswersKey = "antwoorden";

    /// <summary>A request holds at most this many questions and options per question; more is not a real request.</summary>
    private const int MaxItems = 32;

    private const string Title = "**Samenvatting voor uw huisarts**";
    private const string NoDiagnosis = "Dit is geen diagnose. Het is een overzicht van mijn antwoorden in de B12-vragenlijst van de apotheek, en van wat het artikel over vitamine B12 daarbij zegt, om met u te bespreken.";
    private const string AnswersHeading = "**Mijn antwoorden**";
    private const string CausesHeading = "**Oorzaken uit het artikel die bij mijn antwoorden passen**";
    private const string DiscussHeading = "**Om te bespreken**";
    private const string SourcesHeading = "**Bronnen**";
    private const string NoAnswers = "De samenvatting maak ik van de antwoorden in de vragenlijst. Kies 'Samenvatting voor uw huisarts' onder de uitkomst, of begin de vragenlijst met \"" + Replies.StartWalkthrough + "\".";

    /// <summary>The result's button: a card button whose value carries the answers (ids only), sent back when pressed.</summary>
    public static Attachment Button(IReadOnlyDictionary<string, IReadOnlyCollection<string>> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var value = new JObject
        {
            [KindKey] = Kind,
            [AnswersKey] = new JObject(answers.Select(a => new JProperty(a.Key, new JArray(a.Value)))),
        };
        var card = new HeroCard
        {
            Buttons = [new CardAction(ActionTypes.MessageBack, ButtonTitle, text: ButtonTitle, displayText: ButtonTitle, value: value)],
        };
        return card.ToAttachment();
    }

    /// <summary>True when the message asks for the summary: the button's value, or its title typed.</summary>
    public static bool IsRequest(IActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var message = activity.AsMessageActivity();
        if (message is null)
        {
            return false;
        }

        if (message.Value is JObject value && value.Value<string>(KindKey) == Kind)
        {
            return true;
        }

        return string.Equals(message.Text?.Trim(), ButtonTitle, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The summary for the answers the message's button carries (or a pointer to the walkthrough when it carries none).</summary>
    public IMessageActivity For(IActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var answers = Read(activity.AsMessageActivity()?.Value);
        return answers.Count == 0 ? Replies.Text(NoAnswers) : For(answers);
    }

    /// <summary>The summary for <paramref name="answers"/>.</summary>
    public IMessageActivity For(IReadOnlyDictionary<string, IReadOnlyCollection<string>> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var outcome = CauseFinderEvaluator.Evaluate(rules, answers);
        var cited = new List<KnowledgeEntry>();
        string Marker(string entryId)
        {
            var entry = knowledge[entryId];
            if (!cited.Contains(entry))
            {
                cited.Add(entry);
            }

            return "[" + (cited.IndexOf(entry) + 1).ToString(CultureInfo.InvariantCulture) + "]";
        }

        var text = new StringBuilder();
        text.Append(Title).Append("\n\n").Append(NoDiagnosis).Append("\n\n").Append(AnswersHeading);
        foreach (var line in CauseFinderReplies.AnswerLines(rules, answers))
        {
            text.Append("\n- ").Append(line.Replace("**", string.Empty, StringComparison.Ordinal));
        }

        text.Append("\n\n").Append(CausesHeading);
        if (outcome.Causes.Count == 0)
        {
            text.Append("\n\n").Append(rules.Ending.NothingFits.Text).Append(' ').Append(string.Join(' ', rules.Ending.NothingFits.AllEntries.Select(Marker)));
        }
        else
        {
            for (var i = 0; i < outcome.Causes.Count; i++)
            {
                var finding = outcome.Causes[i];
                text.Append("\n\n").Append((i + 1).ToString(CultureInfo.InvariantCulture)).Append(". ")
                    .Append(finding.Cause.Title).Append(' ').Append(Marker(finding.EntryId)).Append(": ").Append(finding.Reason);
            }
        }

        text.Append("\n\n").Append(DiscussHeading);
        if (outcome.SymptomsText is { } symptoms)
        {
            text.Append("\n\n").Append(symptoms).Append(' ').Append(Marker(rules.Ending.Symptoms.Entry));
        }

        text.Append("\n\n").Append(rules.Ending.Tests.Text).Append(' ').Append(string.Join(' ', rules.Ending.Tests.AllEntries.Select(Marker)));
        text.Append("\n\n").Append(rules.Ending.GpReminder);

        text.Append("\n\n").Append(SourcesHeading);
        for (var i = 0; i < cited.Count; i++)
        {
            text.Append("\n\n[").Append((i + 1).ToString(CultureInfo.InvariantCulture)).Append("] ")
                .Append(cited[i].Title).Append(": ").Append(knowledge.CitationUrl(cited[i]));
        }

        var reply = Replies.Text(text.ToString());
        reply.Entities = [citations.For(cited)];
        return reply;
    }

    /// <summary>The answers a button's value carries: known questions and options only, bounded.</summary>
    private Dictionary<string, IReadOnlyCollection<string>> Read(object? value)
    {
        var answers = new Dictionary<string, IReadOnlyCollection<string>>(StringComparer.Ordinal);
        if (value is not JObject request || request.Value<string>(KindKey) != Kind || request[AnswersKey] is not JObject given)
        {
            return answers;
        }

        foreach (var property in given.Properties().Take(MaxItems))
        {
            var question = rules.FindQuestion(property.Name);
            if (question is null || property.Value is not JArray ids)
            {
                continue;
            }

            var known = ids.Take(MaxItems)
                .Select(id => id.Type == JTokenType.String ? question.FindOption((string?)id) : null)
                .OfType<AnswerOption>()
                .Select(o => o.Id)
                .Distinct(StringComparer.Ordinal)
                .ToList();
            if (known.Count > 0)
            {
                answers[question.Id] = known;
            }
        }

        return answers;
    }
}
