using System.Text.Json.Nodes;

namespace B12Bot.Tests.Deploy;

/// <summary>deploy/teams/manifest.json: valid for Teams (schema v1.19) and saying what B12Bot is, in Dutch.</summary>
public sealed class TeamsManifestTests
{
    private const string PlaceholderAppId = "00000000-0000-0000-0000-000000000000";

    private static JsonObject Manifest() =>
        JsonNode.Parse(File.ReadAllText(DeployFiles.Existing(Path.Combine(DeployFiles.Teams, "manifest.json"))))!.AsObject();

    private static JsonObject Bot(JsonObject manifest) => Assert.Single(manifest["bots"]!.AsArray())!.AsObject();

    [Fact]
    public void The_manifest_is_valid_against_the_Teams_schema_v1_19()
    {
        var manifest = Manifest();

        Assert.Equal("https://developer.microsoft.com/json-schemas/teams/v1.19/MicrosoftTeams.schema.json", (string?)manifest["$schema"]);
        Assert.Equal("1.19", (string?)manifest["manifestVersion"]);
        var errors = ManifestSchema.Errors(manifest);
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    public static TheoryData<string, Action<JsonObject>> BrokenManifests => new()
    {
        { "a template token as botId", m => Bot(m)["botId"] = "{{MICROSOFT_APP_ID}}" },
        { "an unknown scope", m => Bot(m)["scopes"]!.AsArray().Add("channel") },
        { "no outline icon", m => m["icons"]!.AsObject().Remove("outline") },
        { "an http developer URL", m => m["developer"]!["privacyUrl"] = "ftp://apotheek.example/privacy" },
        { "a short name over 30 characters", m => m["name"]!["short"] = "B12Bot, uw vraagbaak over vitamine B12" },
        { "another manifest version", m => m["manifestVersion"] = "1.17" },
        { "a command title over 32 characters", m => Bot(m)["commandLists"]![0]!["commands"]![0]!["title"] = "Waarom is mijn vitamine B12-gehalte laag?" },
        { "an unknown property", m => m["botEndpoint"] = "https://b12bot.azurewebsites.net/api/messages" },
    };

    [Theory]
    [MemberData(nameof(BrokenManifests))]
    public void The_schema_check_rejects_a_broken_copy_of_the_manifest(string why, Action<JsonObject> breakIt)
    {
        ArgumentNullException.ThrowIfNull(breakIt);
        var manifest = Manifest();
        breakIt(manifest);

        Assert.True(ManifestSchema.Errors(manifest).Count > 0, $"Expected a schema error for {why}.");
    }

    [Fact]
    public void The_bot_talks_in_personal_chat_team_channels_and_group_chats()
    {
        var bot = Bot(Manifest());

        var scopes = bot["scopes"]!.AsArray().Select(s => (string)s!).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(new[] { "groupChat", "personal", "team" }, scopes);
        Assert.False((bool)bot["supportsFiles"]!);
        Assert.False((bool)bot["isNotificationOnly"]!);
    }

    [Fact]
    public void The_bot_id_is_the_placeholder_that_the_package_script_fills_in()
    {
        var manifest = Manifest();

        Assert.Equal(PlaceholderAppId, (string?)Bot(manifest)["botId"]);
        Assert.NotEqual(PlaceholderAppId, (string?)manifest["id"]);
        Assert.True(Guid.TryParse((string?)manifest["id"], out _));
    }

    [Fact]
    public void Name_and_descriptions_are_Dutch_and_say_where_answers_come_from()
    {
        var manifest = Manifest();

        Assert.Equal("B12Bot", (string?)manifest["name"]!["short"]);
        Assert.Equal("B12Bot – informatie over vitamine B12", (string?)manifest["name"]!["full"]);
        Assert.Equal("nl-NL", (string?)manifest["localizationInfo"]!["defaultLanguageTag"]);

        var full = (string)manifest["description"]!["full"]!;
        Assert.Contains("één artikel", full, StringComparison.Ordinal);
        Assert.Contains("bron", full, StringComparison.Ordinal);
        Assert.Contains("geen diagnose", full, StringComparison.Ordinal);
        Assert.Contains("huisarts", full, StringComparison.Ordinal);
        Assert.Contains("bron", (string)manifest["description"]!["short"]!, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_scope_has_a_command_list_with_the_walkthrough_help_and_forget_me()
    {
        var lists = Bot(Manifest())["commandLists"]!.AsArray();

        foreach (var scope in new[] { "personal", "team", "groupChat" })
        {
            var titles = lists
                .Where(l => l!["scopes"]!.AsArray().Any(s => (string?)s == scope))
                .SelectMany(l => l!["commands"]!.AsArray().Select(c => (string)c!["title"]!))
                .ToList();
            Assert.Contains("Waarom is mijn B12 laag?", titles);
            Assert.Contains("help", titles);
            Assert.Contains("vergeet mij", titles);
        }
    }

    [Fact]
    public void The_icons_it_names_exist_beside_it_and_the_developer_links_are_https()
    {
        var manifest = Manifest();

        Assert.Equal("color.png", (string?)manifest["icons"]!["color"]);
        Assert.Equal("outline.png", (string?)manifest["icons"]!["outline"]);
        Assert.True(File.Exists(Path.Combine(DeployFiles.Teams, "color.png")));
        Assert.True(File.Exists(Path.Combine(DeployFiles.Teams, "outline.png")));
        foreach (var key in new[] { "websiteUrl", "privacyUrl", "termsOfUseUrl" })
        {
            var url = new Uri((string)manifest["developer"]![key]!);
            Assert.Equal(Uri.UriSchemeHttps, url.Scheme);
        }
    }

    [Fact]
    public void The_valid_domains_hold_the_bot_host_the_package_script_replaces()
    {
        var domains = Manifest()["validDomains"]!.AsArray().Select(d => (string)d!).ToList();

        Assert.Contains("b12bot.azurewebsites.net", domains);
        Assert.All(domains, d => Assert.DoesNotContain("/", d, StringComparison.Ordinal));
    }
}
