namespace B12Bot.Editors;

/// <summary>The <c>Editors</c> configuration section: what the pharmacy's editors learn from the chat.</summary>
public sealed class EditorsOptions
{
    public const string SectionName = "Editors";

    /// <summary>Keep the (scrubbed) text of questions without an answer or with a clarification, and 👎 reasons. Off by default.</summary>
    public bool CollectUnanswered { get; set; }

    /// <summary>How long editor items (texts, feedback, weekly counts) are kept. Default 30 days.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The key of the <c>/editors</c> page. Empty: the page is refused to everyone.</summary>
    public string? Key { get; set; }

    /// <summary><c>Sqlite</c>, <c>AzureBlobs</c> or <c>Memory</c>; by default the kind of the state's storage.</summary>
    public string? Store { get; set; }

    /// <summary>The Blob container of <c>AzureBlobs</c> (same account as the state); default <c>b12bot-editors</c>.</summary>
    public string? ContainerName { get; set; }

    /// <summary>The SQLite file; default <c>b12bot-editors.db</c> in the folder of the state's SQLite file.</summary>
    public string? SqlitePath { get; set; }
}
