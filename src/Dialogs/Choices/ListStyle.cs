namespace B12Bot.Dialogs.Choices;

/// <summary>How a prompt shows its choices, as in Microsoft.Bot.Builder.Dialogs.Choices.ListStyle.</summary>
public enum ListStyle
{
    /// <summary>Only the prompt text; the choices are not shown.</summary>
    None,

    /// <summary>The best style for the channel (see <see cref="ChoiceFactory.ForChannel"/>).</summary>
    Auto,

    /// <summary>Inline text: "(1) a, (2) b of (3) c".</summary>
    Inline,

    /// <summary>Numbered lines: "1. a".</summary>
    List,

    /// <summary>Suggested actions (quick-reply buttons).</summary>
    SuggestedAction,

    /// <summary>A hero card with one button per choice.</summary>
    HeroCard,
}
