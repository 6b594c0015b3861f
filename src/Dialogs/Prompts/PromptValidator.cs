namespace B12Bot.Dialogs;

/// <summary>Decides whether a prompt's recognised answer is acceptable; may reply itself to explain why not.</summary>
public delegate Task<bool> PromptValidator<T>(PromptValidatorContext<T> promptContext, CancellationToken cancellationToken);
