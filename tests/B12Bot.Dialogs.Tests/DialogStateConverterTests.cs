using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace B12Bot.Dialogs.Tests;

/// <summary>
/// A stored stack is read straight over the loaded JSON: the same stack as the default reading, without copies of
/// the inner stacks; other shapes are read (or refused) as before.
/// </summary>
public class DialogStateConverterTests
{
    private const string Stored = """
        {"dialogStack":[{"id":"main","state":{"dialogs":{"dialogStack":[{"id":"inner","state":{"options":{"Steps":[{"Question":"dieet","Options":["vegan"]}],"IntroShown":true},"values":{},"stepIndex":2,"instanceId":"abc","weight":1.5,"none":null}}]}}}]}
        """;

    [Fact]
    public void Reads_a_stored_stack_over_the_loaded_tokens()
    {
        var loaded = JObject.Parse(Stored);

        var state = loaded.ToObject<DialogState>()!;

        var main = Assert.Single(state.DialogStack);
        Assert.Equal("main", main.Id);
        Assert.Same(loaded["dialogStack"]![0]!["state"]!["dialogs"], main.State["dialogs"]);

        var inner = StateValue.To<DialogState>(main.State["dialogs"])!;
        var entry = Assert.Single(inner.DialogStack);
        Assert.Equal("inner", entry.Id);
        Assert.Equal(2L, entry.State["stepIndex"]);
        Assert.Equal("abc", entry.State["instanceId"]);
        Assert.Equal(1.5, entry.State["weight"]);
        Assert.Null(entry.State["none"]);
        Assert.IsType<JObject>(entry.State["options"]);
        Assert.Equal(6, entry.State.Count);
    }

    [Fact]
    public void A_stack_inside_another_object_leaves_the_reader_after_it_for_the_properties_that_follow()
    {
        var loaded = JObject.Parse("""{"first":1,"stack":""" + Stored + ""","after":"na","last":[2,3]}""");

        var holder = loaded.ToObject<Holder>()!;

        Assert.Equal(1, holder.First);
        Assert.Equal("main", Assert.Single(holder.Stack!.DialogStack).Id);
        Assert.Equal("na", holder.After);
        Assert.Equal([2, 3], holder.Last!);
    }

    private sealed class Holder
    {
        [JsonProperty("first")]
        public int First { get; set; }

        [JsonProperty("stack")]
        public DialogState? Stack { get; set; }

        [JsonProperty("after")]
        public string? After { get; set; }

        [JsonProperty("last")]
        public int[]? Last { get; set; }
    }

    [Fact]
    public void Writes_what_was_read_back_unchanged()
    {
        var loaded = JObject.Parse(Stored);

        var state = loaded.ToObject<DialogState>()!;

        Assert.Equal(loaded.ToString(Formatting.None), JsonConvert.SerializeObject(state));
    }

    public static TheoryData<string, string, int> OtherShapes => new()
    {
        { "extra property", """{"dialogStack":[{"id":"a","state":{}}],"other":1}""", 1 },
        { "entry without state", """{"dialogStack":[{"id":"a"}]}""", 1 },
        { "numeric id", """{"dialogStack":[{"id":5,"state":{}}]}""", 1 },
        { "empty", """{}""", 0 },
        { "no stack", """{"dialogStack":[]}""", 0 },
    };

    [Theory]
    [MemberData(nameof(OtherShapes))]
    public void Reads_other_shapes_as_the_default_reading_does(string shape, string json, int count)
    {
        var state = JObject.Parse(json).ToObject<DialogState>()!;

        Assert.True(count == state.DialogStack.Count, shape);
        Assert.All(state.DialogStack, i => Assert.NotNull(i.State));
    }

    [Fact]
    public void A_null_stack_stays_null_for_the_readers_to_refuse()
    {
        var state = JObject.Parse("""{"dialogStack":null}""").ToObject<DialogState>()!;

        Assert.Null(state.DialogStack);
    }

    [Fact]
    public void A_stack_of_the_wrong_shape_is_refused_as_before()
    {
        Assert.Throws<DialogStateException>(() => StateValue.To<DialogState>(JObject.Parse("""{"dialogStack":{"id":"a"}}""")));
    }

    [Fact]
    public void Reads_a_stack_from_JSON_text_as_well()
    {
        var state = JsonConvert.DeserializeObject<DialogState>(Stored)!;

        var main = Assert.Single(state.DialogStack);
        Assert.Equal("main", main.Id);
        Assert.IsType<JObject>(main.State["dialogs"]);
    }
}
