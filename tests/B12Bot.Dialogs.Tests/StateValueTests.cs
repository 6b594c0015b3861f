using System.Text.Json;
using B12Bot.Dialogs.Choices;
using Newtonsoft.Json.Linq;

namespace B12Bot.Dialogs.Tests;

public class StateValueTests
{
    public sealed record Answer(string Question, int Count, bool Sure);

    public static TheoryData<string, object?> AnswerShapes => new()
    {
        { "typed", new Answer("dieet", 2, true) },
        { "JObject", JObject.Parse("""{"Question":"dieet","Count":2,"Sure":true}""") },
        { "JsonElement", JsonDocument.Parse("""{"Question":"dieet","Count":2,"Sure":true}""").RootElement.Clone() },
        { "dictionary", new Dictionary<string, object> { ["Question"] = "dieet", ["Count"] = 2L, ["Sure"] = true } },
    };

    [Theory]
    [MemberData(nameof(AnswerShapes))]
    public void Reads_a_record_from_every_shape_a_store_returns(string shape, object? value)
    {
        var answer = StateValue.To<Answer>(value);

        Assert.True(answer == new Answer("dieet", 2, true), shape);
    }

    [Theory]
    [InlineData(3L, 3)]
    [InlineData(3, 3)]
    [InlineData("3", 3)]
    public void Reads_numbers_as_int(object value, int expected)
    {
        Assert.Equal(expected, StateValue.To<int>(value));
    }

    [Fact]
    public void Reads_a_found_choice_and_a_list_back_from_JSON()
    {
        var choice = StateValue.To<FoundChoice>(JObject.FromObject(new FoundChoice { Value = "Vegan", Index = 0, Score = 1f }));
        var list = StateValue.To<List<string>>(new JArray("a", "b"));

        Assert.Equal("Vegan", choice!.Value);
        Assert.Equal(["a", "b"], list);
    }

    [Theory]
    [InlineData("twee")]
    [InlineData("[1,2]")]
    public void A_wrong_shape_raises_DialogStateException(string json)
    {
        var token = json.StartsWith('[') ? JToken.Parse(json) : new JValue(json);

        Assert.Throws<DialogStateException>(() => StateValue.To<int>(token));
        Assert.False(StateValue.TryTo<int>(token, out _));
    }

    [Fact]
    public void Null_stays_default_and_TryTo_says_so()
    {
        Assert.Null(StateValue.To<string>(null));
        Assert.Equal(0, StateValue.To<int>(JValue.CreateNull()));
        Assert.False(StateValue.TryTo<string>(null, out var missing));
        Assert.Null(missing);
    }
}
