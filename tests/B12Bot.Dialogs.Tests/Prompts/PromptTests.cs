using B12Bot.Dialogs.Choices;
using B12Bot.Dialogs.Tests.Testing;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace B12Bot.Dialogs.Tests.Prompts;

public class PromptTests
{
    private static readonly IList<Choice> Diet =
    [
        new Choice("Veganistisch") { Synonyms = ["vegan", "plantaardig"] },
        new Choice("Vegetarisch") { Synonyms = ["vegetariër", "geen vlees"] },
        new Choice("Ik eet alles") { Synonyms = ["alles"] },
    ];

    /// <summary>A root component: one waterfall that runs one prompt and reports what it got.</summary>
    private static ComponentDialog Asking(Dialog prompt, PromptOptions options)
    {
        return new ComponentDialog("root")
            .AddDialog(new WaterfallDialog("vraag")
                .AddStep((step, ct) => step.PromptAsync(prompt.Id, options, ct))
                .AddStep(async (step, ct) =>
                {
                    var said = step.Result switch
                    {
                        PromptFailedResult failed => $"Excuses, dat lukt zo niet ({failed.AttemptCount} pogingen). We stoppen hier.",
                        FoundChoice choice => $"Gekozen: {choice.Value}",
                        bool yes => yes ? "Antwoord: ja" : "Antwoord: nee",
                        _ => $"Antwoord: {step.Result}",
                    };
                    await step.Context.SendActivityAsync(said, cancellationToken: ct);
                    return await step.EndDialogAsync(step.Result, ct);
                }))
            .AddDialog(prompt);
    }

    private static PromptOptions Ask(string prompt, string? retry = null, IList<Choice>? choices = null, int? maxAttempts = null) => new()
    {
        Prompt = MessageFactory.Text(prompt),
        RetryPrompt = retry is null ? null : MessageFactory.Text(retry),
        Choices = choices,
        MaxAttempts = maxAttempts,
    };

    public static TheoryData<string, string[]> ConfirmConversations => new()
    {
        { "test", ["> start", "< Eet u vlees? [Ja|Nee]", "> jazeker", "< Antwoord: ja"] },
        { "test", ["> start", "< Eet u vlees? [Ja|Nee]", "> Nee hoor.", "< Antwoord: nee"] },
        { "test", ["> start", "< Eet u vlees? [Ja|Nee]", "> Nee", "< Antwoord: nee"] },
        { "test", ["> start", "< Eet u vlees? [Ja|Nee]", "> weet ik niet", "< Wilt u ja of nee antwoorden? [Ja|Nee]", "> klopt", "< Antwoord: ja"] },
        { "test", ["> start", "< Eet u vlees? [Ja|Nee]", "> banaan", "< Wilt u ja of nee antwoorden? [Ja|Nee]", "> zeker niet", "< Antwoord: nee"] },
        { "sms", ["> start", "< Eet u vlees? (1) Ja of (2) Nee", "> 2", "< Antwoord: nee"] },
        { "sms", ["> start", "< Eet u vlees? (1) Ja of (2) Nee", "> 1", "< Antwoord: ja"] },
        { "webchat", ["> start", "< Eet u vlees? [Ja|Nee]", "> Ja", "< Antwoord: ja"] },
    };

    [Theory]
    [MemberData(nameof(ConfirmConversations))]
    public async Task ConfirmPrompt_understands_Dutch_yes_and_no(string channel, string[] transcript)
    {
        var client = new DialogTestClient(channel, Asking(new ConfirmPrompt("bevestig"), Ask("Eet u vlees?", "Wilt u ja of nee antwoorden?")), storage: new JsonTextStorage());

        await TranscriptPlayer.PlayAsync(client, transcript);

        Assert.Equal(DialogTurnStatus.Complete, client.DialogTurnResult!.Status);
        Assert.IsType<bool>(client.DialogTurnResult.Result);
    }

