using B12Bot.Cards;
using B12Bot.Knowledge;
using B12Bot.Knowledge.CauseFinder;
using Microsoft.Bot.Schema;

namespace B12Bot.Dialogs;

/// <summary>
/// Answers a free question from the knowledge: the passage with its citation, a clarifying question, or "dat staat
/// niet in mijn informatie". One class for every place a question is answered: the root dialog, the walkthrough
/// (a question asked between its questions) and the storage-outage path (which needs no state).
/// </summary>
public sealed class FreeQuestionAnswerer(IAnswerer answerer, AnswerRenderer renderer)
{
    private const string ClarifyStart = "Uw vraag kan over meerdere onderwerpen gaan: ";
    private const string ClarifyEnd = ". Stel hem na de vragenlijst gerust nog eens wat preciezer.";

    /// <summary>The answer, rendered for the channel of <paramref name="incoming"/>, and what the answerer decided (for the log).</summary>
    /// <param name="text">The question.</param>
    /// <param name="incoming">The message asked in (the channel decides how buttons are shown).</param>
    /// <param name="aboutThemselves">The person writes about themselves: the answer then says it is no diagnosis.</param>
    public (IMessageActivity Reply, Answer Answer) Answer(string text, IActivity incoming, bool aboutThemselves)
    {
        var answer = answerer.Ask(text);
        return (renderer.Render(answer, incoming, aboutThemselves), answer);
    }

    /// <summary>The answer, for the message that starts the walkthrough: without follow-up buttons, which would compete with its own.</summary>
    public (IMessageActivity Reply, Answer Answer) AnswerWithoutRelated(Answer answer, IActivity incoming)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return (renderer.Render(answer with { Related = [] }, incoming, aboutThemselves: true), answer);
    }

    /// <summary>
    /// The answer to a question asked between the walkthrough's questions: without buttons, which the question asked
    /// next would replace at once; when two or three topics fit, they are named instead of offered as buttons.
    /// </summary>
    public IMessageActivity AnswerDuringWalkthrough(string text, IActivity incoming)
    {
        var answer = answerer.Ask(text);
        if (answer.Outcome == AnswerOutcome.Clarify)
        {
            var topics = CauseFinderEvaluator.JoinDutch(answer.Alternatives.Take(3).Select(a => "\"" + a.Question + "\"").ToList());
            return Replies.Text(ClarifyStart + topics + ClarifyEnd);
        }

        var reply = renderer.Render(answer, incoming, aboutThemselves: false);
        reply.SuggestedActions = null;
        if (reply.Attachments is { } attachments)
        {
            reply.Attachments = attachments.Where(a => a.Content is not HeroCard).ToList();
        }

        return reply;
    }

    /// <summary>Asks the answerer only (no reply), for a decision such as whether the article answers the text.</summary>
    public Answer Ask(string text) => answerer.Ask(text);
}
