using B12Bot.Cards;
using Microsoft.Extensions.Configuration;
using B12Bot.Tests.Editors;
using B12Bot.Tests.Testing;
using Newtonsoft.Json.Linq;

namespace B12Bot.Tests.Cards;

/// <summary>
/// Reaching the pharmacist: the no-match reply, the red-flag advice (after the huisarts and 112) and the
/// walkthrough's result say how to reach the pharmacy when it is configured, and nothing when it is not.
/// </summary>
public sealed class PharmacyContactTests(EditorsAppFactory configured, BotAppFactory unconfigured)
    : IClassFixture<EditorsAppFactory>, IClassFixture<BotAppFactory>
{
    private const string Contact = "Wilt u iemand van Apotheek Testlaan spreken? Bel 010 - 765 43 21 (werkdagen 8.00 – 17.30 uur).";

    public static TheoryData<PharmacyOptions, string?> Sentences => new()
    {
        { new PharmacyOptions(), null },
        { new PharmacyOptions { Name = "Apotheek Zuid", OpeningHours = "altijd" }, null },
        { new PharmacyOptions { Phone = "020 123 4567" }, "Wilt u iemand van de apotheek spreken? Bel 020 123 4567." },
        { new PharmacyOptions { Name = "Apotheek Zuid", Url = "https://zuid.example.nl" }, "Wilt u iemand van Apotheek Zuid spreken? Kijk op https://zuid.example.nl." },
        { new PharmacyOptions { Name = "Apotheek Zuid", Phone = "020 123 4567", Url = "https://zuid.example.nl", OpeningHours = "ma–vr 8–18 uur" }, "Wilt u iemand van Apotheek Zuid spreken? Bel 020 123 4567 (ma–vr 8–18 uur) of kijk op https://zuid.example.nl." },
    };

    [Theory]
    [MemberData(nameof(Sentences))]
    public void The_contact_sentence_uses_what_is_configured(PharmacyOptions options, string? expected)
    {
        var contact = new PharmacyContact(options);

        Assert.Equal(expected, contact.Line);
        Assert.Equal(expected is null ? "tekst" : "tekst\n\n" + expected, contact.AppendTo("tekst"));
    }

    [Fact]
    public void The_demo_runs_with_a_demo_pharmacy()
    {
        var development = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(B12Bot.Tests.Deploy.DeployFiles.RepoRoot, "src", "Bot", "appsettings.Development.json"), optional: false)
            .Build();
        var options = new PharmacyOptions();
        development.GetSection(PharmacyOptions.SectionName).Bind(options);

        var line = new PharmacyContact(options).Line;

        Assert.NotNull(line);
        Assert.Contains(options.Name!, line, StringComparison.Ordinal);
        Assert.Contains(options.Phone!, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_no_match_reply_says_how_to_reach_the_pharmacy()
    {
        using var client = configured.CreateClient();
        var (_, replies) = await BotHttp.PostAsync(client, BotHttp.Message("Wat zijn jullie openingstijden op zondag?", "p-" + Guid.NewGuid().ToString("N")));

        var text = Assert.Single(BotHttp.Texts(replies));
        Assert.StartsWith("Dat staat niet in mijn informatie", text, StringComparison.Ordinal);
        Assert.EndsWith(Contact, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_red_flag_advice_names_the_pharmacy_after_the_huisarts_and_112()
    {
        using var client = configured.CreateClient();
        var (_, replies) = await BotHttp.PostAsync(client, BotHttp.Message("ik kan niet meer goed lopen, komt dat door B12?", "p-" + Guid.NewGuid().ToString("N")));

        var advice = BotHttp.Texts(replies).First();
        var huisarts = advice.IndexOf("huisarts", StringComparison.Ordinal);
        var emergency = advice.IndexOf("112", StringComparison.Ordinal);
        var pharmacy = advice.IndexOf(Contact, StringComparison.Ordinal);
        Assert.True(huisarts >= 0 && emergency >= 0 && pharmacy > huisarts && pharmacy > emergency, advice);
    }

    [Fact]
    public async Task The_walkthrough_result_says_how_to_reach_the_pharmacy()
    {
        using var client = configured.CreateClient();
        var conversation = "p-" + Guid.NewGuid().ToString("N");
        var (_, replies) = await BotHttp.PostAsync(client, BotHttp.Message(Replies.StartWalkthrough, conversation));
        for (var step = 0; step < 40 && !BotHttp.Texts(replies).Any(t => t.Contains("Alleen uw huisarts kan vaststellen", StringComparison.Ordinal)); step++)
        {
            var buttons = replies.Last()["suggestedActions"]?["actions"] as JArray;
            Assert.True(buttons is { Count: > 0 }, "The walkthrough stopped offering answers before its result.");
            (_, replies) = await BotHttp.PostAsync(client, BotHttp.Message((string?)buttons[0]["value"], conversation));
        }

        var ending = BotHttp.Texts(replies).Last();
        Assert.Contains("Alleen uw huisarts kan vaststellen", ending, StringComparison.Ordinal);
        Assert.EndsWith(Contact, ending, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_configured_pharmacy_nothing_is_added()
    {
        using var client = unconfigured.CreateClient();
        var (_, noMatch) = await BotHttp.PostAsync(client, BotHttp.Message("Wat zijn jullie openingstijden op zondag?", "p-" + Guid.NewGuid().ToString("N")));
        var (_, redFlag) = await BotHttp.PostAsync(client, BotHttp.Message("ik kan niet meer goed lopen", "p-" + Guid.NewGuid().ToString("N")));

        Assert.Equal(Replies.NoMatch, Assert.Single(BotHttp.Texts(noMatch)));
        Assert.DoesNotContain(BotHttp.Texts(redFlag), t => t.Contains("Wilt u iemand van", StringComparison.Ordinal));
    }
}
