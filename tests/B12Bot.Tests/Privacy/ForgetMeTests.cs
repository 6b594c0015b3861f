using B12Bot.Privacy;
using B12Bot.Storage;
using B12Bot.Tests.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Newtonsoft.Json.Linq;

namespace B12Bot.Tests.Privacy;

/// <summary>
/// "vergeet mij" in every channel removes the conversation and user state and everything the registered erasers
/// keep, and the reply names exactly what was removed (and what could not be, without claiming it was).
/// </summary>
public sealed class ForgetMeTests
{
    public static TheoryData<string, string> Channels => new()
    {
        { "webchat", "vergeet mij" },
        { "directline", "Verwijder mijn gegevens" },
        { "msteams", "<at>B12Bot</at> vergeet mij" },
        { "emulator", "wis ons gesprek" },
    };

    [Theory]
    [MemberData(nameof(Channels))]
    public async Task Forget_me_removes_state_and_every_erasers_data_and_the_reply_names_what_was_removed(string channel, string request)
    {
        var transcript = new RecordingEraser("het gesprek in de chat");
        var feedback = new RecordingEraser("uw beoordelingen");
        await using var factory = new BotAppFactory().WithWebHostBuilder(b => b.ConfigureTestServices(services =>
        {
            // Only the recording erasers: the reply must name exactly theirs.
            services.RemoveAll<IPersonalDataEraser>();
            services.AddSingleton<IPersonalDataEraser>(transcript);
            services.AddSingleton<IPersonalDataEraser>(feedback);
        }));
        using var client = factory.CreateClient();
        var store = (MemoryStateStorage)factory.Services.GetRequiredService<IConcurrencyAwareStorage>();
        var conversation = "forget-" + Guid.NewGuid().ToString("N");
        const string user = "person-forget";

        await BotHttp.PostAsync(client, BotHttp.Message("waarom is mijn B12 laag?", conversation, channel, user));
        await store.WriteIfMatchAsync(StateKeys.User(channel, user), new JObject { ["gezien"] = true }, "*");
        Assert.NotNull(store.GetStoredJson(StateKeys.Conversation(channel, conversation)));

        var forget = BotHttp.Message(request, conversation, channel, user);
        if (request.StartsWith("<at>", StringComparison.Ordinal))
        {
            // A Teams channel message @mentions the bot; the mention is removed before the text is read.
            forget["entities"] = new JArray(new JObject
            {
                ["type"] = "mention",
                ["text"] = "<at>B12Bot</at>",
                ["mentioned"] = new JObject { ["id"] = "b12bot", ["name"] = "B12Bot" },
            });
        }

        var (response, replies) = await BotHttp.PostAsync(client, forget);

        response.EnsureSuccessStatusCode();
        var text = Assert.Single(BotHttp.Texts(replies));
        Assert.Equal(
            $"Ik heb verwijderd wat ik over u en ons gesprek bewaarde: {ForgetMe.BotStatePhrase}, het gesprek in de chat en uw beoordelingen. "
            + "Als u mij weer iets vraagt, begin ik opnieuw.",
            text);
        Assert.Null(store.GetStoredJson(StateKeys.Conversation(channel, conversation)));
        Assert.Null(store.GetStoredJson(StateKeys.User(channel, user)));
        var owner = new PersonalDataOwner(channel, conversation, user, (string?)forget["id"]);
        Assert.Equal([owner], transcript.Erased);
        Assert.Equal([owner], feedback.Erased);
    }

    [Fact]
    public async Task An_eraser_that_fails_is_named_as_not_removed_and_the_others_still_run()
    {
        var broken = new RecordingEraser("het gesprek in de chat", fail: true);
        var feedback = new RecordingEraser("uw beoordelingen");
        await using var factory = new BotAppFactory().WithWebHostBuilder(b => b.ConfigureTestServices(services =>
        {
            services.RemoveAll<IPersonalDataEraser>();
            services.AddSingleton<IPersonalDataEraser>(broken);
            services.AddSingleton<IPersonalDataEraser>(feedback);
        }));
        using var client = factory.CreateClient();

        var (response, replies) = await BotHttp.PostAsync(client, BotHttp.Message("vergeet mij", "forget-" + Guid.NewGuid().ToString("N")));

        response.EnsureSuccessStatusCode();
        var text = Assert.Single(BotHttp.Texts(replies));
        Assert.StartsWith($"Ik heb verwijderd wat ik over u en ons gesprek bewaarde: {ForgetMe.BotStatePhrase} en uw beoordelingen.", text, StringComparison.Ordinal);
        Assert.Contains("Niet gelukt is het verwijderen van het gesprek in de chat", text, StringComparison.Ordinal);
        Assert.Single(feedback.Erased);
    }

    private sealed class RecordingEraser(string what, bool fail = false) : IPersonalDataEraser
    {
        public List<PersonalDataOwner> Erased { get; } = [];

        public string? What => what;

        public Task EraseAsync(PersonalDataOwner owner, CancellationToken cancellationToken)
        {
            if (fail)
            {
                throw new IOException("store unavailable");
            }

            Erased.Add(owner);
            return Task.CompletedTask;
        }
    }
}
