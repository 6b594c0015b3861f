using B12Bot.Tests.Testing;
using Newtonsoft.Json.Linq;

namespace B12Bot.Tests.Teams;

/// <summary>In a team the bot says welcome once, when it is added, not once for every member that joins.</summary>
public sealed class TeamsWelcomeTests(BotAppFactory factory) : IClassFixture<BotAppFactory>
{
    private const string BotId = "28:b12bot-app-id";

    private static JObject Update(string conversationType, params string[] memberIds)
    {
        var update = BotHttp.Message(null, "19:team-" + Guid.NewGuid().ToString("N") + "@thread.tacv2", channelId: "msteams", userId: "29:1-admin");
        update["type"] = "conversationUpdate";
        update["recipient"] = new JObject { ["id"] = BotId, ["name"] = "B12Bot" };
        update["conversation"]!["conversationType"] = conversationType;
        update["conversation"]!["isGroup"] = conversationType != "personal";
        update["serviceUrl"] = "http://127.0.0.1:9/teams/";
        update["membersAdded"] = new JArray(memberIds.Select(id => new JObject { ["id"] = id }));
        update["channelData"] = new JObject
        {
            ["eventType"] = "teamMemberAdded",
            ["team"] = new JObject { ["id"] = "19:team0000@thread.tacv2" },
            ["tenant"] = new JObject { ["id"] = "72f988bf-0000-0000-0000-2d7cd011db47" },
        };
        return update;
    }

    public static TheoryData<string, string[], int> Cases => new()
    {
        // conversation type, members added, welcomes expected
        { "channel", [BotId], 1 },
        { "channel", [BotId, "29:1-a", "29:1-b", "29:1-c"], 1 },
        { "channel", ["29:1-a", "29:1-b", "29:1-c"], 0 },
        { "groupChat", [BotId, "29:1-a", "29:1-b"], 1 },
        { "groupChat", ["29:1-d"], 0 },
        { "personal", ["29:1-a"], 1 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_team_is_welcomed_once_when_the_bot_joins(string conversationType, string[] members, int welcomes)
    {
        using var client = factory.CreateClient();

        var (_, replies) = await BotHttp.PostAsync(client, Update(conversationType, members));

        Assert.Equal(welcomes, BotHttp.Texts(replies).Count(t => t.StartsWith("Welkom!", StringComparison.Ordinal)));
    }
}
