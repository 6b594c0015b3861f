using Newtonsoft.Json;

namespace B12Bot.Dialogs;

/// <summary>The persisted dialog stack (top at index 0). Plain data: round-trips through JSON without type names.</summary>
[JsonConverter(typeof(DialogStateConverter))]
public class DialogState
{
    public DialogState()
        : this(null)
    {
    }

    public DialogState(IList<DialogInstance>? stack)
    {
        DialogStack = stack ?? new List<DialogInstance>();
    }

    [JsonProperty("dialogStack")]
#pragma warning disable CA2227 // Deserialisers replace the whole list; the real library has the same setter.
    public IList<DialogInstance> DialogStack { get; set; }
#pragma warning restore CA2227
}
