using Microsoft.Bot.Builder;

namespace B12Bot.Dialogs.Tests.Testing;

/// <summary>A dialog that waits on begin and writes every call it receives to a shared log.</summary>
public sealed class RecordingDialog : Dialog
{
    private readonly List<string> _log;

    public RecordingDialog(string dialogId, List<string> log)
        : base(dialogId)
    {
        _log = log;
    }

    public override Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        _log.Add($"begin {Id} {options}".TrimEnd());
        return Task.FromResult(EndOfTurn);
    }

    public override Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken = default)
    {
        _log.Add($"continue {Id}");
        return Task.FromResult(EndOfTurn);
    }

    public override Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, DialogReason reason, object? result = null, CancellationToken cancellationToken = default)
    {
        _log.Add($"resume {Id} {reason} {result}".TrimEnd());
        return Task.FromResult(EndOfTurn);
    }

    public override Task RepromptDialogAsync(ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken = default)
    {
        _log.Add($"reprompt {Id}");
        return Task.CompletedTask;
    }

    public override Task EndDialogAsync(ITurnContext turnContext, DialogInstance instance, DialogReason reason, CancellationToken cancellationToken = default)
    {
        _log.Add($"end {Id} {reason}");
        return Task.CompletedTask;
    }
}
