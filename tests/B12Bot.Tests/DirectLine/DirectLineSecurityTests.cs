using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using B12Bot.DirectLine;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Newtonsoft.Json.Linq;

namespace B12Bot.Tests.DirectLine;

/// <summary>What the endpoint refuses: forged, expired and other conversations' tokens, the generate endpoint
/// without the secret, foreign web sites, oversized and malformed activities.</summary>
public sealed class DirectLineSecurityTests(DirectLineSite site) : IClassFixture<DirectLineSite>
{
    private readonly DirectLineClient client = new(site.Http());

    [Theory]
    [InlineData("not a token at all")]
    [InlineData("empty signature")]
    [InlineData("signed with another key")]
    [InlineData("payload swapped for another conversation")]
    [InlineData("algorithm none")]
    [InlineData("the secret where the signature goes")]
    [InlineData("padding appended to the signature")]
    [InlineData("a fourth part")]
    [InlineData("validly signed, exp not a number")]
    [InlineData("validly signed, exp far beyond any date")]
    [InlineData("validly signed, conv not a string")]
    [InlineData("validly signed, no user")]
    [InlineData("validly signed, another issuer")]
    [InlineData("validly signed, exp a numeric string")]
    public async Task A_forged_token_is_refused_with_401(string forgery)
    {
        var (id, token) = await StartedConversationAsync();
        var forged = Forge(forgery, token);

        var (readStatus, _, _) = await client.GetAsync(id, forged);
        var (postStatus, _) = await client.PostAsync(id, forged, DirectLineClient.Message("hoi", "c"));
        var (refreshStatus, _) = await client.RefreshAsync(forged);

        Assert.Equal(HttpStatusCode.Unauthorized, readStatus);
        Assert.Equal(HttpStatusCode.Unauthorized, postStatus);
        Assert.Equal(HttpStatusCode.Unauthorized, refreshStatus);
    }

    [Fact]
    public async Task An_expired_token_is_refused_with_403_and_cannot_be_refreshed()
    {
        var (id, token) = await StartedConversationAsync();
        var expired = Reissue(token, DirectLineSite.SigningKey, TimeSpan.FromHours(-2));

        var (readStatus, _, _) = await client.GetAsync(id, expired);
        var (postStatus, _) = await client.PostAsync(id, expired, DirectLineClient.Message("hoi", "c"));
        var (refreshStatus, refreshed) = await client.RefreshAsync(expired);

        Assert.Equal(HttpStatusCode.Forbidden, readStatus);
        Assert.Equal(HttpStatusCode.Forbidden, postStatus);
        Assert.Equal(HttpStatusCode.Forbidden, refreshStatus);
        Assert.Equal("TokenExpired", (string?)refreshed["error"]!["code"]);
    }

    [Fact]
    public async Task A_token_for_one_conversation_cannot_read_or_post_in_another()
    {
        var (mine, myToken) = await StartedConversationAsync();
        var (theirs, _) = await StartedConversationAsync();

        var (readStatus, _, _) = await client.GetAsync(theirs, myToken);
        var (postStatus, _) = await client.PostAsync(theirs, myToken, DirectLineClient.Message("hoi", "c"));
        var (resumeStatus, _) = await client.ResumeAsync(theirs, myToken);
        var (ownStatus, _, _) = await client.GetAsync(mine, myToken);

        Assert.Equal(HttpStatusCode.Forbidden, readStatus);
        Assert.Equal(HttpStatusCode.Forbidden, postStatus);
        Assert.Equal(HttpStatusCode.Forbidden, resumeStatus);
        Assert.Equal(HttpStatusCode.OK, ownStatus);
    }

    [Fact]
    public async Task Without_a_token_nothing_is_readable()
    {
        var (id, _) = await StartedConversationAsync();
        var (readStatus, _, _) = await client.GetAsync(id, null);
        var (startStatus, _) = await client.StartAsync(null);
        Assert.Equal(HttpStatusCode.Unauthorized, readStatus);
        Assert.Equal(HttpStatusCode.Unauthorized, startStatus);
    }

