using System.Text.Json;
using System.Text.Json.Serialization;

namespace B12Bot.Knowledge.Loading;

/// <summary>
/// The knowledge files' shapes, with their (de)serialisation code generated at build time: reading them at start-up
/// then builds no serializer metadata by reflection and compiles no accessors. The options are the loader's own.
/// </summary>
[JsonSourceGenerationOptions(
    ReadCommentHandling = JsonCommentHandling.Disallow,
    AllowTrailingCommas = false,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(FaqFile))]
[JsonSerializable(typeof(LexiconFile))]
[JsonSerializable(typeof(WordListFile))]
internal sealed partial class KnowledgeJsonContext : JsonSerializerContext;