    [Fact]
    public async Task The_prompt_sent_is_a_copy_so_sending_leaves_the_persisted_prompt_as_it_was()
    {
        var question = MessageFactory.Text("Hoe heet u?");
        question.Speak = "Hoe heet u?";
        question.Entities = [new Entity("bron")];
        var client = new DialogTestClient("test", Asking(new TextPrompt("naam"), new PromptOptions { Prompt = question }));

        var reply = await client.SendActivityAsync<IMessageActivity>("start");

        Assert.Equal("Hoe heet u?", reply!.Text);
        Assert.Equal("Hoe heet u?", reply.Speak);
        Assert.Equal("bron", Assert.Single(reply.Entities).Type);
        Assert.Equal(InputHints.ExpectingInput, reply.InputHint);
        Assert.NotNull(reply.Conversation);

        // Sending addressed and marked the copy only.
        Assert.Null(question.Conversation);
        Assert.Null(question.Recipient);
        Assert.Equal(InputHints.AcceptingInput, question.InputHint);
        Assert.NotSame(question.Entities, reply.Entities);
    }

    [Fact]
    public async Task ConfirmPrompt_in_a_Teams_channel_shows_a_hero_card()
    {
        var client = new DialogTestClient("msteams", Asking(new ConfirmPrompt("bevestig"), Ask("Eet u vlees?")), conversationType: "channel");

        var reply = await client.SendActivityAsync<IMessageActivity>("start");

        Assert.Equal("Eet u vlees?", Assert.IsType<HeroCard>(reply!.Attachments.Single().Content).Text);
        Assert.Equal(["Ja", "Nee"], TranscriptPlayer.ButtonTitles(reply));
    }

    public static TheoryData<string, string[]> ChoiceConversations => new()
    {
        { "test", ["> start", "< Wat eet u? [Veganistisch|Vegetarisch|Ik eet alles]", "> ik ben vegan", "< Gekozen: Veganistisch"] },
        { "test", ["> start", "< Wat eet u? [Veganistisch|Vegetarisch|Ik eet alles]", "> de tweede", "< Gekozen: Vegetarisch"] },
        { "test", ["> start", "< Wat eet u? [Veganistisch|Vegetarisch|Ik eet alles]", "> laatste", "< Gekozen: Ik eet alles"] },
        { "test", ["> start", "< Wat eet u? [Veganistisch|Vegetarisch|Ik eet alles]", "> vegatarisch", "< Gekozen: Vegetarisch"] },
        {
            "test",
            [
                "> start", "< Wat eet u? [Veganistisch|Vegetarisch|Ik eet alles]",
                "> pizza", "< Kiest u een van de knoppen, of typ het nummer. [Veganistisch|Vegetarisch|Ik eet alles]",
                "> 3", "< Gekozen: Ik eet alles",
            ]
        },
        { "sms", ["> start", "< Wat eet u? (1) Veganistisch, (2) Vegetarisch of (3) Ik eet alles", "> 1", "< Gekozen: Veganistisch"] },
    };

    [Theory]
    [MemberData(nameof(ChoiceConversations))]
    public async Task ChoicePrompt_recognises_titles_synonyms_positions_and_typos(string channel, string[] transcript)
    {
        var options = Ask("Wat eet u?", "Kiest u een van de knoppen, of typ het nummer.", Diet);
        var client = new DialogTestClient(channel, Asking(new ChoicePrompt("dieet"), options), storage: new JsonTextStorage());

        await TranscriptPlayer.PlayAsync(client, transcript);

        Assert.Equal(DialogTurnStatus.Complete, client.DialogTurnResult!.Status);
        Assert.IsType<FoundChoice>(client.DialogTurnResult.Result);
    }

    [Fact]
    public async Task Without_a_retry_prompt_the_prompt_itself_is_repeated()
    {
        var client = new DialogTestClient("test", Asking(new ChoicePrompt("dieet"), Ask("Wat eet u?", choices: Diet)));

        await TranscriptPlayer.PlayAsync(
            client,
            "> start",
            "< Wat eet u? [Veganistisch|Vegetarisch|Ik eet alles]",
            "> ?",
            "< Wat eet u? [Veganistisch|Vegetarisch|Ik eet alles]");
    }

    [Fact]
    public async Task After_max_attempts_the_prompt_gives_up_so_the_caller_can_apologise_and_stop()
    {
        var client = new DialogTestClient("test", Asking(new ConfirmPrompt("bevestig"), Ask("Eet u vlees?", "Ja of nee?", maxAttempts: 3)));

        await TranscriptPlayer.PlayAsync(
            client,
            "> start",
            "< Eet u vlees? [Ja|Nee]",
            "> hmm",
            "< Ja of nee? [Ja|Nee]",
            "> wat bedoelt u",
            "< Ja of nee? [Ja|Nee]",
            "> geen idee",
            "< Excuses, dat lukt zo niet (3 pogingen). We stoppen hier.");

        var failed = Assert.IsType<PromptFailedResult>(client.DialogTurnResult!.Result);
        Assert.Equal("bevestig", failed.PromptId);
        Assert.Equal(DialogTurnStatus.Complete, client.DialogTurnResult.Status);
    }

