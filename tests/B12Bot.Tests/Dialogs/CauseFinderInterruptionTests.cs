using B12Bot.Dialogs;
using B12Bot.Storage;
using B12Bot.Knowledge;
using B12Bot.Tests.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace B12Bot.Tests.Dialogs;

/// <summary>What a person may say at any moment of the walkthrough, as transcripts.</summary>
public sealed class CauseFinderInterruptionTests(BotHost host) : IClassFixture<BotHost>
{
    private Conversation NewChat() => new(host.Bot);

    private const string Start = "> Waarom is mijn B12 laag?";
    private const string Q1 = "< Hoe eet u meestal? [Veganistisch|Vegetarisch|Ik eet alles|Weet ik niet]";
    private const string Q2 = "< Hoe oud bent u? [Jonger dan 50|50 tot 65 jaar|65 jaar of ouder|Weet ik niet]";
    private const string Q3 = "< Heeft u ooit een operatie aan uw maag of darmen gehad? "
        + "[Gastric bypass|Sleeve (maagverkleining)|(Gedeeltelijke) maagverwijdering|Operatie aan de dunne darm|Nee, geen operatie|Weet ik niet]";

    private const string Q5 = "< Heeft een arts bij u een van deze aandoeningen vastgesteld? [Pernicieuze anemie (Biermer)|Auto-immuun gastritis|Diabetes type 1|Lupus (SLE)|Multiple sclerose (MS)|Nee, geen van deze|Weet ik niet]";
    private const string Q7 = "< Drinkt u al langere tijd veel alcohol? [Ja|Nee|Weet ik niet]";
    private const string Q6 = "< Gebruikt u een van deze medicijnen? [Maagzuurremmer (zoals omeprazol)|Metformine|Nee, geen van deze|Weet ik niet]";
    private const string Stopped = "< Goed, we stoppen met de vragen. U kunt altijd opnieuw beginnen, of mij een vraag stellen over vitamine B12.";
    private const string BackToQuestions = "< Dan gaan we verder met de vragen.";

    /// <summary>The answers after the age question that make nothing else fit.</summary>
    private static readonly string[] NoFromSurgeryOn = ["Nee, geen operatie", "Nee", "Nee, geen van deze", "Nee, geen van deze", "Nee", "Nee", "Nee, geen van deze"];

    [Theory]
    [InlineData("stop")]
    [InlineData("Stop!")]
    [InlineData("annuleer")]
    [InlineData("stoppen")]
    [InlineData("ik wil stoppen")]
    public async Task Stop_ends_politely_without_a_result(string stop)
    {
        var harness = NewChat();

        await harness.PlayAsync(Start, "< {intro}", Q1, "> Veganistisch", Q2, "> " + stop, Stopped);

        // No walkthrough is left waiting: the next message is a question again.
        await harness.PlayAsync("> Vegetarisch", "<~ [");
    }

    [Theory]
    [InlineData("Wat is pernicieuze anemie?")]
    [InlineData("help")]
    public async Task A_question_or_help_during_the_walkthrough_asks_the_same_question_again_and_saves_nothing(string text)
    {
        var harness = NewChat();
        var storage = (MemoryStateStorage)harness.Storage;
        await harness.PlayAsync(Start, "< {intro}", Q1, "> Veganistisch", Q2);
        var before = await storage.ReadEntryAsync(harness.Key);

        var replies = await harness.SendAsync(text);

        Assert.Equal("Hoe oud bent u?", replies[^1].Text);
        var after = await storage.ReadEntryAsync(harness.Key);
        Assert.Equal(before!.ETag, after!.ETag);
        await harness.PlayAsync( "> 65 jaar of ouder", Q3);
    }

    [Fact]
    public async Task Stop_is_not_read_into_a_sentence_about_stopping_a_medicine()
    {
        var harness = NewChat();

        await harness.PlayAsync(
            Start, "< {intro}", Q1,
            "> stoppen met vlees",
            "< Dat antwoord herken ik niet. Kies een van de knoppen, of typ 'help' voor uitleg. Hoe eet u meestal? [Veganistisch|Vegetarisch|Ik eet alles|Weet ik niet]");
    }

