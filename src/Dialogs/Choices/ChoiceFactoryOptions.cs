namespace B12Bot.Dialogs.Choices;

/// <summary>Wording of inline and numbered choice lists (Dutch by default).</summary>
public class ChoiceFactoryOptions
{
    /// <summary>Between inline choices except the last two: ", ".</summary>
    public string InlineSeparator { get; set; } = ", ";

    /// <summary>Between the last two of exactly two choices: " of ".</summary>
    public string InlineOr { get; set; } = " of ";

    /// <summary>Between the last two of three or more choices: " of " (Dutch puts no comma before "of").</summary>
    public string InlineOrMore { get; set; } = " of ";

    /// <summary>Number the choices: "(1) a" inline, "1. a" in a list.</summary>
    public bool IncludeNumbers { get; set; } = true;
}
