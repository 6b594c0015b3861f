using System.Text.Json.Nodes;
using Json.Schema;

namespace B12Bot.Tests.Deploy;

/// <summary>The Teams manifest schema v1.19, ready to validate manifests.</summary>
internal static class ManifestSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(Load);

    /// <summary>Every schema error in <paramref name="manifest"/>, as "where: what"; empty when it is valid.</summary>
    public static IReadOnlyList<string> Errors(JsonNode manifest)
    {
        var result = Schema.Value.Evaluate(manifest, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
        {
            return [];
        }

        var errors = result.Details
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key} {e.Value}"))
            .ToList();
        return errors.Count > 0 ? errors : ["(invalid, without details)"];
    }

    private static JsonSchema Load()
    {
        var schema = JsonNode.Parse(File.ReadAllText(DeployFiles.TeamsManifestSchema))!.AsObject();

        // The file declares draft-04, which JsonSchema.Net does not evaluate. It uses no draft-04-only keyword
        // (no boolean exclusiveMinimum/Maximum, no "id"), but does use "const" and "dependencies": draft-07 reads
        // every keyword it contains with the same meaning.
        schema["$schema"] = "http://json-schema.org/draft-07/schema#";
        return JsonSchema.FromText(schema.ToJsonString());
    }
}
