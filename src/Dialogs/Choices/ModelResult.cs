namespace B12Bot.Dialogs.Choices;

/// <summary>One recognition within an utterance: where it was found and what it resolves to.</summary>
public class ModelResult<T>
{
    /// <summary>The part of the utterance that matched.</summary>
    public string Text { get; set; } = string.Empty;

    /// <summary>Index of the first matched character in the utterance.</summary>
    public int Start { get; set; }

    /// <summary>Index of the last matched character in the utterance.</summary>
    public int End { get; set; }

    /// <summary>How it was recognised: "value", "ordinal", "number" or "typo".</summary>
    public string TypeName { get; set; } = string.Empty;

    public T? Resolution { get; set; }
}
