using System.Net;
using System.Text;
using B12Bot.Tests.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Newtonsoft.Json.Linq;

namespace B12Bot.Tests.Http;

/// <summary>The real app over HTTP: POST /api/messages with deliveryMode expectReplies, as ask.py does.</summary>
public sealed class MessagesEndpointTests(BotAppFactory factory) : IClassFixture<BotAppFactory>
{
    [Fact]
    public async Task Healthz_answers_ok()
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_question_gets_its_answer_and_citation_in_the_response_body()
    {
        using var client = factory.CreateClient();
        var (response, activities) = await BotHttp.PostAsync(client, BotHttp.Message("Welke producten zijn rijk aan B12?", "http-1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(activities);
        var entity = (JObject)reply["entities"]![0]!;
        Assert.Equal("https://schema.org/Message", (string?)entity["type"]);
        Assert.Equal("Message", (string?)entity["@type"]);
        Assert.Equal("https://schema.org", (string?)entity["@context"]);
        Assert.EndsWith("#faq-09", (string?)entity["citation"]![0]!["appearance"]!["url"], StringComparison.Ordinal);
        Assert.Equal("Claim", (string?)entity["citation"]![0]!["@type"]);
    }

    public static TheoryData<string, string, HttpStatusCode> BadRequests => new()
    {
        { "malformed JSON", "{\"type\": \"message\", ", HttpStatusCode.BadRequest },
        { "no type", """{"text":"hallo","channelId":"webchat","from":{"id":"u"},"conversation":{"id":"c"},"serviceUrl":"http://127.0.0.1:9/"}""", HttpStatusCode.BadRequest },
        { "not an object", "[1,2,3]", HttpStatusCode.BadRequest },
        { "empty body", "", HttpStatusCode.BadRequest },
        { "no conversation", """{"type":"message","text":"hallo","channelId":"webchat","from":{"id":"u"},"serviceUrl":"http://127.0.0.1:9/"}""", HttpStatusCode.BadRequest },
        { "no from", """{"type":"message","text":"hallo","channelId":"webchat","conversation":{"id":"c"},"serviceUrl":"http://127.0.0.1:9/"}""", HttpStatusCode.BadRequest },
        { "no serviceUrl", """{"type":"message","text":"hallo","channelId":"webchat","from":{"id":"u"},"conversation":{"id":"c"}}""", HttpStatusCode.BadRequest },
        { "relative serviceUrl", """{"type":"message","text":"hallo","channelId":"webchat","from":{"id":"u"},"conversation":{"id":"c"},"serviceUrl":"/relative"}""", HttpStatusCode.BadRequest },
        { "foreign serviceUrl without auth", """{"type":"message","text":"hallo","channelId":"webchat","from":{"id":"u"},"conversation":{"id":"c"},"serviceUrl":"http://198.51.100.7/"}""", HttpStatusCode.BadRequest },
        { "unknown deliveryMode", """{"type":"message","text":"hallo","channelId":"webchat","from":{"id":"u"},"conversation":{"id":"c"},"serviceUrl":"http://127.0.0.1:9/","deliveryMode":"teleport"}""", HttpStatusCode.BadRequest },
        { "text not a string", """{"type":"message","text":{"a":1},"channelId":"webchat","from":{"id":"u"},"conversation":{"id":"c"},"serviceUrl":"http://127.0.0.1:9/","deliveryMode":"expectReplies"}""", HttpStatusCode.BadRequest },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task A_malformed_request_gets_a_4xx_and_the_bot_answers_normally_afterwards(string why, string body, HttpStatusCode expected)
    {
        using var client = factory.CreateClient();
        var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), BotHttp.Json(body));
        Assert.True(expected == response.StatusCode, why);

        var (after, activities) = await BotHttp.PostAsync(client, BotHttp.Message("Welke producten zijn rijk aan B12?", "after-" + Guid.NewGuid()));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal("faq-09", Cited.Top(activities));
    }

    [Fact]
    public async Task Wrong_content_type_is_415()
    {
        using var client = factory.CreateClient();
        var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative),
            new StringContent(BotHttp.Message("hallo", "ct").ToString(), Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Invalid_utf8_is_400()
    {
        using var client = factory.CreateClient();
        var json = Encoding.UTF8.GetBytes(BotHttp.Message("XX", "utf8").ToString());
        var at = Array.IndexOf(json, (byte)'X');
        json[at] = 0xC3;
        json[at + 1] = 0x28;
        using var content = new ByteArrayContent(json);
        content.Headers.ContentType = new("application/json");
        var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_megabyte_of_text_is_413()
    {
        using var client = factory.CreateClient();
        var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative),
            BotHttp.Json(BotHttp.Message(new string('a', 1024 * 1024), "big").ToString()));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Get_on_the_messages_endpoint_is_405()
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync(new Uri("/api/messages", UriKind.Relative));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Theory]
    [InlineData("is het beter om b12 voor of na het ontbijt te nemen?", null)]
    [InlineData("moet ik mijn b12 tablet op een nuchtere maag nemen?", null)]
    [InlineData("categorie:voeding vraag:welke producten bevatten b12", "faq-09")]
    [InlineData("onderwerp:vegan b12 tekort", "faq-02")]
    public async Task When_to_take_b12_is_not_answered_and_a_search_field_is_read_as_its_words(string question, string? cited)
    {
        await AssertCitation(question, cited);
    }

    [Theory]
    [InlineData("mijn b12 staat te hoog in mijn bloed, wat betekent dat?", null)]
    [InlineData("is een te hoge dosis b12 gevaarlijk?", "faq-10")]
    public async Task A_value_too_high_is_not_answered_as_taking_too_much_and_a_dose_too_high_is(string question, string? cited)
    {
        await AssertCitation(question, cited);
    }

    /// <summary>Over HTTP through the real adapter: the one citation the reply carries, or none and the not-covered reply.</summary>
    private async Task AssertCitation(string question, string? cited)
    {
        using var client = factory.CreateClient();
        var (response, activities) = await BotHttp.PostAsync(client, BotHttp.Message(question, "cited-" + Guid.NewGuid()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var citations = activities
            .SelectMany(a => a["entities"] as JArray ?? [])
            .SelectMany(e => e["citation"] as JArray ?? [])
            .Select(c => (string?)c["appearance"]?["url"] ?? string.Empty)
            .ToList();
        if (cited is null)
        {
            Assert.Empty(citations);
            Assert.Contains(BotHttp.Texts(activities), t => t.Contains("staat niet in mijn informatie", StringComparison.Ordinal));
        }
        else
        {
            Assert.EndsWith("#" + cited, Assert.Single(citations), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("AND (")]
    [InlineData("b12?")]
    [InlineData("\"")]
    [InlineData("*")]
    [InlineData("b12 (tekort) AND vegan* OR \"pernicieus\"~2 NOT [a TO z] ^3 \\ /regex/")]
    [InlineData("   ")]
    public async Task Lucene_syntax_gets_a_polite_answer_not_a_500(string text)
    {
        using var client = factory.CreateClient();
        var (response, activities) = await BotHttp.PostAsync(client, BotHttp.Message(text, "lucene-" + Guid.NewGuid()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(BotHttp.Texts(activities), t => t.Length > 0);
    }
}
