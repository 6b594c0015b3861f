using B12Bot.Dialogs;
using B12Bot.Tests.Testing;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace B12Bot.Tests.Walkthrough;

/// <summary>The "Samenvatting voor uw huisarts" the result offers: made from what its button carries, stored nowhere.</summary>
public sealed class GpSummaryTests(BotHost host) : IClassFixture<BotHost>
{
    [Theory]
    [InlineData("directline")]
    [InlineData("msteams")]
    public async Task The_result_offers_a_summary_with_the_answers_the_causes_with_why_and_citations_what_to_discuss_and_no_diagnosis(string channel)
    {
        var chat = new Conversation(host.Bot, channel);
        await chat.SendAsync("Waarom is mijn B12 laag? Ik ben 70 en slik omeprazol.");
        foreach (var answer in new[] { "veganist", "nee", "nee", "nee", "nee", "nee", "moe", "nee", "klopt" })
        {
            await chat.SendAsync(answer);
        }

        Assert.Equal([GpSummary.ButtonTitle], Cited.ButtonTitles(chat.Last[^1]));
        var storedBefore = ((B12Bot.Storage.MemoryStateStorage)chat.Storage).GetStoredJson(chat.Key);

        var summary = Assert.Single(await chat.PressAsync(GpSummary.ButtonTitle)).Text!;

        Assert.StartsWith("**Samenvatting voor uw huisarts**", summary, StringComparison.Ordinal);
        Assert.Contains("Dit is geen diagnose.", summary, StringComparison.Ordinal);
        Assert.Contains("- Eten: Veganistisch", summary, StringComparison.Ordinal);
        Assert.Contains("- Leeftijd: 65 jaar of ouder", summary, StringComparison.Ordinal);
        Assert.Contains("- Medicijnen: Maagzuurremmer (zoals omeprazol)", summary, StringComparison.Ordinal);
        Assert.Contains("- Klachten: Vermoeidheid", summary, StringComparison.Ordinal);

        // The causes that fit, most likely first, each with why and its citation marker.
        var medicines = summary.IndexOf("1. Bijwerking van medicijnen [", StringComparison.Ordinal);
        var diet = summary.IndexOf("2. Weinig of geen B12 uit voeding [", StringComparison.Ordinal);
        var age = summary.IndexOf("3. Minder maagzuur op oudere leeftijd [", StringComparison.Ordinal);
        Assert.True(medicines > 0 && diet > medicines && age > diet, summary);
        Assert.Contains("U gaf aan dat u veganistisch eet", summary, StringComparison.Ordinal);
        Assert.Contains(chat.Rules.Ending.Tests.Text, summary, StringComparison.Ordinal);
        Assert.Contains("U noemde vermoeidheid.", summary, StringComparison.Ordinal);
        Assert.Contains(chat.Rules.Ending.GpReminder, summary, StringComparison.Ordinal);
        Assert.Equal(["waarom-het-ertoe-doet", "faq-02", "faq-08", "faq-03", "auto-immuun"], Cited.Ids(chat.Last[0]));
        Assert.Contains("[2] ", summary, StringComparison.Ordinal);
        Assert.Contains("#faq-02", summary, StringComparison.Ordinal);

        // Nothing was stored for it.
        Assert.Equal(storedBefore, ((B12Bot.Storage.MemoryStateStorage)chat.Storage).GetStoredJson(chat.Key));
    }

    [Fact]
    public async Task The_title_typed_without_the_button_points_to_the_walkthrough()
    {
        var chat = new Conversation(host.Bot);

        var reply = Assert.Single(await chat.SendAsync(GpSummary.ButtonTitle));

        Assert.Contains("onder de uitkomst", reply.Text, StringComparison.Ordinal);
        Assert.Empty(Cited.Ids(reply));
    }

    [Fact]
    public async Task A_made_up_request_can_only_name_what_the_rules_know()
    {
        var chat = new Conversation(host.Bot);
        var value = JObject.Parse("""{"b12bot":"huisartssamenvatting","antwoorden":{"dieet":["veganistisch","<script>"],"onbekend":["x"],"leeftijd":"65-plus"}}""");

        var reply = Assert.Single(await chat.SendAsync(GpSummary.ButtonTitle, value));

        Assert.Contains("- Eten: Veganistisch", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("script", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("onbekend", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Leeftijd", reply.Text, StringComparison.Ordinal);
    }
}
