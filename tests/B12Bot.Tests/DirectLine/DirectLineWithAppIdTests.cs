using System.Net;
using B12Bot.Cards;
using B12Bot.Tests.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Rest;

namespace B12Bot.Tests.DirectLine;

/// <summary>
/// With a MicrosoftAppId (as for Teams) the adapter authenticates: /api/messages wants a Bot Framework token, and the
/// bot's replies carry one. The Direct Line endpoint still works: its turns are handed over in-process, and its
/// connector endpoints accept the bot's replies by the per-conversation key. Microsoft Entra ID cannot be reached
/// here, so the credentials the adapter would fetch from it are a fixed token.
/// </summary>
public sealed class DirectLineWithAppIdTests(DirectLineWithAppIdTests.Site site) : IClassFixture<DirectLineWithAppIdTests.Site>
{
    private readonly DirectLineClient client = new(site.Http());

    [Fact]
    public async Task Web_chat_works_while_the_messages_endpoint_requires_a_token()
    {
        var (_, issued) = await client.PageTokenAsync();
        var (_, conversation) = await client.StartAsync((string)issued["token"]!);
        var id = (string)conversation["conversationId"]!;
        var token = (string)conversation["token"]!;
        var (welcome, _) = await client.WaitForAsync(id, token, DirectLineClient.IsBotMessage);

        var (status, posted) = await client.PostAsync(id, token, DirectLineClient.Message("Dank u wel", "app-id-1"));
        var (reply, _) = await client.WaitForAsync(id, token, a => DirectLineClient.IsBotMessage(a) && (string?)a["replyToId"] == (string?)posted["id"]);

        Assert.Equal(Replies.Welcome, (string?)welcome["text"]);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(Replies.Thanks, (string?)reply["text"]);
        Assert.True(site.Credentials.Issued > 0, "the replies went out with the adapter's credentials");

        var (anonymous, _) = await BotHttp.PostAsync(client.Http, BotHttp.Message("hallo", "no-token"));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    public sealed class Site : DirectLineSite
    {
        public FixedCredentials Credentials { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            ArgumentNullException.ThrowIfNull(builder);
            base.ConfigureWebHost(builder);
            builder.UseSetting("MicrosoftAppType", "SingleTenant");
            builder.UseSetting("MicrosoftAppId", FixedCredentials.AppId);
            builder.UseSetting("MicrosoftAppPassword", "geheim-wachtwoord-voor-de-test");
            builder.UseSetting("MicrosoftAppTenantId", "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");
            builder.ConfigureTestServices(services => services.AddSingleton<ServiceClientCredentialsFactory>(Credentials));
        }
    }

    /// <summary>Stands in for the app registration's credentials: a fixed bearer token instead of one from Entra ID.</summary>
    public sealed class FixedCredentials : ServiceClientCredentialsFactory
    {
        public const string AppId = "6f1c2a3b-4d5e-4f60-8a9b-0c1d2e3f4a5b";

        private int issued;

        public int Issued => issued;

        public override Task<bool> IsValidAppIdAsync(string appId, CancellationToken cancellationToken) => Task.FromResult(appId == AppId);

        public override Task<bool> IsAuthenticationDisabledAsync(CancellationToken cancellationToken) => Task.FromResult(false);

        public override Task<ServiceClientCredentials> CreateCredentialsAsync(
            string appId, string audience, string loginEndpoint, bool validateAuthority, CancellationToken cancellationToken)
        {
            if (appId != AppId)
            {
                throw new InvalidOperationException("Invalid appId.");
            }

            Interlocked.Increment(ref issued);
            return Task.FromResult<ServiceClientCredentials>(new TokenCredentials("stand-in-for-an-entra-token"));
        }
    }
}
