namespace B12Bot.Dialogs.Choices;

/// <summary>What <see cref="ChoiceRecognizers"/> may use to recognise a choice.</summary>
public class FindChoicesOptions
{
    /// <summary>Leave <see cref="Choice.Value"/> out of the matching (only title and synonyms).</summary>
    public bool NoValue { get; set; }

    /// <summary>Leave the button title of <see cref="Choice.Action"/> out of the matching.</summary>
    public bool NoAction { get; set; }

    /// <summary>Recognise "1", "2" … and "nummer 2" as positions.</summary>
    public bool RecognizeNumbers { get; set; } = true;

    /// <summary>Recognise "de eerste", "tweede", "laatste" … as positions.</summary>
    public bool RecognizeOrdinals { get; set; } = true;

    /// <summary>Accept small typing errors in words of four letters or more.</summary>
    public bool AllowTypos { get; set; } = true;

    /// <summary>How many other words may sit between the words of a multi-word synonym.</summary>
    public int MaxTokenDistance { get; set; } = 2;
}
