using B12Bot.Dialogs.Choices;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace B12Bot.Dialogs;

/// <summary>
/// Asks a yes/no question in Dutch with "Ja"/"Nee" choices rendered per channel. Recognises ja, jawel,
/// jazeker, zeker, klopt, natuurlijk, prima, oké / nee, neen, niet, nooit … (see
/// <see cref="DutchConfirmRecognizer"/>), the choice titles, and "1"/"2".
/// </summary>
public class ConfirmPrompt : Prompt<bool>
{
    public ConfirmPrompt(string dialogId, PromptValidator<bool>? validator = null)
        : base(dialogId, validator)
    {
    }

    /// <summary>How the choices are shown unless <see cref="PromptOptions.Style"/> says otherwise.</summary>
    public ListStyle Style { get; set; } = ListStyle.Auto;

    /// <summary>The yes and no choices; "Ja" and "Nee" by default.</summary>
    public Tuple<Choice, Choice> ConfirmChoices { get; set; } = Tuple.Create(new Choice("Ja"), new Choice("Nee"));

    /// <summary>Wording of inline and list rendering.</summary>
    public ChoiceFactoryOptions? ChoiceOptions { get; set; }

    protected override async Task OnPromptAsync(ITurnContext turnContext, IDictionary<string, object?> state, PromptOptions options, bool isRetry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(options);
        var prompt = PickPrompt(options, isRetry);
        var activity = AppendChoices(prompt, turnContext, Choices(options), options.Style ?? Style, ChoiceOptions);
        await SendPromptAsync(turnContext, activity, cancellationToken).ConfigureAwait(false);
    }

    protected override Task<PromptRecognizerResult<bool>> OnRecognizeAsync(ITurnContext turnContext, IDictionary<string, object?> state, PromptOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(options);
        var text = turnContext.Activity.AsMessageActivity()?.Text;
        var result = new PromptRecognizerResult<bool>();

        if (DutchConfirmRecognizer.Recognize(text) is bool answer)
        {
            result.Succeeded = true;
            result.Value = answer;
            return Task.FromResult(result);
        }

        // The rendered choices: their titles, or "1" / "2".
        var choice = ChoiceRecognizers.RecognizeChoices(text, Choices(options), new FindChoicesOptions { AllowTypos = false })
            .FirstOrDefault()?.Resolution;
        if (choice is not null)
        {
            result.Succeeded = true;
            result.Value = choice.Index == 0;
        }

        return Task.FromResult(result);
    }

    private IList<Choice> Choices(PromptOptions options)
    {
        return options.Choices is { Count: 2 } custom ? custom : [ConfirmChoices.Item1, ConfirmChoices.Item2];
    }
}
