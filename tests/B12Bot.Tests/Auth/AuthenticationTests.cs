using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using B12Bot.Tests.Testing;
using Microsoft.IdentityModel.Tokens;

namespace B12Bot.Tests.Auth;

/// <summary>
/// With an app registration configured, a request needs a valid Bot Framework token: without one, with a
/// malformed one, or with one signed by a key the Bot Framework never published, it gets 401 and no bot code runs.
/// </summary>
public sealed class AuthenticationTests(AuthAppFactory factory) : IClassFixture<AuthAppFactory>
{
    private const string BotFrameworkIssuer = "https://api.botframework.com";

    public static TheoryData<string, string?> BadHeaders => new()
    {
        { "no Authorization header", null },
        { "an empty bearer token", "Bearer " },
        { "a bearer token that is no JWT", "Bearer rommel" },
        { "a JWT of two segments", "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0" },
        { "a JWT with garbage segments", "Bearer aaaa.bbbb.cccc" },
        { "basic authentication", "Basic dXNlcjpwYXNzd29yZA==" },
        { "a token without a scheme", "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln" },
        { "an unsigned JWT (alg none)", "Bearer " + UnsignedToken() },
        { "a JWT signed by an unknown key", "Bearer " + SignedToken(TimeSpan.FromMinutes(30), AuthAppFactory.AppId) },
        { "an expired JWT signed by an unknown key", "Bearer " + SignedToken(TimeSpan.FromHours(-2), AuthAppFactory.AppId) },
        { "a JWT for another bot", "Bearer " + SignedToken(TimeSpan.FromMinutes(30), Guid.NewGuid().ToString()) },
    };

    [Theory]
    [MemberData(nameof(BadHeaders))]
    public async Task A_request_without_a_valid_token_gets_401_and_reaches_no_bot_code(string why, string? authorization)
    {
        using var client = factory.CreateClient();
        var turnsBefore = factory.Turns;
        factory.Logs.Clear();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/messages", UriKind.Relative))
        {
            Content = BotHttp.Json(BotHttp.Message("Welke voedingsmiddelen zijn rijk aan vitamine B12?", "auth-" + Guid.NewGuid().ToString("N")).ToString()),
        };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{why}: HTTP {(int)response.StatusCode}");
        Assert.Equal(turnsBefore, factory.Turns);
        Assert.DoesNotContain("activities", body, StringComparison.Ordinal);
        Assert.DoesNotContain("B12", body, StringComparison.Ordinal);

        // The adapter logs its own refusal (an UnauthorizedAccessException, as text); anything else would be a crash.
        var crashes = factory.Logs.Errors
            .Where(e => e.Exception is not UnauthorizedAccessException && !e.Message.Contains(nameof(UnauthorizedAccessException), StringComparison.Ordinal))
            .ToList();
        Assert.True(crashes.Count == 0, string.Join(Environment.NewLine, crashes));
    }

    [Fact]
    public async Task A_request_with_a_foreign_serviceUrl_is_still_refused_without_a_token()
    {
        // With authentication on any serviceUrl host passes the request check, because a token binds it: so the
        // token check must refuse it before a reply could go to that host.
        using var client = factory.CreateClient();
        var turnsBefore = factory.Turns;
        var activity = BotHttp.Message("Wat is vitamine B12?", "auth-foreign");
        activity["serviceUrl"] = "https://198.51.100.7/";
        activity["deliveryMode"] = "normal";

        using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), BotHttp.Json(activity.ToString()));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(turnsBefore, factory.Turns);
    }

    [Fact]
    public async Task The_health_check_needs_no_token()
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>A well-formed token as the Bot Framework channel service would issue, but signed with a key of our own.</summary>
    private static string SignedToken(TimeSpan lifetime, string audience)
    {
        using var rsa = RSA.Create(2048);
        var key = new RsaSecurityKey(rsa.ExportParameters(includePrivateParameters: true)) { KeyId = "onbekende-sleutel" };
        var now = DateTime.UtcNow;
        var notBefore = lifetime < TimeSpan.Zero ? now + lifetime - TimeSpan.FromHours(1) : now.AddMinutes(-1);
        var token = new JwtSecurityToken(
            issuer: BotFrameworkIssuer,
            audience: audience,
            claims: [new Claim("serviceurl", BotHttp.ServiceUrl), new Claim("appid", Guid.NewGuid().ToString())],
            notBefore: notBefore,
            expires: now + lifetime,
            signingCredentials: new SigningCredentials(key, SecurityAlgorithms.RsaSha256));
        return new JwtSecurityTokenHandler().WriteToken(token);
    }

    private static string UnsignedToken()
    {
        var token = new JwtSecurityToken(
            issuer: BotFrameworkIssuer,
            audience: AuthAppFactory.AppId,
            claims: [new Claim("serviceurl", BotHttp.ServiceUrl)],
            notBefore: DateTime.UtcNow.AddMinutes(-1),
            expires: DateTime.UtcNow.AddMinutes(30));
        return new JwtSecurityTokenHandler().WriteToken(token);
    }
}
