using B12Bot.Cards;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace B12Bot.Tests.Cards;

/// <summary>
/// A prepared entity (an answer's citation, made once per entry) writes the same JSON as the entity it was made from,
/// to text and to a JSON tree, inside an activity as the Bot Framework serialises replies, and keeps its properties.
/// </summary>
public sealed class PreparedEntityTests
{
    public static TheoryData<string> Identifiers => new() { "pernicieuze-anemie", "quote\"and\\backslash", "ünïcode — …" };

    private static Entity Citation(string identifier)
    {
        var entity = new Entity("https://schema.org/Message");
        entity.Properties["@type"] = "Message";
        entity.Properties["@id"] = string.Empty;
        entity.Properties["citation"] = new JArray(new JObject { ["@type"] = "Claim", ["position"] = 1, ["appearance"] = new JObject { ["name"] = identifier } });
        entity.Properties["potentialAction"] = new JArray(new JObject { ["@type"] = "LikeAction", ["object"] = new JObject { ["identifier"] = identifier } });
        return entity;
    }

    private static Activity Reply(Entity entity)
    {
        var reply = Activity.CreateMessageActivity();
        reply.Text = "antwoord";
        reply.Entities = [entity];
        return (Activity)reply;
    }

    [Theory]
    [MemberData(nameof(Identifiers))]
    public void A_reply_with_the_prepared_entity_serialises_as_one_with_the_entity(string identifier)
    {
        var plain = Citation(identifier);
        var prepared = PreparedEntity.From(Citation(identifier));

        // As the adapter writes replies (indented text with the message serialiser's settings).
        var settings = new JsonSerializerSettings { NullValueHandling = NullValueHandling.Ignore, Formatting = Formatting.Indented };
        var expected = JToken.Parse(JsonConvert.SerializeObject(Reply(plain), settings));
        var actual = JToken.Parse(JsonConvert.SerializeObject(Reply(prepared), settings));

        Assert.True(JToken.DeepEquals(expected, actual), actual.ToString());
        Assert.Equal(identifier, (string?)actual["entities"]![0]!["potentialAction"]![0]!["object"]!["identifier"]);
    }

    [Theory]
    [MemberData(nameof(Identifiers))]
    public void Written_to_a_JSON_tree_it_is_the_entity_as_an_object_and_reads_back(string identifier)
    {
        var prepared = PreparedEntity.From(Citation(identifier));

        var tree = JObject.FromObject(Reply(prepared));
        var entity = Assert.IsType<JObject>(tree["entities"]![0]);
        Assert.True(JToken.DeepEquals(JObject.FromObject(Citation(identifier)), entity), entity.ToString());

        var read = tree.ToObject<Activity>()!.Entities[0];
        Assert.Equal("https://schema.org/Message", read.Type);
        Assert.Equal(identifier, (string?)read.Properties["citation"]![0]!["appearance"]!["name"]);
    }

    [Fact]
    public void It_keeps_the_properties_of_the_entity_for_code_that_reads_them()
    {
        var entity = Citation("x");
        var prepared = PreparedEntity.From(entity);

        Assert.Equal(entity.Type, prepared.Type);
        Assert.Same(entity.Properties, prepared.Properties);
        Assert.True(JToken.DeepEquals(JObject.Parse(prepared.Json), JObject.FromObject(entity)));
    }
}
