using B12Bot.Dialogs.Choices;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace B12Bot.Dialogs;

/// <summary>
/// Asks the user to pick one of <see cref="PromptOptions.Choices"/>, rendered per channel (see
/// <see cref="ChoiceFactory"/>); recognised by <see cref="ChoiceRecognizers"/>. Ends with a <see cref="FoundChoice"/>.
/// </summary>
public class ChoicePrompt : Prompt<FoundChoice>
{
    public ChoicePrompt(string dialogId, PromptValidator<FoundChoice>? validator = null)
        : base(dialogId, validator)
    {
    }

    /// <summary>How the choices are shown unless <see cref="PromptOptions.Style"/> says otherwise.</summary>
    public ListStyle Style { get; set; } = ListStyle.Auto;

    /// <summary>Wording of inline and list rendering.</summary>
    public ChoiceFactoryOptions? ChoiceOptions { get; set; }

    /// <summary>What the recogniser may use.</summary>
    public FindChoicesOptions? RecognizerOptions { get; set; }

    protected override async Task OnPromptAsync(ITurnContext turnContext, IDictionary<string, object?> state, PromptOptions options, bool isRetry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(options);
        var prompt = PickPrompt(options, isRetry);
        var activity = AppendChoices(prompt, turnContext, options.Choices ?? [], options.Style ?? Style, ChoiceOptions);
        await SendPromptAsync(turnContext, activity, cancellationToken).ConfigureAwait(false);
    }

    protected override Task<PromptRecognizerResult<FoundChoice>> OnRecognizeAsync(ITurnContext turnContext, IDictionary<string, object?> state, PromptOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(options);
        var text = turnContext.Activity.AsMessageActivity()?.Text;
        var found = ChoiceRecognizers.RecognizeChoices(text, options.Choices ?? [], RecognizerOptions).FirstOrDefault();
        var result = new PromptRecognizerResult<FoundChoice>();
        if (found?.Resolution is not null)
        {
            result.Succeeded = true;
            result.Value = found.Resolution;
        }

        return Task.FromResult(result);
    }
}
