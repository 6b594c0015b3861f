namespace B12Bot.Dialogs;

/// <summary>
/// The context a waterfall step runs in: a <see cref="DialogContext"/> over the same stack, plus the
/// waterfall's options, its persisted values, the previous step's result and <see cref="NextAsync"/>.
/// </summary>
public class WaterfallStepContext : DialogContext
{
    private readonly WaterfallDialog _parent;
    private bool _nextCalled;

    internal WaterfallStepContext(WaterfallDialog parent, DialogContext dc, object? options, IDictionary<string, object?> values, int index, DialogReason reason, object? result)
        : base(dc)
    {
        _parent = parent;
        Options = options;
        Values = values;
        Index = index;
        Reason = reason;
        Result = result;
    }

    /// <summary>Zero-based index of the running step.</summary>
    public int Index { get; }

    /// <summary>
    /// The options the waterfall was begun with. After a load from storage this may be a JObject:
    /// read it with <see cref="GetOptions{T}"/>.
    /// </summary>
    public object? Options { get; }

    /// <summary>Why this step runs (begin, continue, a child ended, or <see cref="NextAsync"/>).</summary>
    public DialogReason Reason { get; }

    /// <summary>The previous step's result: a prompt's value, the user's text, or what NextAsync passed.</summary>
    public object? Result { get; }

    /// <summary>
    /// Values kept for the life of the waterfall (persisted). After a load from storage a value may be a
    /// JToken or a long: read values with <see cref="GetValue{T}"/>/<see cref="TryGetValue{T}"/>.
    /// </summary>
    public IDictionary<string, object?> Values { get; }

    /// <summary>Skips to the next step with <paramref name="result"/> as its Result. Once per step.</summary>
    public Task<DialogTurnResult> NextAsync(object? result = null, CancellationToken cancellationToken = default)
    {
        if (_nextCalled)
        {
            throw new InvalidOperationException($"NextAsync was already called in step {Index} of waterfall '{_parent.Id}'.");
        }

        _nextCalled = true;
        return _parent.NextFromAsync(this, result, cancellationToken);
    }

    /// <summary>The options as <typeparamref name="T"/>, or default when there are none.</summary>
    /// <exception cref="DialogStateException">The persisted options have another shape.</exception>
    public T? GetOptions<T>() => StateValue.To<T>(Options);

    /// <summary>The value under <paramref name="key"/> as <typeparamref name="T"/>, or default when absent.</summary>
    /// <exception cref="DialogStateException">The persisted value has another shape.</exception>
    public T? GetValue<T>(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Values.TryGetValue(key, out var raw) ? StateValue.To<T>(raw) : default;
    }

    /// <summary>True when the value is present and readable as <typeparamref name="T"/>.</summary>
    public bool TryGetValue<T>(string key, out T? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        value = default;
        return Values.TryGetValue(key, out var raw) && StateValue.TryTo(raw, out value);
    }
}
