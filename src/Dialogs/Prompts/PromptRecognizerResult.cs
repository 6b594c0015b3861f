namespace B12Bot.Dialogs;

/// <summary>What a prompt made of the user's answer.</summary>
public class PromptRecognizerResult<T>
{
    /// <summary>True when the answer could be read as a <typeparamref name="T"/>.</summary>
    public bool Succeeded { get; set; }

    /// <summary>The recognised value (meaningful only when <see cref="Succeeded"/>).</summary>
    public T? Value { get; set; }
}
