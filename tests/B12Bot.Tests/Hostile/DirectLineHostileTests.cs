using System.Net;
using System.Net.Http.Headers;
using System.Text;
using B12Bot.Tests.DirectLine;
using B12Bot.Tests.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace B12Bot.Tests.Hostile;

/// <summary>
/// Hostile activities through the bot's own Direct Line endpoint (what Web Chat talks to): each is refused with a
/// 4xx or accepted and answered without an error in the log, and the conversation answers normally afterwards.
/// </summary>
public sealed class DirectLineHostileTests(DirectLineHostileTests.Site site) : IClassFixture<DirectLineHostileTests.Site>
{
    /// <summary>The Direct Line test site with every log entry captured.</summary>
    public sealed class Site : DirectLineSite
    {
        public LogCapture Logs { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<ILoggerProvider>(Logs));
        }
    }

    public static TheoryData<string, string> Activities => new()
    {
        { "entities hold null", """{"type":"message","text":"Wat is vitamine B12?","from":{"id":"u"},"entities":[null]}""" },
        { "mention without mentioned", """{"type":"message","text":"Wat is vitamine B12?","from":{"id":"u"},"entities":[{"type":"mention","text":"<at>x</at>"}]}""" },
        { "lone surrogate in the text", """{"type":"message","text":"B12 \ud800 tekort","from":{"id":"u"}}""" },
        { "timestamp that is no date", """{"type":"message","text":"Wat is vitamine B12?","from":{"id":"u"},"timestamp":"gisteren"}""" },
        { "attachments hold numbers", """{"type":"message","text":"Wat is vitamine B12?","from":{"id":"u"},"attachments":[1,2]}""" },
        { "null text with a value", """{"type":"message","text":null,"from":{"id":"u"},"value":{"keuze":"bestaat-niet"}}""" },
        { "script tag", """{"type":"message","text":"<script>alert(1)</script>","from":{"id":"u"}}""" },
        { "Lucene syntax", """{"type":"message","text":"AND ( b12~ OR \"tekort","from":{"id":"u"}}""" },
        { "event with a garbage value", """{"type":"event","name":"webchat/join","value":[1,{"a":null}],"from":{"id":"u"}}""" },
        { "invoke", """{"type":"invoke","name":"task/fetch","from":{"id":"u"}}""" },
        { "no type", """{"text":"hallo","from":{"id":"u"}}""" },
        { "not an object", """[1,2,3]""" },
    };

    [Theory]
    [MemberData(nameof(Activities))]
    public async Task A_hostile_activity_through_Direct_Line_is_refused_or_answered_and_the_conversation_goes_on(string why, string json)
    {
        using var http = site.Http();
        var client = new DirectLineClient(http);
        var (status, conversation) = await client.StartAsync(DirectLineSite.Secret);
        Assert.Equal(HttpStatusCode.Created, status);
        var id = (string)conversation["conversationId"]!;
        var token = (string)conversation["token"]!;
        site.Logs.Clear();

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{id}/activities")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        Assert.True((int)response.StatusCode < 500, $"{why}: HTTP {(int)response.StatusCode}");

        var (posted, receipt) = await client.PostAsync(id, token, DirectLineClient.Message("Welke voedingsmiddelen zijn rijk aan vitamine B12?", Guid.NewGuid().ToString("N")));
        Assert.Equal(HttpStatusCode.OK, posted);
        var questionId = (string)receipt["id"]!;
        var (answer, _) = await client.WaitForAsync(id, token, a => DirectLineClient.IsBotMessage(a) && (string?)a["replyToId"] == questionId);
        Assert.Equal("faq-09", Cited.Top(new JArray(answer)));

        Assert.True(site.Logs.Errors.Count == 0, $"{why}: " + string.Join(Environment.NewLine, site.Logs.Errors));
    }
}
