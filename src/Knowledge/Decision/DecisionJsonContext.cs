using System.Text.Json.Serialization;

namespace B12Bot.Knowledge.Decision;

/// <summary>The learned decision's file, (de)serialised by code generated at build time (no reflection at start-up).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = false,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DecisionModel))]
internal sealed partial class DecisionJsonContext : JsonSerializerContext;
