using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace B12Bot.Dialogs;

/// <summary>Asks for free text; any answer with words is recognised.</summary>
public class TextPrompt : Prompt<string>
{
    public TextPrompt(string dialogId, PromptValidator<string>? validator = null)
        : base(dialogId, validator)
    {
    }

    protected override async Task OnPromptAsync(ITurnContext turnContext, IDictionary<string, object?> state, PromptOptions options, bool isRetry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(options);
        var prompt = PickPrompt(options, isRetry);
        if (prompt is not null)
        {
            await SendPromptAsync(turnContext, prompt, cancellationToken).ConfigureAwait(false);
        }
    }

    protected override Task<PromptRecognizerResult<string>> OnRecognizeAsync(ITurnContext turnContext, IDictionary<string, object?> state, PromptOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var text = turnContext.Activity.AsMessageActivity()?.Text;
        var result = new PromptRecognizerResult<string>();
        if (!string.IsNullOrWhiteSpace(text))
        {
            result.Succeeded = true;
            result.Value = text;
        }

        return Task.FromResult(result);
    }
}
