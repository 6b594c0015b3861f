using B12Bot.Cards;
using B12Bot.Tests.Testing;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace B12Bot.Tests.Bots;

/// <summary>Short conversations with the bot as the app wires it, in Web Chat.</summary>
public sealed class ConversationTests : IClassFixture<ConversationTests.Host>
{
    private readonly BotServices bot;

    public ConversationTests(Host host) => bot = host.Bot;

    public sealed class Host : IDisposable
    {
        public BotServices Bot { get; } = new();

        public void Dispose() => Bot.Dispose();
    }

    [Fact]
    public async Task A_new_member_is_welcomed_with_what_the_bot_can_do_and_the_walkthrough_button()
    {
        var replies = await new Conversation(bot, "webchat").JoinAsync();
        Conversation.Expect(
            replies,
            reply =>
            {
                Assert.Contains("B12Bot", reply.AsMessageActivity().Text, StringComparison.Ordinal);
                Assert.Contains("huisarts", reply.AsMessageActivity().Text, StringComparison.Ordinal);
                Assert.Contains(Replies.StartWalkthrough, Cited.ButtonTitles(reply));
                Assert.Empty(Cited.Ids(reply));
            });
    }

    public static TheoryData<string, string> Questions => new()
    {
        { "Welke producten bevatten veel B12?", "faq-09" },
        { "Hoe wordt pernicieuze anemie behandeld?", "pernicieuze-anemie" },
        { "Is het gevaarlijk om te veel B12 te slikken?", "faq-10" },
        { "Krijgen veganisten sneller een B12-tekort?", "faq-02" },
    };

    [Theory]
    [MemberData(nameof(Questions))]
    public async Task A_question_is_answered_with_the_passage_its_source_and_a_citation(string question, string entryId)
    {
        var replies = await new Conversation(bot, "webchat").SendAsync(question);
        Conversation.Expect(
            replies,
            reply =>
            {
                var message = reply.AsMessageActivity();
                Assert.Equal(entryId, Cited.Top(reply));
                Assert.Contains("Bron:", message.Text, StringComparison.Ordinal);
                Assert.True(Cited.ButtonTitles(reply).Count <= 3);
            });
    }

    [Theory]
    [InlineData("Wat zijn de openingstijden van de apotheek?")]
    [InlineData("Hoeveel kost een doosje paracetamol?")]
    [InlineData("asdfghjkl")]
    [InlineData("mijn b12 staat te hoog in mijn bloed, wat betekent dat?")]
    public async Task A_question_outside_the_article_gets_no_citation_and_a_pointer_to_what_the_bot_knows(string question)
    {
        var replies = await new Conversation(bot, "webchat").SendAsync(question);
        Conversation.Expect(
            replies,
            reply =>
            {
                Assert.Empty(Cited.Ids(reply));
                Assert.Contains("staat niet in mijn informatie", reply.AsMessageActivity().Text, StringComparison.Ordinal);
                Assert.Contains(Replies.StartWalkthrough, Cited.ButtonTitles(reply));
            });
    }

    [Theory]
    [InlineData("helpt b12 tegen migraine", "migraine")]
    [InlineData("helpt b12 tegen slapeloosheid", "slapeloosheid")]
    // what the question says of its subject is not named with it
    [InlineData("helpt b12 tegen migraine werkt da", "migraine")]
    [InlineData("mag ik b12 met koffie nemen", "koffie")]
    [InlineData("helpt b12 tegen hooikoorts af", "hooikoorts")]
    public async Task A_question_about_what_the_article_does_not_cover_names_it_and_offers_what_it_does(string question, string subject)
    {
        var replies = await new Conversation(bot).SendAsync(question);
        Conversation.Expect(
            replies,
            reply =>
            {
                var text = reply.AsMessageActivity().Text;
                Assert.Empty(Cited.Ids(reply));
                Assert.StartsWith($"Over {subject} staat niets in ons artikel.", text, StringComparison.Ordinal);
                Assert.Contains(Replies.Covered, text, StringComparison.Ordinal);
                Assert.Contains(Replies.StartWalkthrough, Cited.ButtonTitles(reply));
            });
    }