    [Fact]
    public async Task Back_asks_the_previous_question_again_and_keeps_earlier_answers()
    {
        var harness = NewChat();

        await harness.PlayAsync(
            Start, "< {intro}", Q1,
            "> Veganistisch", Q2,
            "> 65 jaar of ouder", Q3,
            "> terug", "< We gaan een vraag terug.", Q2,
            "> Jonger dan 50", Q3);
        var ending = await FinishAsync(harness, NoFromSurgeryOn);

        // The diet answer was kept, the age answer replaced.
        Assert.Equal(Titles(harness, "veganistisch-dieet"), Conversation.CausesListed(ending));
    }

    [Theory]
    [InlineData("terug")]
    [InlineData("vorige vraag")]
    [InlineData("terug naar de vorige vraag")]
    public async Task Back_at_the_first_question_stays_there(string back)
    {
        await NewChat().PlayAsync(
            Start, "< {intro}", Q1,
            "> " + back, "< Dit is de eerste vraag; verder terug kan niet.", Q1);
    }

    [Fact]
    public async Task Back_from_a_follow_up_asks_the_whole_question_again()
    {
        var harness = NewChat();
        await harness.PlayAsync( Start, "< {intro}", Q1, "> Ik eet alles", Q2, "> Jonger dan 50", Q3);
        await harness.SendAsync("Nee, geen operatie");
        await harness.SendAsync("Nee");

        await harness.PlayAsync(
            "> Pernicieuze anemie (Biermer)",
            "< Is bij u daarnaast nog een van deze aandoeningen vastgesteld? [Auto-immuun gastritis|Diabetes type 1|Lupus (SLE)|Multiple sclerose (MS)|Nee, verder niets|Weet ik niet]",
            "> terug", "< We gaan een vraag terug.", Q5,
            "> Diabetes type 1",
            "< Is bij u daarnaast nog een van deze aandoeningen vastgesteld? [Pernicieuze anemie (Biermer)|Auto-immuun gastritis|Nee, verder niets|Weet ik niet]");
    }

    [Theory]
    [InlineData("help")]
    [InlineData("Help?")]
    [InlineData("uitleg")]
    [InlineData("ik heb hulp nodig")]
    public async Task Help_explains_the_question_and_asks_it_again(string help)
    {
        await NewChat().PlayAsync(
            Start, "< {intro}", Q1,
            "> Veganistisch", Q2,
            "> " + help,
            "< Met het ouder worden maakt de maag minder maagzuur aan, en daardoor neemt u minder B12 uit voeding op. "
                + "U mag ook gewoon uw leeftijd typen, bijvoorbeeld 58.\n\n"
                + "U kunt ook typen: 'terug' voor de vorige vraag, 'opnieuw' om opnieuw te beginnen of 'stop' om te stoppen.",
            Q2);
    }

