using B12Bot.Knowledge;
using Microsoft.Bot.Schema;

namespace B12Bot.Cards;

/// <summary>Turns the answerer's verdict into the reply a person sees.</summary>
public sealed class AnswerRenderer(KnowledgeBase knowledge, Citations citations)
{
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
        var reply = Replies.Text(Replies.NoMatch);
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
        reply.Entities = [citations.For([entry])];
        Buttons.Offer(reply, incoming, answer.Related.Take(3).Select(r => r.Question).ToList());
        return reply;
    }

    private static IMessageActivity RenderClarify(Answer answer, IActivity incoming)
    {
        var reply = Replies.Text(Replies.Clarify);
        Buttons.Offer(reply, incoming, answer.Alternatives.Take(3).Select(a => a.Question).ToList());
        return reply;
    }

    private IMessageActivity RenderTopics(string text, IActivity incoming)
    {
        var reply = Replies.Text(text);
        Buttons.Offer(reply, incoming, Replies.TopicQuestions(knowledge));
        return reply;
    }
}
