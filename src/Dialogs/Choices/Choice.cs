using Microsoft.Bot.Schema;
using Newtonsoft.Json;

namespace B12Bot.Dialogs.Choices;

/// <summary>One option of a choice prompt: its value, an optional button, and other words people use for it.</summary>
public class Choice
{
    public Choice()
    {
    }

    public Choice(string value)
    {
        Value = value;
    }

    /// <summary>The value returned when chosen; also the button title unless <see cref="Action"/> says otherwise.</summary>
    [JsonProperty("value")]
    public string Value { get; set; } = string.Empty;

    /// <summary>A custom button; its title is recognised like a synonym.</summary>
    [JsonProperty("action")]
    public CardAction? Action { get; set; }

    /// <summary>Other words or phrases that select this choice.</summary>
    [JsonProperty("synonyms")]
#pragma warning disable CA2227 // Built with object initialisers, as in the real library.
    public IList<string>? Synonyms { get; set; }
#pragma warning restore CA2227
}