    [Fact]
    public async Task Opnieuw_starts_over_and_forgets_the_answers()
    {
        var harness = NewChat();

        await harness.PlayAsync(
            Start, "< {intro}", Q1,
            "> Veganistisch", Q2,
            "> 65 jaar of ouder", Q3,
            "> opnieuw", "< We beginnen opnieuw.", Q1,
            "> Ik eet alles", Q2,
            "> Jonger dan 50", Q3);
        var ending = await FinishAsync(harness, NoFromSurgeryOn);

        Assert.StartsWith("Op basis van uw antwoorden past geen van de oorzaken", ending.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_red_flag_typed_anywhere_gets_urgent_advice_first_is_noted_and_the_question_again()
    {
        await NewChat().PlayAsync(
            Start, "< {intro}", Q1,
            "> Ik ben de laatste tijd erg verward",
            "< {advice} #",
            "< Genoteerd: verwardheid.",
            Q1);
    }

    [Fact]
    public async Task A_red_flag_with_an_answer_gets_the_advice_first_and_the_answer_counts()
    {
        await NewChat().PlayAsync(
            Start, "< {intro}", Q1,
            "> veganistisch, maar ik kan sinds gisteren niet meer lopen",
            "< {advice} #",
            Q2);
    }

    [Fact]
    public async Task A_red_flag_symptom_chosen_gets_the_advice_once_and_marks_the_result_urgent()
    {
        var harness = NewChat();
        await harness.SendAsync(WalkthroughIntent.StartButtonText);
        foreach (var answer in new[] { "Ik eet alles", "Jonger dan 50" }.Concat(NoFromSurgeryOn.SkipLast(1)))
        {
            await harness.SendAsync(answer);
        }

        // One urgent symptom is enough for the advice: no follow-up asks for more.
        await harness.PlayAsync(
            "> Verwardheid",
            "< {advice}",
            "<~ - **Klachten**: Verwardheid",
            "<~ Klopt dit?",
            "> klopt",
            "<~ Op basis van uw antwoorden past geen van de oorzaken",
            "<~ U noemde verwardheid.");
    }

    [Fact]
    public async Task A_question_is_answered_from_the_knowledge_with_its_citation_then_the_same_question_again()
    {
        var harness = NewChat();

        await harness.PlayAsync(
            Start, "< {intro}", Q1,
            "> Veganistisch", Q2,
            "> wat is pernicieuze anemie?",
            "<~ Pernicieuze anemie is een zeldzame maar ernstige auto-immuunziekte #pernicieuze-anemie",
            BackToQuestions,
            Q2,
            "> 65 jaar of ouder", Q3);
        var ending = await FinishAsync(harness, NoFromSurgeryOn);

        // The question was not taken for an answer.
        Assert.Equal(Titles(harness, "veganistisch-dieet", "leeftijd"), Conversation.CausesListed(ending));
    }

    [Fact]
    public async Task A_question_the_knowledge_cannot_answer_says_so_then_the_same_question_again()
    {
        await NewChat().PlayAsync(
            Start, "< {intro}", Q1,
            "> Hoe laat gaat de apotheek open?",
            "<~ Dat staat niet in mijn informatie. [] #",
            BackToQuestions,
            Q1);
    }

    [Fact]
    public async Task An_unclear_question_names_the_topics_then_the_same_question_again()
    {
        using var bot = WithFakeAnswerer();
        await new Conversation(bot).PlayAsync(
            Start, "< {intro}", Q1,
            "> wat is de oorzaak?",
            "<~ Uw vraag kan over meerdere onderwerpen gaan: \"Wat is de belangrijkste oorzaak van vitamine B12-tekort?\" #",
            BackToQuestions,
            Q1);
    }

    [Fact]
    public async Task An_option_with_a_question_mark_is_an_answer_and_a_question_about_it_is_a_question()
    {
        using var bot = WithFakeAnswerer();
        var answerer = (FakeAnswerer)bot.Services.GetRequiredService<IAnswerer>();
        var harness = new Conversation(bot);
        await harness.SendAsync(WalkthroughIntent.StartButtonText);
        foreach (var answer in new[] { "Ik eet alles", "Jonger dan 50", "Nee, geen operatie", "Nee", "Nee, geen van deze" })
        {
            await harness.SendAsync(answer);
        }

        await harness.PlayAsync(
            "> wat is metformine",
            "<~ metformine #waarom-het-ertoe-doet",
            BackToQuestions,
            Q6,
            "> Metformine?",
            Q7);

        Assert.Equal(1, answerer.Calls);
    }

    [Fact]
    public async Task Asking_to_start_again_during_the_walkthrough_keeps_the_place()
    {
        await NewChat().PlayAsync(
            Start, "< {intro}", Q1,
            "> Veganistisch", Q2,
            "> waarom is mijn b12 laag?",
            "< We zijn al bezig met de vragen over mogelijke oorzaken. Typ 'opnieuw' om opnieuw te beginnen.",
            Q2);
    }

    /// <summary>Answers the questions left, confirms the review, and returns the ending's first message (the causes).</summary>
    private static async Task<Microsoft.Bot.Schema.IMessageActivity> FinishAsync(Conversation harness, IEnumerable<string> answers)
    {
        foreach (var answer in answers)
        {
            await harness.SendAsync(answer);
        }

        Assert.StartsWith("Dit zijn uw antwoorden:", harness.Last[0].Text, StringComparison.Ordinal);
        var ending = await harness.PressAsync(CauseFinderPrompt.ConfirmTitle);
        return ending[0];
    }

    private static string[] Titles(Conversation harness, params string[] causeIds) =>
        [.. causeIds.Select(id => harness.Rules.FindCause(id)!.Title)];

    /// <summary>A bot whose answerer has a fixed verdict (see <see cref="FakeAnswerer"/>).</summary>
    private static BotServices WithFakeAnswerer() =>
        new(configure: services => services.AddSingleton<IAnswerer>(sp => new FakeAnswerer(sp.GetRequiredService<KnowledgeBase>())));
}
