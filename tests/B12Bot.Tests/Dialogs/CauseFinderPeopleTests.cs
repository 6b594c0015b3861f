using B12Bot.Dialogs;
using B12Bot.Tests.Testing;

namespace B12Bot.Tests.Dialogs;

/// <summary>
/// The eight people of the cause-finder issue (and a few more), each walking through by clicking only the
/// buttons offered, and ending with the causes that fit, most likely first, each citing its section.
/// </summary>
public sealed class CauseFinderPeopleTests
{
    private const string No = "Nee";
    private const string NoneOfThese = "Nee, geen van deze";
    private const string NothingElse = "Nee, verder niets";

    /// <summary>person → the buttons clicked, in order → "cause title → cited entry", most likely first.</summary>
    public static TheoryData<string, string[], string[]> People => new()
    {
        {
            "veganist",
            ["Veganistisch", "Jonger dan 50", "Nee, geen operatie", No, NoneOfThese, NoneOfThese, No, No, "Vermoeidheid", NothingElse],
            ["Weinig of geen B12 uit voeding → faq-02"]
        },
        {
            "gastric bypass twee jaar geleden",
            ["Ik eet alles", "Jonger dan 50", "Gastric bypass", NothingElse, No, NoneOfThese, NoneOfThese, No, No, NoneOfThese],
            ["Een operatie aan de maag → maagoperaties"]
        },
        {
            "ziekte van Crohn",
            ["Ik eet alles", "Jonger dan 50", "Nee, geen operatie", "Ziekte van Crohn", NoneOfThese, NoneOfThese, No, No, NoneOfThese],
            ["Verminderde opname door een darmziekte (malabsorptie) → malabsorptie"]
        },
        {
            "omeprazol (metformine would change nothing more: no follow-up)",
            ["Ik eet alles", "Jonger dan 50", "Nee, geen operatie", No, NoneOfThese, "Maagzuurremmer (zoals omeprazol)", No, No, NoneOfThese],
            ["Bijwerking van medicijnen → waarom-het-ertoe-doet"]
        },
        {
            "75 jaar, verder niets",
            ["Ik eet alles", "65 jaar of ouder", "Nee, geen operatie", No, NoneOfThese, NoneOfThese, No, No, NoneOfThese],
            ["Minder maagzuur op oudere leeftijd → faq-08"]
        },
        {
            "eet rauwe zoetwatervis",
            ["Ik eet alles", "Jonger dan 50", "Nee, geen operatie", No, NoneOfThese, NoneOfThese, No, "Ja", NoneOfThese],
            ["Een lintworm uit zoetwatervis (parasieten) → parasieten"]
        },
        {
            "bekende pernicieuze anemie",
            ["Ik eet alles", "Jonger dan 50", "Nee, geen operatie", No, "Pernicieuze anemie (Biermer)", NothingElse, NoneOfThese, No, No, NoneOfThese],
            ["Pernicieuze anemie → pernicieuze-anemie"]
        },
        {
            "niets van toepassing",
            ["Ik eet alles", "Jonger dan 50", "Nee, geen operatie", No, NoneOfThese, NoneOfThese, No, No, NoneOfThese],
            []
        },
        {
            "weet het allemaal niet",
            ["Weet ik niet", "Weet ik niet", "Weet ik niet", "Weet ik niet", "Weet ik niet", "Weet ik niet", "Weet ik niet", "Weet ik niet", "Weet ik niet"],
            []
        },
        {
            "oudere met sleeve, coeliakie en alcohol",
            ["Vegetarisch", "65 jaar of ouder", "Sleeve (maagverkleining)", NothingElse, "Coeliakie", "Diabetes type 1", NothingElse, NoneOfThese, "Ja", No, NoneOfThese],
            [
                "Een operatie aan de maag → maagoperaties",
                "Verminderde opname door een darmziekte (malabsorptie) → malabsorptie",
                "Minder maagzuur op oudere leeftijd → faq-08",
                "Langdurig veel alcohol → waarom-het-ertoe-doet",
                "Een andere auto-immuunziekte → auto-immuun",
                "Weinig B12 uit voeding → waarom-het-ertoe-doet",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(People))]
    public async Task Clicking_only_offered_buttons_ends_with_the_causes_that_fit_cited(string person, string[] clicks, string[] expected)
    {
        using var bot = new BotServices();
        var chat = new Conversation(bot);
        var replies = await chat.SendAsync(WalkthroughIntent.StartButtonText);
        Assert.Equal(chat.Rules.Intro, replies[0].Text);

        foreach (var click in clicks)
        {
            var offered = Cited.ButtonTitles(replies[^1]);
            Assert.True(offered.Contains(click), $"{person}: '{click}' is not offered after '{replies[^1].Text}' ({string.Join(" | ", offered)})");
            replies = await chat.SendAsync(click);
        }

        // Before the result: the answers, each with a button to change it, and one to see the result.
        Assert.StartsWith("Dit zijn uw antwoorden:", replies[0].Text, StringComparison.Ordinal);
        Assert.Equal(CauseFinderPrompt.ConfirmTitle, Cited.ButtonTitles(replies[^1])[0]);
        replies = await chat.PressAsync(CauseFinderPrompt.ConfirmTitle);

        // The ending: the causes (or the general causes), then the GP, tests and treatments, and the summary button.
        Assert.Equal(2, replies.Count);
        var (causes, next) = (replies[0], replies[1]);
        if (expected.Length == 0)
        {
            Assert.StartsWith("Op basis van uw antwoorden past geen van de oorzaken", causes.Text, StringComparison.Ordinal);
            Assert.Equal(["faq-01", "waarom-het-ertoe-doet"], Cited.Ids(causes));
        }
        else
        {
            Assert.Equal(expected.Select(e => e[..(e.IndexOf('→', StringComparison.Ordinal) - 1)]), Conversation.CausesListed(causes));
            Assert.Equal(expected.Select(e => e[(e.IndexOf('→', StringComparison.Ordinal) + 2)..]).Distinct(), Cited.Ids(causes));
        }

        Assert.Contains("methylmalonzuur", next.Text, StringComparison.Ordinal);
        Assert.Contains("intramusculaire injecties", next.Text, StringComparison.Ordinal);
        Assert.EndsWith(chat.Rules.Ending.GpReminder, next.Text, StringComparison.Ordinal);
        Assert.Contains("faq-03", Cited.Ids(next));
        Assert.Contains("faq-05", Cited.Ids(next));
        Assert.Equal([GpSummary.ButtonTitle], Cited.ButtonTitles(next));
    }

    [Fact]
    public async Task The_walkthrough_opens_with_one_plain_sentence_that_it_is_no_diagnosis()
    {
        using var bot = new BotServices();
        var chat = new Conversation(bot);

        var replies = await chat.SendAsync("help me de oorzaak vinden");

        Assert.Equal(2, replies.Count);
        Assert.Contains("geen diagnose", replies[0].Text, StringComparison.Ordinal);
        Assert.Empty(Cited.Ids(replies[0]));
        Assert.Equal("Hoe eet u meestal?", replies[1].Text);
        Assert.Equal(["Veganistisch", "Vegetarisch", "Ik eet alles", "Weet ik niet"], Cited.ButtonTitles(replies[1]));
    }

    [Fact]
    public async Task Every_question_offers_weet_ik_niet_last()
    {
        using var bot = new BotServices();
        var chat = new Conversation(bot);
        var replies = await chat.SendAsync(WalkthroughIntent.StartButtonText);

        for (var i = 0; i < chat.Rules.Questions.Count; i++)
        {
            Assert.Equal(chat.Rules.Questions[i].Text, replies[^1].Text);
            Assert.Equal("Weet ik niet", Cited.ButtonTitles(replies[^1])[^1]);
            replies = await chat.SendAsync("Weet ik niet");
        }

        Assert.StartsWith("Dit zijn uw antwoorden:", replies[0].Text, StringComparison.Ordinal);
    }
}
