using System.Collections.Concurrent;
using B12Bot.Editors;
using B12Bot.Knowledge;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace B12Bot.Cards;

/// <summary>Turns the answerer's verdict into the reply a person sees.</summary>
public sealed class AnswerRenderer(KnowledgeBase knowledge, Citations citations, PharmacyContact? pharmacy = null)
{
    private readonly ConcurrentDictionary<KnowledgeEntry, Entity> _entitiesWithActions = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<KnowledgeEntry, Entity> _entitiesWithoutActions = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// An answer: the quoted passage under the entry's title, its source, the citation entity and up to three
    /// follow-up questions as buttons.
    /// </summary>
    public IMessageActivity Render(Answer answer, IActivity incoming, bool aboutThemselves)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(incoming);
        return answer.Outcome switch
        {
            AnswerOutcome.Answer when answer.Entry is not null => RenderAnswer(answer, answer.Entry, incoming, aboutThemselves),
            AnswerOutcome.Clarify when answer.Alternatives.Count > 0 => RenderClarify(answer, incoming),
            _ when answer.InEnglish => RenderTopics(Replies.OnlyDutch, incoming),
            _ when answer.NotCovered is { } subject => RenderTopics(Replies.NotCovered(subject), incoming),
            _ => RenderNoMatch(incoming),
        };
    }

    public IMessageActivity RenderNoMatch(IActivity incoming)
    {
        var reply = Replies.Text(WithPharmacy(Replies.NoMatch));
        Buttons.Offer(reply, incoming, Replies.TopicQuestions(knowledge));
        return reply;
    }

    private IMessageActivity RenderAnswer(Answer answer, KnowledgeEntry entry, IActivity incoming, bool aboutThemselves)
    {
        var passage = answer.Passage.Count > 0 ? answer.Passage : entry.Paragraphs;
        var text = $"**{entry.Title}**\n\n{string.Join("\n\n", passage)} [1]\n\n_Bron: {citations.SourceName(entry)}_";
        if (answer.InEnglish)
        {
            text = Replies.InDutch + "\n\n" + text;
        }

        if (aboutThemselves)
        {
            text += "\n\n" + Replies.NotADiagnosis;
        }

        var reply = Replies.Text(text);
        var teams = incoming.ChannelId == Channels.Msteams;
        reply.Entities = [AnswerEntity(entry, withFeedbackActions: !teams)];
        if (teams)
        {
            OfferFeedback(reply, incoming, entry.Id);
        }

        Buttons.Offer(reply, incoming, answer.Related.Take(3).Select(r => r.Question).ToList());
        return reply;
    }

    /// <summary>
    /// An answer's citation entity, with the Like and Dislike actions outside Teams: made once per entry, with its JSON,
    /// and shared by every reply that quotes it (replies are only serialised, never changed, once rendered).
    /// </summary>
    private Entity AnswerEntity(KnowledgeEntry entry, bool withFeedbackActions) => withFeedbackActions
        ? _entitiesWithActions.GetOrAdd(entry, static (e, source) =>
        {
            var entity = source.For([e]);
            entity.Properties["potentialAction"] = FeedbackActivities.PotentialActions(e.Id);
            return PreparedEntity.From(entity);
        }, citations)
        : _entitiesWithoutActions.GetOrAdd(entry, static (e, source) => PreparedEntity.From(source.For([e])), citations);

    /// <summary>The red-flag advice (huisarts, 112), then how to reach the pharmacy when configured.</summary>
    public IMessageActivity RedFlagAdvice(string advice) => Replies.Text(WithPharmacy(advice));

    /// <summary>Adds how to reach the pharmacy to a reply's text (nothing when not configured).</summary>
    public void AddPharmacyContact(IMessageActivity reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        reply.Text = WithPharmacy(reply.Text ?? string.Empty);
    }

    /// <summary>
    /// 👍/👎 under an answer: in Teams its own feedback loop (<c>channelData.feedbackLoop</c>, never with the older
    /// <c>feedbackLoopEnabled</c>); elsewhere the Like and Dislike actions that Web Chat shows under the message.
    /// </summary>
    public static void OfferFeedback(IMessageActivity reply, IActivity incoming, string entryId)
    {
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentNullException.ThrowIfNull(incoming);
        if (incoming.ChannelId == Channels.Msteams)
        {
            reply.ChannelData = new JObject { ["feedbackLoop"] = new JObject { ["type"] = "default" } };
            return;
        }

        if (reply.Entities?.FirstOrDefault(e => e.Type == "https://schema.org/Message") is { } message)
        {
            message.Properties["potentialAction"] = FeedbackActivities.PotentialActions(entryId);
        }
    }

    private string WithPharmacy(string text) => pharmacy?.AppendTo(text) ?? text;

    private static IMessageActivity RenderClarify(Answer answer, IActivity incoming)
    {
        var reply = Replies.Text(Replies.Clarify);
        Buttons.Offer(reply, incoming, answer.Alternatives.Take(3).Select(a => a.Question).ToList());
        return reply;
    }

    /// <summary>A reply that answers nothing from the article (English, or a subject it does not cover): its topics, and how to reach the pharmacy.</summary>
    private IMessageActivity RenderTopics(string text, IActivity incoming)
    {
        var reply = Replies.Text(WithPharmacy(text));
        Buttons.Offer(reply, incoming, Replies.TopicQuestions(knowledge));
        return reply;
    }
}