    [Theory]
    [InlineData("werkt b12 sneller")]
    [InlineData("mijn b12 blijft laag")]
    public async Task A_word_that_says_how_or_when_is_never_named_as_what_the_article_does_not_cover(string question)
    {
        var replies = await new Conversation(bot).SendAsync(question);
        Conversation.Expect(
            replies,
            reply =>
            {
                Assert.Empty(Cited.Ids(reply));
                Assert.DoesNotContain("staat niets in ons artikel", reply.AsMessageActivity().Text, StringComparison.Ordinal);
                Assert.Contains("staat niet in mijn informatie", reply.AsMessageActivity().Text, StringComparison.Ordinal);
            });
    }

    [Fact]
    public async Task A_question_in_English_the_article_answers_gets_the_Dutch_answer_under_a_short_English_note()
    {
        var replies = await new Conversation(bot).SendAsync("How is a B12 deficiency diagnosed?");
        Conversation.Expect(
            replies,
            reply =>
            {
                Assert.StartsWith(Replies.InDutch, reply.AsMessageActivity().Text, StringComparison.Ordinal);
                Assert.Equal("faq-03", Cited.Top(reply));
            });
    }

    [Fact]
    public async Task A_question_in_English_the_article_does_not_answer_gets_a_short_English_reply_with_the_Dutch_topics()
    {
        var replies = await new Conversation(bot).SendAsync("Where can I buy cheap vitamin pills online?");
        Conversation.Expect(
            replies,
            reply =>
            {
                Assert.Equal(Replies.OnlyDutch, reply.AsMessageActivity().Text);
                Assert.Empty(Cited.Ids(reply));
                Assert.Contains(Replies.StartWalkthrough, Cited.ButtonTitles(reply));
            });
    }

    [Theory]
    [InlineData("hallo", "Welkom")]
    [InlineData("Goedemorgen!", "Welkom")]
    [InlineData("bedankt!", "Graag gedaan")]
    [InlineData("Wie ben jij?", "Ik ben B12Bot")]
    [InlineData("wat kun je?", "Ik kan vragen beantwoorden")]
    [InlineData("help", "Ik kan vragen beantwoorden")]
    [InlineData("doei", "Tot ziens")]
    public async Task Small_talk_gets_a_friendly_reply_without_citation(string message, string expected)
    {
        var replies = await new Conversation(bot, "webchat").SendAsync(message);
        Conversation.Expect(
            replies,
            reply =>
            {
                Assert.Contains(expected, reply.AsMessageActivity().Text, StringComparison.Ordinal);
                Assert.Empty(Cited.Ids(reply));
            });
    }

    [Theory]
    [InlineData("Ik kan sinds vanochtend ineens niet meer goed lopen")]
    [InlineData("mijn moeder is erg verward en heeft een laag b12")]
    [InlineData("ik heb plotseling een gevoelloos been, komt dat door b12?")]
    public async Task Red_flag_symptoms_get_urgent_advice_before_anything_else(string message)
    {
        var replies = await new Conversation(bot, "webchat").SendAsync(message);
        Conversation.Expect(
            replies,
            reply =>
            {
                var text = reply.AsMessageActivity().Text;
                Assert.Contains("huisarts", text, StringComparison.Ordinal);
                Assert.Contains("112", text, StringComparison.Ordinal);
                Assert.Empty(Cited.Ids(reply));
            },
            reply => Assert.Equal(ActivityTypes.Message, reply.Type));
    }

