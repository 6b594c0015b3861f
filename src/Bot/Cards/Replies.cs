using B12Bot.Knowledge;
using Microsoft.Bot.Schema;

namespace B12Bot.Cards;

/// <summary>Every text the bot says outside the knowledge and the walkthrough, in one place (Dutch, "u").</summary>
public static class Replies
{
    /// <summary>The button (and phrase) that starts the cause-finder.</summary>
    public const string StartWalkthrough = "Waarom is mijn B12 laag?";

    public const string Welcome =
        "Welkom! Ik ben B12Bot, een geautomatiseerde assistent van de apotheek over een laag vitamine B12: " +
        "een computerprogramma, geen mens.\n\n" +
        "U kunt mij een vraag stellen, bijvoorbeeld over oorzaken, klachten, bloedonderzoek, voeding of supplementen. " +
        "Ik schrijf geen eigen antwoorden: ik citeer de tekst uit ons artikel en vermeld steeds de bron. " +
        "Wilt u weten welke oorzaken bij u zouden kunnen passen? Kies dan \"" + StartWalkthrough + "\".\n\n" +
        "Ik stel geen diagnose: bij klachten is uw huisarts de aangewezen persoon.";

    public const string WhoAreYou =
        "Ik ben B12Bot, een geautomatiseerde assistent (een chatbot) van de apotheek: een computerprogramma, geen mens. " +
        "Ik schrijf geen eigen teksten, maar citeer uit één artikel over een laag vitamine B12 en vermeld daarbij " +
        "altijd de bron. Ik ben geen arts en stel geen diagnose.";

    /// <summary>Added to the welcome when <c>Editors:CollectUnanswered</c> is on; {0} is the number of days kept.</summary>
    public const string CollectingNotice =
        "Vragen die ik niet kan beantwoorden en uw toelichting bij een 👎 bewaar ik {0} dagen, zonder namen, " +
        "telefoonnummers of andere persoonsgegevens, zodat de apotheek de informatie kan verbeteren. " +
        "Typ \"vergeet mij\" om ze te laten verwijderen.";

    public const string WhatCanYouDo =
        "Ik kan vragen beantwoorden over een laag vitamine B12: oorzaken (zoals pernicieuze anemie, darmziekten, " +
        "maagoperaties, auto-immuunziekten en parasieten), klachten, bloedonderzoek, voeding en supplementen. " +
        "Ook kan ik u stap voor stap helpen uitzoeken welke oorzaken bij u zouden kunnen passen.";

    public const string Thanks = "Graag gedaan! Heeft u nog een andere vraag over vitamine B12?";

    public const string Goodbye = "Tot ziens! Heeft u later nog vragen over vitamine B12, dan kunt u mij altijd weer aanspreken.";

    public const string NoMatch =
        "Dat staat niet in mijn informatie. Ik weet alleen wat in ons artikel over een laag vitamine B12 staat, " +
        "dus over andere onderwerpen (zoals prijzen, openingstijden, bestellingen of andere vitamines en medicijnen) " +
        "kan ik u niet helpen; daarvoor kunt u het beste de apotheek zelf vragen.\n\n" +
        "Wel kan ik u vertellen over bijvoorbeeld deze onderwerpen, of samen met u nagaan waarom uw B12 laag kan zijn.";

    /// <summary>In Teams, the follow-up questions of an answer come in a message of their own, with this text.</summary>
    public const string FollowUps = "Wilt u er meer over weten? Kies een vraag:";

    public const string Clarify = "Ik weet niet precies wat u bedoelt. Bedoelt u een van deze vragen?";

    /// <summary>What the article covers, after saying what it does not.</summary>
    public const string Covered =
        "Ons artikel gaat over een laag vitamine B12: de oorzaken (zoals pernicieuze anemie, darmziekten, maagoperaties, " +
        "auto-immuunziekten en parasieten), de klachten, het bloedonderzoek, voeding en supplementen. " +
        "Daarover kan ik u wel vertellen, of samen met u nagaan waarom uw B12 laag kan zijn.";

    /// <summary>Before a Dutch answer to a question asked in English.</summary>
    public const string InDutch = "I answer in Dutch, with text from our article on low vitamin B12:";

    /// <summary>A question in English the article does not answer.</summary>
    public const string OnlyDutch =
        "I answer in Dutch only, with text from our article on low vitamin B12 (its causes, symptoms, blood tests, " +
        "food and supplements). You can ask me in Dutch, or choose one of these topics.";

    /// <summary>"Over migraine staat niets in ons artikel." and what it does cover.</summary>
    public static string NotCovered(string subject) => $"Over {subject} staat niets in ons artikel. {Covered}";

    public const string OnlyText =
        "Ik kan alleen tekstberichten lezen. Wilt u uw vraag over vitamine B12 intypen?";

    public const string TooLong =
        "Uw bericht is te lang voor mij. Wilt u uw vraag korter stellen, in een of twee zinnen?";

    public const string NotADiagnosis =
        "Dit is algemene informatie uit het artikel, geen diagnose: alleen een arts kan vaststellen of u een tekort heeft en waardoor.";

    public const string StorageDown =
        "Het lukt mij op dit moment niet om ons gesprek bij te houden. Probeer het zo nog eens; " +
        "uw eerdere antwoorden blijven bewaard.";

    public const string StaleState =
        "Sorry, door een vernieuwing van B12Bot ben ik kwijt waar we gebleven waren. We beginnen opnieuw: " +
        "stel gerust uw vraag, of kies hieronder een onderwerp.";

    public const string TurnFailed = "Sorry, er ging bij mij iets mis. Wilt u het nog eens proberen?";

    /// <summary>Questions to offer when the bot has nothing better to offer.</summary>
    public static IReadOnlyList<string> TopicQuestions(KnowledgeBase knowledge)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        string[] ids = ["faq-01", "faq-04", "faq-09"];
        var questions = new List<string> { StartWalkthrough };
        foreach (var id in ids)
        {
            if (knowledge.TryGet(id, out var entry))
            {
                questions.Add(entry.Question);
            }
        }

        return questions;
    }

    /// <summary>The welcome; with <c>Editors:CollectUnanswered</c> on, it also says what is kept and for how long.</summary>
    public static string WelcomeText(bool collecting, TimeSpan retention) => collecting
        ? Welcome + "\n\n" + CollectingNotice.Replace("{0}", ((int)Math.Round(retention.TotalDays)).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        : Welcome;

    public static IMessageActivity Text(string text)
    {
        var reply = Activity.CreateMessageActivity();
        reply.Text = text;
        reply.TextFormat = TextFormatTypes.Markdown;
        reply.Locale = "nl-NL";
        return reply;
    }
}
