using System.Net;
using System.Net.Http.Headers;
using System.Text;
using B12Bot.Tests.Testing;

namespace B12Bot.Tests.Editors;

/// <summary>The editors' page: refused without the configured key, the report and its chart with it.</summary>
public sealed class EditorsPageTests(EditorsAppFactory factory) : IClassFixture<EditorsAppFactory>
{
    public static TheoryData<string, string?, HttpStatusCode> Requests => new()
    {
        { "/editors", null, HttpStatusCode.Unauthorized },
        { "/editors", "Bearer verkeerde-sleutel", HttpStatusCode.Unauthorized },
        { "/editors", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("redactie:verkeerd")), HttpStatusCode.Unauthorized },
        { "/editors", "Basic niet-base64!", HttpStatusCode.Unauthorized },
        { "/editors/report.json", null, HttpStatusCode.Unauthorized },
        { "/editors", "Bearer " + EditorsAppFactory.Key, HttpStatusCode.OK },
        { "/editors", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("redactie:" + EditorsAppFactory.Key)), HttpStatusCode.OK },
        { "/editors/report.json", "Bearer " + EditorsAppFactory.Key, HttpStatusCode.OK },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task The_page_needs_the_key(string path, string? authorization, HttpStatusCode expected)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Unauthorized)
        {
            Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Basic");
            Assert.DoesNotContain("Per week", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Without_a_configured_key_the_page_is_refused_to_everyone()
    {
        using var plain = new BotAppFactory();
        using var client = plain.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/editors");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", string.Empty.PadLeft(3, 'x'));

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task The_page_shows_the_weekly_chart_from_chart_js_and_the_reports_questions_encoded()
    {
        using var client = factory.CreateClient();
        await BotHttp.PostAsync(client, BotHttp.Message("<script>alert(1)</script> waar is de bushalte?", "webchat-" + Guid.NewGuid().ToString("N")));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/editors");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", EditorsAppFactory.Key);

        using var response = await client.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Contains("<canvas id=\"weekly-chart\"", html, StringComparison.Ordinal);
        Assert.Contains("<script src=\"/lib/chart.umd.js\"></script>", html, StringComparison.Ordinal);
        Assert.Contains("bushalte", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)</script>", html, StringComparison.Ordinal);
        var chartJs = await client.GetAsync(new Uri("/lib/chart.umd.js", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, chartJs.StatusCode);
        Assert.Contains("Chart.js", await chartJs.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