    [Fact]
    public async Task A_message_without_text_is_answered_politely()
    {
        var photo = MessageFactory.Attachment(new Attachment("image/png", "https://example.org/foto.png"));
        var replies = await new Conversation(bot, "webchat").SendAsync(photo);
        Conversation.Expect(
            replies,
            reply => Assert.Contains("alleen tekstberichten", reply.AsMessageActivity().Text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_very_long_message_is_refused_politely()
    {
        var replies = await new Conversation(bot, "webchat").SendAsync(new string('b', 5000));
        Conversation.Expect(
            replies,
            reply => Assert.Contains("te lang", reply.AsMessageActivity().Text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Speaking_about_oneself_adds_that_the_answer_is_no_diagnosis()
    {
        var replies = await new Conversation(bot, "webchat").SendAsync("Ik ben veganist, kan ik daardoor een B12-tekort krijgen?");
        Conversation.Expect(
            replies,
            reply =>
            {
                Assert.NotEmpty(Cited.Ids(reply));
                Assert.Contains("geen diagnose", reply.AsMessageActivity().Text, StringComparison.Ordinal);
            });
    }

    [Theory]
    [InlineData("Kun je mij helpen uitzoeken waarom mijn B12 laag is?")]
    [InlineData("help me de oorzaak van mijn tekort te vinden")]
    [InlineData("Wil je met me meedenken waarom mijn B12 zo laag is?")]
    [InlineData("kunt u helpen achterhalen waardoor ik een b12 tekort heb")]
    public async Task A_request_for_help_with_ones_own_low_B12_starts_the_walkthrough_without_an_answer_first(string request)
    {
        var replies = await new Conversation(bot, "webchat").SendAsync(request);
        Conversation.Expect(
            replies,
            reply =>
            {
                Assert.Empty(Cited.Ids(reply));
                Assert.Contains("geen diagnose", reply.AsMessageActivity().Text, StringComparison.Ordinal);
            },
            reply => Assert.Equal("Hoe eet u meestal?", reply.AsMessageActivity().Text));
    }

    [Theory]
    [InlineData("Mijn B12 is te laag, wat kan daar de oorzaak van zijn?")]
    [InlineData("Mijn huisarts zegt dat mijn B12 te laag is. Hoe kan dat?")]
    public async Task A_personal_why_question_gets_the_articles_answer_about_causes_and_then_the_walkthrough(string question)
    {
        var replies = await new Conversation(bot, "webchat").SendAsync(question);
        Conversation.Expect(
            replies,
            reply =>
            {
                Assert.Equal("faq-01", Cited.Top(reply));
                Assert.Empty(Cited.ButtonTitles(reply));
            },
            reply => Assert.Contains("geen diagnose", reply.AsMessageActivity().Text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_start_button_starts_the_walkthrough_without_an_answer_first()
    {
        var replies = await new Conversation(bot, "webchat").SendAsync(Replies.StartWalkthrough);
        Conversation.Expect(
            replies,
            reply =>
            {
                Assert.Empty(Cited.Ids(reply));
                Assert.Contains("geen diagnose", reply.AsMessageActivity().Text, StringComparison.Ordinal);
            });
    }

    [Theory]
    [InlineData("ik ben de laatste tijd zo moe, zou dat door een b12 tekort kunnen komen")]
    [InlineData("mijn b12 is te laag en ik ben altijd moe, kan dat daardoor komen")]
    [InlineData("Mijn B12 is laag. Ik ben heel moe. Komt dat door het tekort?")]
    [InlineData("mijn b12 is te laag en ik eet geen vlees wat kan ik daar best tegen eten")]
    [InlineData("ik eet nooit vis of vlees, kom ik dan b12 tekort")]
    [InlineData("heb ik na een gastric bypass meer kans op b12 tekort")]
    public async Task A_complaint_told_with_a_question_the_article_answers_gets_that_answer_first_then_the_walkthrough_with_it_noted(string message)
    {
        var replies = await new Conversation(bot).SendAsync(message);

        Assert.NotNull(Cited.Top(replies[0]));
        Assert.Contains(replies, r => r.Text?.StartsWith("Genoteerd:", StringComparison.Ordinal) == true);
        Assert.NotEmpty(Cited.ButtonTitles(replies[^1]));
    }

    [Theory]
    [InlineData("Hoi, mijn B12 is te laag. Ik ben 70 en heb een maagverkleining gehad.")]
    [InlineData("mijn b12 is te laag, ik eet geen vlees en slik omeprazol")]
    public async Task Own_low_B12_told_without_a_question_starts_the_walkthrough_without_an_article_answer(string message)
    {
        var replies = await new Conversation(bot).SendAsync(message);

        Assert.DoesNotContain(replies, r => Cited.Top(r) is not null);
        Assert.Contains(replies, r => r.Text?.StartsWith("Genoteerd:", StringComparison.Ordinal) == true);
    }
}
