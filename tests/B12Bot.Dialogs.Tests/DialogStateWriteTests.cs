using System.Reflection;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Serialization;

namespace B12Bot.Dialogs.Tests;

/// <summary>
/// A stack is written directly, character for character as the serialiser's contracts write it: loaded tokens, plain
/// values, typed options, inner stacks (typed or as loaded), nulls, under the settings the state is written with.
/// </summary>
public class DialogStateWriteTests
{
    public static TheoryData<string> Settings => ["default", "ignore nulls", "no type names, depth 64", "a converter"];

    [Theory]
    [MemberData(nameof(Settings))]
    public void A_stack_is_written_as_the_contracts_write_it(string settings)
    {
        foreach (var state in States())
        {
            var direct = JsonConvert.SerializeObject(new Dictionary<string, object?> { ["DialogState"] = state, ["other"] = 1 }, With(settings, direct: true));
            var contracts = JsonConvert.SerializeObject(new Dictionary<string, object?> { ["DialogState"] = state, ["other"] = 1 }, With(settings, direct: false));

            Assert.Equal(contracts, direct);
        }
    }

    [Fact]
    public void A_stack_written_to_tokens_is_the_same_tree()
    {
        foreach (var state in States())
        {
            var direct = JToken.FromObject(state, JsonSerializer.Create(With("default", direct: true)));
            var contracts = JToken.FromObject(state, JsonSerializer.Create(With("default", direct: false)));

            Assert.True(JToken.DeepEquals(contracts, direct), direct.ToString());
        }
    }

    [Fact]
    public void A_stored_stack_read_and_written_again_is_the_stored_text()
    {
        const string Stored = """{"dialogStack":[{"id":"main","state":{"dialogs":{"dialogStack":[{"id":"inner","state":{"options":{"Steps":[{"Question":"dieet","Options":["vegan"]}],"IntroShown":true},"values":{},"stepIndex":2,"instanceId":"abc","weight":1.5,"none":null,"quote":"\"é\u2028"}}]}}}]}""";

        var state = JObject.Parse(Stored).ToObject<DialogState>()!;

        Assert.Equal(Stored, JsonConvert.SerializeObject(state));
    }

    private static IEnumerable<DialogState> States()
    {
        yield return new DialogState();
        yield return new DialogState { DialogStack = null! };
        var typed = new DialogState(
        [
            new DialogInstance
            {
                Id = "prompt",
                State = new Dictionary<string, object?>
                {
                    ["options"] = new PromptOptions { Validations = new Options { Question = "dieet", Ids = ["a", "b"] }, MaxAttempts = 3 },
                    ["state"] = new Dictionary<string, object?> { ["attemptCount"] = 0 },
                    ["text"] = "tekst met \"quotes\" en \u2028",
                    ["flag"] = true,
                    ["long"] = 5L,
                    ["int"] = 7,
                    ["double"] = 1.25,
                    ["date"] = new DateTime(2026, 12, 6, 1, 2, 3, DateTimeKind.Utc),
                    ["null"] = null,
                    ["token"] = JObject.Parse("""{"a":[1,"twee",null,{"b":false}]}"""),
                    ["array"] = new JArray(1, 2),
                    ["list"] = new List<string> { "x", "y" },
                    ["plainOptions"] = new PromptOptions { Validations = JObject.Parse("""{"Question":"leeftijd"}"""), MaxAttempts = null },
                    ["emptyOptions"] = new PromptOptions(),
                    ["fullOptions"] = new PromptOptions { Prompt = new Microsoft.Bot.Schema.Activity { Type = "message", Text = "Vraag?" }, Style = B12Bot.Dialogs.Choices.ListStyle.SuggestedAction, MaxAttempts = 2 },
                    ["nested"] = new Dictionary<string, object?> { ["inner"] = new Dictionary<string, object?> { ["x"] = null, ["y"] = new Options() } },
                    ["sorted"] = new SortedDictionary<string, object?> { ["b"] = 1, ["a"] = 2 },
                },
            },
            null!,
            new DialogInstance { Id = null!, State = null! },
            new DialogInstance
            {
                Id = "component",
                State = new Dictionary<string, object?>
                {
                    ["dialogs"] = new DialogState([new DialogInstance { Id = "inner", State = new Dictionary<string, object?> { ["stepIndex"] = 1 } }]),
                    ["loaded"] = JObject.Parse("""{"dialogStack":[{"id":"deep","state":{}}]}"""),
                },
            },
        ]);
        yield return typed;
    }

    private static JsonSerializerSettings With(string settings, bool direct)
    {
        var result = settings switch
        {
            "ignore nulls" => new JsonSerializerSettings { NullValueHandling = NullValueHandling.Ignore },
            "no type names, depth 64" => new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.None, DateParseHandling = DateParseHandling.None, MaxDepth = 64 },
            "a converter" => new JsonSerializerSettings { Converters = [new ShoutingStrings()] },
            _ => new JsonSerializerSettings(),
        };
        if (!direct)
        {
            result.ContractResolver = new WithoutStateConverter();
        }

        return result;
    }

    /// <summary>The default contracts, without the converter on <see cref="DialogState"/>: what the contracts alone write.</summary>
    private sealed class WithoutStateConverter : DefaultContractResolver
    {
        protected override JsonContract CreateContract(Type objectType)
        {
            var contract = base.CreateContract(objectType);
            if (objectType == typeof(DialogState))
            {
                contract.Converter = null;
            }

            return contract;
        }

        protected override JsonProperty CreateProperty(MemberInfo member, MemberSerialization memberSerialization)
        {
            var property = base.CreateProperty(member, memberSerialization);
            if (property.PropertyType == typeof(DialogState))
            {
                property.Converter = null;
            }

            return property;
        }
    }

    /// <summary>A converter of the settings that changes every string it writes.</summary>
    private sealed class ShoutingStrings : JsonConverter<string>
    {
        public override void WriteJson(JsonWriter writer, string? value, JsonSerializer serializer) => writer.WriteValue(value?.ToUpperInvariant());

        public override string? ReadJson(JsonReader reader, Type objectType, string? existingValue, bool hasExistingValue, JsonSerializer serializer) =>
            (string?)reader.Value;
    }

    private sealed class Options
    {
        public string Question { get; set; } = string.Empty;

        public List<string> Ids { get; set; } = [];
    }
}