    [Fact]
    public async Task A_good_answer_on_the_last_allowed_attempt_still_counts()
    {
        var client = new DialogTestClient("test", Asking(new ConfirmPrompt("bevestig"), Ask("Eet u vlees?", "Ja of nee?", maxAttempts: 2)));

        await TranscriptPlayer.PlayAsync(client, "> start", "< Eet u vlees? [Ja|Nee]", "> hmm", "< Ja of nee? [Ja|Nee]", "> ja", "< Antwoord: ja");
    }

    [Fact]
    public async Task A_validator_sees_the_attempt_count_and_its_own_reply_replaces_the_retry_prompt()
    {
        var seen = new List<int>();
        var prompt = new TextPrompt("naam", async (context, ct) =>
        {
            seen.Add(context.AttemptCount);
            if (context.Recognized.Succeeded && context.Recognized.Value!.Trim().Length >= 2)
            {
                return true;
            }

            if (context.AttemptCount >= 2)
            {
                await context.Context.SendActivityAsync($"Poging {context.AttemptCount}: een naam heeft minstens twee letters.", cancellationToken: ct);
            }

            return false;
        });
        var client = new DialogTestClient("test", Asking(prompt, Ask("Hoe heet u?", "Uw naam alstublieft?")), storage: new JsonTextStorage(JsonReadMode.SystemTextJson));

        await TranscriptPlayer.PlayAsync(
            client,
            "> start",
            "< Hoe heet u?",
            "> A",
            "< Uw naam alstublieft?",
            "> B",
            "< Poging 2: een naam heeft minstens twee letters.",
            "> Bo",
            "< Antwoord: Bo");

        Assert.Equal([1, 2, 3], seen);
    }

    [Fact]
    public async Task A_validator_can_end_early_on_the_last_attempt()
    {
        var prompt = new TextPrompt("code", (context, ct) => Task.FromResult(context.Recognized.Value == "B12"));
        var client = new DialogTestClient("test", Asking(prompt, Ask("Code?", maxAttempts: 2)));
        var lastFlags = new List<bool>();
        var watching = new TextPrompt("code2", (context, ct) =>
        {
            lastFlags.Add(context.IsLastAttempt);
            return Task.FromResult(false);
        });
        var watched = new DialogTestClient("test", Asking(watching, Ask("Code?", maxAttempts: 2)));

        await TranscriptPlayer.PlayAsync(client, "> start", "< Code?", "> b11", "< Code?", "> b12", "< Excuses, dat lukt zo niet (2 pogingen). We stoppen hier.");
        await TranscriptPlayer.PlayAsync(watched, "> start", "< Code?", "> x", "< Code?", "> y", "< Excuses, dat lukt zo niet (2 pogingen). We stoppen hier.");

        Assert.Equal([false, true], lastFlags);
    }

    [Fact]
    public async Task TextPrompt_returns_the_text_and_asks_again_for_an_empty_message()
    {
        var client = new DialogTestClient("test", Asking(new TextPrompt("vrij"), Ask("Waar gaat het om?")));
        await client.SendActivityAsync<IMessageActivity>("start");

        var empty = client.Adapter.MakeActivity(string.Empty);
        var retry = await client.SendActivityAsync<IMessageActivity>(empty);
        var answer = await client.SendActivityAsync<IMessageActivity>("Mijn B12 is laag");

        Assert.Equal("Waar gaat het om?", retry!.Text);
        Assert.Equal("Antwoord: Mijn B12 is laag", answer!.Text);
    }