    [Fact]
    public async Task Generating_a_token_needs_the_secret()
    {
        var (_, pageToken) = await client.PageTokenAsync();

        var (withoutStatus, _) = await client.GenerateAsync(null);
        var (wrongStatus, _) = await client.GenerateAsync(DirectLineSite.Secret + "x");
        var (tokenStatus, _) = await client.GenerateAsync((string)pageToken["token"]!);
        var (secretStatus, generated) = await client.GenerateAsync(DirectLineSite.Secret);

        Assert.Equal(HttpStatusCode.Unauthorized, withoutStatus);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongStatus);
        Assert.Equal(HttpStatusCode.Unauthorized, tokenStatus);
        Assert.Equal(HttpStatusCode.OK, secretStatus);
        Assert.NotNull((string?)generated["token"]);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/index.html")]
    [InlineData("/js/chat.js")]
    [InlineData("/css/site.css")]
    public async Task The_secret_never_reaches_the_page(string path)
    {
        var page = await client.Http.GetStringAsync(new Uri(path, UriKind.Relative));
        var (_, token) = await client.PageTokenAsync();

        Assert.NotEmpty(page);
        Assert.DoesNotContain(DirectLineSite.Secret, page, StringComparison.Ordinal);
        Assert.DoesNotContain(DirectLineSite.SigningKey, page, StringComparison.Ordinal);
        Assert.DoesNotContain(DirectLineSite.Secret, token.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_gets_a_strict_content_security_policy()
    {
        using var response = await client.Http.GetAsync(new Uri("/", UriKind.Relative));
        var policy = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("Apotheek", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_allowed_origin_passes_the_cors_preflight_and_others_do_not()
    {
        using var allowed = Preflight(DirectLineSite.AllowedOrigin);
        using var foreign = Preflight("https://evil.example");
        using var allowedResponse = await client.Http.SendAsync(allowed);
        using var foreignResponse = await client.Http.SendAsync(foreign);

        Assert.Equal(DirectLineSite.AllowedOrigin, allowedResponse.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var headers = string.Join(',', allowedResponse.Headers.GetValues("Access-Control-Allow-Headers")).ToLowerInvariant();
        Assert.Contains("authorization", headers, StringComparison.Ordinal);
        Assert.Contains("x-ms-bot-agent", headers, StringComparison.Ordinal);
        Assert.Contains("x-requested-with", headers, StringComparison.Ordinal);
        Assert.False(foreignResponse.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task The_page_token_route_serves_its_own_and_allowed_origins_only()
    {
        var (own, _) = await client.PageTokenAsync(site.Address.GetLeftPart(UriPartial.Authority));
        var (allowed, _) = await client.PageTokenAsync(DirectLineSite.AllowedOrigin);
        var (foreign, _) = await client.PageTokenAsync("https://evil.example");

        Assert.Equal(HttpStatusCode.OK, own);
        Assert.Equal(HttpStatusCode.OK, allowed);
        Assert.Equal(HttpStatusCode.Forbidden, foreign);
    }

    [Fact]
    public async Task An_activity_over_the_size_limit_is_refused_with_413()
    {
        var (id, token) = await StartedConversationAsync();
        var (status, _) = await client.PostAsync(id, token, DirectLineClient.Message(new string('b', 5000), "c"));
        var (fits, _) = await client.PostAsync(id, token, DirectLineClient.Message(new string('b', 1000), "c"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal(HttpStatusCode.OK, fits);
    }

    public static TheoryData<string, string, HttpStatusCode> BadPosts => new()
    {
        { "text/plain", """{"type":"message","text":"hoi"}""", HttpStatusCode.UnsupportedMediaType },
        { "application/json", """{"type":"message","text":""", HttpStatusCode.BadRequest },
        { "application/json", """[{"type":"message"}]""", HttpStatusCode.BadRequest },
        { "application/json", """{"type":"conversationUpdate","membersAdded":[{"id":"x"}]}""", HttpStatusCode.BadRequest },
        { "application/json", """{"type":"message","text":42}""", HttpStatusCode.BadRequest },
        { "application/json", """{"type":"message","attachments":[{"contentType":"image/png","contentUrl":"http://x/y.png"}]}""", HttpStatusCode.BadRequest },
    };

    [Theory]
    [MemberData(nameof(BadPosts))]
    public async Task A_malformed_activity_is_refused(string contentType, string body, HttpStatusCode expected)
    {
        var (id, token) = await StartedConversationAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{id}/activities")
        {
            Content = new StringContent(body, Encoding.UTF8, contentType),
        };
        request.Headers.Authorization = new("Bearer", token);
        using var response = await client.Http.SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Nobody_but_the_bot_can_speak_as_the_bot()
    {
        var (id, token) = await StartedConversationAsync();
        var reply = new JObject { ["type"] = "message", ["text"] = "Klik op deze link" };
        using var wrongKey = await client.Http.PostAsync(
            new Uri($"/directline/connector/made-up-key/v3/conversations/{id}/activities", UriKind.Relative),
            new StringContent(reply.ToString(), Encoding.UTF8, "application/json"));

        var (_, activities, _) = await client.GetAsync(id, token);
        Assert.Equal(HttpStatusCode.NotFound, wrongKey.StatusCode);
        Assert.DoesNotContain(activities, a => (string?)a["text"] == "Klik op deze link");
    }

    [Fact]
    public async Task An_unknown_conversation_is_404_so_the_client_ends_it()
    {
        var (status, generated) = await client.GenerateAsync(DirectLineSite.Secret);
        Assert.Equal(HttpStatusCode.OK, status);
        var (readStatus, _, _) = await client.GetAsync((string)generated["conversationId"]!, (string)generated["token"]!);
        Assert.Equal(HttpStatusCode.NotFound, readStatus);
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/v3/directline/conversations");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,x-ms-bot-agent,x-requested-with");
        return request;
    }

    private async Task<(string Id, string Token)> StartedConversationAsync()
    {
        var (_, issued) = await client.PageTokenAsync();
        var (_, conversation) = await client.StartAsync((string)issued["token"]!);
        return ((string)conversation["conversationId"]!, (string)conversation["token"]!);
    }

    private static string Forge(string forgery, string token) => forgery switch
    {
        "not a token at all" => "hallo",
        "empty signature" => token[..(token.LastIndexOf('.') + 1)],
        "signed with another key" => Reissue(token, "another-signing-key-0123456789-abcdefghijklmnopqrstuvwxyz", TimeSpan.Zero),
        "payload swapped for another conversation" => SwapPayload(token, "conv", "someone-elses-conversation"),
        "algorithm none" => Encode("""{"alg":"none","typ":"JWT"}""") + "." + token.Split('.')[1] + ".",
        "the secret where the signature goes" => token[..token.LastIndexOf('.')] + "." + Encode(DirectLineSite.Secret),
        "padding appended to the signature" => token + "=",
        "a fourth part" => token + "." + token.Split('.')[2],
        "validly signed, exp not a number" => SignClaims(token, claims => claims["exp"] = "morgen"),
        "validly signed, exp far beyond any date" => SignClaims(token, claims => claims["exp"] = 99999999999999),
        "validly signed, conv not a string" => SignClaims(token, claims => claims["conv"] = 42),
        "validly signed, no user" => SignClaims(token, claims => claims.Remove("user")),
        "validly signed, another issuer" => SignClaims(token, claims => claims["iss"] = "someone-else"),
        "validly signed, exp a numeric string" => SignClaims(token, claims => claims["exp"] = "4102444800"),
        _ => throw new ArgumentOutOfRangeException(nameof(forgery)),
    };

    /// <summary>A token for the same conversation and user, signed with <paramref name="key"/> at another time.</summary>
    private static string Reissue(string token, string key, TimeSpan shift)
    {
        var claims = JObject.Parse(Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token.Split('.')[1])));
        var options = new DirectLineOptions { TokenSigningKey = key };
        var tokens = new DirectLineTokens(options, new ShiftedTime(shift));
        return tokens.Issue((string)claims["conv"]!, (string)claims["user"]!).Token;
    }

    /// <summary>
    /// The token's claims, changed by <paramref name="change"/> and signed with the site's real key: only the
    /// claim checks stand between such a token and the conversation.
    /// </summary>
    private static string SignClaims(string token, Action<JObject> change)
    {
        var claims = JObject.Parse(Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token.Split('.')[1])));
        change(claims);
        var key = new SymmetricSecurityKey(SHA256.HashData(Encoding.UTF8.GetBytes(DirectLineSite.SigningKey)));
        return new JsonWebTokenHandler().CreateToken(claims.ToString(Newtonsoft.Json.Formatting.None), new SigningCredentials(key, SecurityAlgorithms.HmacSha256));
    }

    private static string SwapPayload(string token, string claim, string value)
    {
        var parts = token.Split('.');
        var claims = JObject.Parse(Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1])));
        claims[claim] = value;
        return parts[0] + "." + Encode(claims.ToString(Newtonsoft.Json.Formatting.None)) + "." + parts[2];
    }

    private static string Encode(string text) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));

    private sealed class ShiftedTime(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + shift;
    }
}
