using B12Bot.Dialogs.Choices;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Newtonsoft.Json.Converters;
using Newtonsoft.Json.Linq;

namespace B12Bot.Dialogs;

/// <summary>
/// What a prompt asks and how, shaped like Microsoft.Bot.Builder.Dialogs.PromptOptions. Persisted with the
/// prompt as plain data (absent values left out) and read back from JSON.
/// </summary>
public class PromptOptions
{
    /// <summary>The question.</summary>
    [JsonProperty("prompt", NullValueHandling = NullValueHandling.Ignore)]
    public Activity? Prompt { get; set; }

    /// <summary>Sent instead of <see cref="Prompt"/> after input that was not recognised or not valid.</summary>
    [JsonProperty("retryPrompt", NullValueHandling = NullValueHandling.Ignore)]
    public Activity? RetryPrompt { get; set; }

    /// <summary>The choices of a <see cref="ChoicePrompt"/>.</summary>
    [JsonProperty("choices", NullValueHandling = NullValueHandling.Ignore)]
#pragma warning disable CA2227 // Options are built with object initialisers, as in the real library.
    public IList<Choice>? Choices { get; set; }
#pragma warning restore CA2227

    /// <summary>How choices are shown; null leaves it to the prompt (Auto: per channel).</summary>
    [JsonProperty("style", NullValueHandling = NullValueHandling.Ignore)]
    [JsonConverter(typeof(StringEnumConverter))]
    public ListStyle? Style { get; set; }

    /// <summary>Extra data for a validator; after a load from storage read it with <see cref="StateValue"/>.</summary>
    [JsonProperty("validations", NullValueHandling = NullValueHandling.Ignore)]
    public object? Validations { get; set; }

    /// <summary>
    /// After this many unrecognised or invalid answers the prompt gives up and ends with a
    /// <see cref="PromptFailedResult"/> instead of asking again; null asks forever.
    /// </summary>
    [JsonProperty("maxAttempts", NullValueHandling = NullValueHandling.Ignore)]
    public int? MaxAttempts { get; set; }

    /// <summary>
    /// Options stored with validations and a number of attempts only (a prompt that builds its activities when asked),
    /// read straight from the loaded JSON: the validations are the loaded token itself. Null for any other shape,
    /// which the serialiser reads (with its errors).
    /// </summary>
    internal static PromptOptions? ReadPlain(JObject loaded)
    {
        var options = new PromptOptions();
        foreach (var property in loaded.Properties())
        {
            switch (property.Name, property.Value)
            {
                case ("validations", JObject validations):
                    options.Validations = validations;
                    break;
                case ("maxAttempts", JValue { Type: JTokenType.Integer, Value: long attempts }) when attempts is >= int.MinValue and <= int.MaxValue:
                    options.MaxAttempts = (int)attempts;
                    break;
                default:
                    return null;
            }
        }

        return options;
    }
}
