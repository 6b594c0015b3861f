namespace B12Bot.Dialogs.Choices;

/// <summary>The choice a user picked, as in Microsoft.Bot.Builder.Dialogs.Choices.FoundChoice.</summary>
public class FoundChoice
{
    /// <summary>The <see cref="Choice.Value"/> of the picked choice.</summary>
    public string Value { get; set; } = string.Empty;

    /// <summary>Zero-based position of the choice in the list.</summary>
    public int Index { get; set; }

    /// <summary>Confidence between 0 and 1 (1 for an exact match).</summary>
    public float Score { get; set; }

    /// <summary>The value, title, synonym or position expression that matched.</summary>
    public string? Synonym { get; set; }
}
