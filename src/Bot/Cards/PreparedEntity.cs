using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace B12Bot.Cards;

/// <summary>
/// An entity whose JSON is made once: a reply that carries it writes that text as it is instead of serialising the
/// entity's properties token by token at every turn. Its <see cref="Entity.Properties"/> stay as they were given, for
/// code that reads them; it is shared by every reply that quotes the same entry, so it must not be changed once made.
/// </summary>
[JsonConverter(typeof(PreparedEntityConverter))]
public sealed class PreparedEntity : Entity
{
    private PreparedEntity(Entity entity, string json)
        : base(entity.Type)
    {
        Properties = entity.Properties;
        Json = json;
    }

    /// <summary>The entity's JSON, as the Bot Framework's serialiser writes it (type first, then the properties).</summary>
    public string Json { get; }

    /// <summary>A prepared copy of <paramref name="entity"/>, sharing its properties.</summary>
    public static PreparedEntity From(Entity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return new PreparedEntity(entity, FullForm(entity).ToString(Formatting.None));
    }

    /// <summary>The entity as one JSON object, as <see cref="Entity"/> is serialised.</summary>
    internal static JObject FullForm(Entity entity)
    {
        var form = new JObject();
        if (entity.Type is not null)
        {
            form["type"] = entity.Type;
        }

        foreach (var property in entity.Properties)
        {
            form[property.Key] = property.Value?.DeepClone();
        }

        return form;
    }

    /// <summary>Writes the prepared text to a text writer; to any other writer (a JSON tree), the entity's tokens.</summary>
    private sealed class PreparedEntityConverter : JsonConverter<PreparedEntity>
    {
        public override bool CanRead => false;

        public override void WriteJson(JsonWriter writer, PreparedEntity? value, JsonSerializer serializer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            if (value is null)
            {
                writer.WriteNull();
            }
            else if (writer is JsonTextWriter)
            {
                writer.WriteRawValue(value.Json);
            }
            else
            {
                FullForm(value).WriteTo(writer);
            }
        }

        public override PreparedEntity ReadJson(JsonReader reader, Type objectType, PreparedEntity? existingValue, bool hasExistingValue, JsonSerializer serializer) =>
            throw new NotSupportedException("A prepared entity is only written.");
    }
}
