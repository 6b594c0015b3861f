using Newtonsoft.Json;

namespace B12Bot.Dialogs;

/// <summary>One entry of the dialog stack: which dialog, and its persisted state.</summary>
/// <remarks>
/// After a load from storage without type names every value in <see cref="State"/> may be a
/// <c>JObject</c>, <c>JArray</c>, <c>long</c>, <c>double</c>, <c>string</c> or <c>bool</c>;
/// read it with <see cref="StateValue"/>.
/// </remarks>
public class DialogInstance
{
    [JsonProperty("id")]
    public string Id { get; set; } = string.Empty;

    [JsonProperty("state")]
#pragma warning disable CA2227 // Deserialisers replace the whole dictionary; the real library has the same setter.
    public IDictionary<string, object?> State { get; set; } = new Dictionary<string, object?>();
#pragma warning restore CA2227
}