    [Fact]
    public async Task Prompts_are_sent_with_input_hint_expectingInput()
    {
        foreach (var (prompt, options) in new (Dialog, PromptOptions)[]
        {
            (new TextPrompt("t"), Ask("Tekst?")),
            (new ConfirmPrompt("c"), Ask("Ja of nee?")),
            (new ChoicePrompt("k"), Ask("Kies.", choices: Diet)),
        })
        {
            foreach (var channel in new[] { "test", "sms" })
            {
                var client = new DialogTestClient(channel, Asking(prompt, options));

                var reply = await client.SendActivityAsync<IMessageActivity>("start");

                Assert.Equal(InputHints.ExpectingInput, reply!.InputHint);
            }
        }
    }

    [Fact]
    public async Task Non_message_activities_are_not_counted_as_answers()
    {
        var counts = new List<int>();
        var prompt = new TextPrompt("t", (context, ct) =>
        {
            counts.Add(context.AttemptCount);
            return Task.FromResult(true);
        });
        var client = new DialogTestClient("test", Asking(prompt, Ask("Tekst?")));
        await client.SendActivityAsync<IMessageActivity>("start");

        var typing = client.Adapter.MakeActivity();
        typing.Type = ActivityTypes.Typing;
        Assert.Null(await client.SendActivityAsync<IMessageActivity>(typing));
        Assert.Equal(DialogTurnStatus.Waiting, client.DialogTurnResult!.Status);

        await client.SendActivityAsync<IMessageActivity>("iets");
        Assert.Equal([1], counts);
    }

    [Fact]
    public async Task A_prompt_must_be_started_with_PromptOptions()
    {
        var dialog = new ComponentDialog("root")
            .AddDialog(new WaterfallDialog("w").AddStep((step, ct) => step.BeginDialogAsync("t", "geen opties", ct)))
            .AddDialog(new TextPrompt("t"));
        var client = new DialogTestClient("test", dialog);

        await Assert.ThrowsAsync<ArgumentException>(() => client.SendActivityAsync<IMessageActivity>("start"));
    }

    [Fact]
    public async Task The_prompt_options_activity_is_not_changed_by_sending()
    {
        var options = Ask("Tekst?");
        var hintBefore = options.Prompt!.InputHint;
        var client = new DialogTestClient("test", Asking(new TextPrompt("t"), options));

        var reply = await client.SendActivityAsync<IMessageActivity>("start");

        Assert.NotNull(reply!.Conversation);
        Assert.Null(options.Prompt.Conversation);
        Assert.Equal(hintBefore, options.Prompt.InputHint);
    }

    [Fact]
    public async Task A_dialog_begun_on_top_of_a_prompt_resumes_it_and_the_question_is_asked_again()
    {
        var component = new QuestionAnsweringComponent();
        var client = new DialogTestClient("test", component, storage: new JsonTextStorage());

        await TranscriptPlayer.PlayAsync(
            client,
            "> start",
            "< Eet u vlees? [Ja|Nee]",
            "> wat is B12?",
            "< B12 is een vitamine.",
            "< Eet u vlees? [Ja|Nee]",
            "> nee",
            "< Antwoord: nee");
    }

    /// <summary>A question typed during a prompt is answered by a small dialog begun on top of the prompt.</summary>
    private sealed class QuestionAnsweringComponent : ComponentDialog
    {
        public QuestionAnsweringComponent()
            : base("qa")
        {
            AddDialog(new WaterfallDialog("vraag")
                .AddStep((step, ct) => step.PromptAsync("bevestig", Ask("Eet u vlees?"), ct))
                .AddStep(async (step, ct) =>
                {
                    await step.Context.SendActivityAsync((bool)step.Result! ? "Antwoord: ja" : "Antwoord: nee", cancellationToken: ct);
                    return await step.EndDialogAsync(step.Result, ct);
                }));
            AddDialog(new ConfirmPrompt("bevestig"));
            AddDialog(new WaterfallDialog("uitleg")
                .AddStep(async (step, ct) =>
                {
                    await step.Context.SendActivityAsync("B12 is een vitamine.", cancellationToken: ct);
                    return await step.EndDialogAsync(null, ct);
                }));
        }

        protected override async Task<DialogTurnResult> OnContinueDialogAsync(DialogContext innerDc, CancellationToken cancellationToken = default)
        {
            if (innerDc.Context.Activity.Text?.TrimEnd().EndsWith('?') == true)
            {
                return await innerDc.BeginDialogAsync("uitleg", null, cancellationToken);
            }

            return await base.OnContinueDialogAsync(innerDc, cancellationToken);
        }
    }
}
