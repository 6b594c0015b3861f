using System.Collections.Concurrent;

namespace B12Bot.Knowledge;

/// <summary>
/// Remembers the answers to recent questions. The knowledge does not change while the bot runs, so the same text
/// always gets the same answer; and the same texts arrive again and again (every follow-up and topic button sends
/// its question verbatim). Those skip analysis and search.
/// </summary>
/// <remarks>
/// Bounded and lock-free on reads: two generations of at most half the capacity each. New answers go into the
/// young generation; when it is full it becomes the old one and the previous old one is dropped; an answer found
/// in the old generation moves back to the young one. Questions longer than <see cref="MaxQuestionLength"/>
/// characters are not kept.
/// </remarks>
public sealed class CachingAnswerer : IAnswerer, IDisposable
{
    /// <summary>Longer questions are answered every time, so one entry stays small.</summary>
    public const int MaxQuestionLength = 300;

    private readonly IAnswerer inner;
    private readonly int generationSize;
    private readonly Lock gate = new();
    private Generation young = new();
    private Generation old = new();

    /// <param name="inner">The answerer whose answers are kept.</param>
    /// <param name="capacity">How many questions at most are remembered; 0 turns the cache off.</param>
    public CachingAnswerer(IAnswerer inner, int capacity)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        this.inner = inner;
        generationSize = capacity / 2;
    }

    public Answer Ask(string? question)
    {
        if (generationSize == 0 || question is null || question.Length > MaxQuestionLength)
        {
            return inner.Ask(question);
        }

        if (Volatile.Read(ref young).Answers.TryGetValue(question, out var answer))
        {
            return answer;
        }

        if (!Volatile.Read(ref old).Answers.TryGetValue(question, out answer))
        {
            answer = inner.Ask(question);
        }

        Keep(question, answer);
        return answer;
    }

    /// <summary>Disposes the answerer it wraps.</summary>
    public void Dispose() => (inner as IDisposable)?.Dispose();

    private void Keep(string question, Answer answer)
    {
        var generation = Volatile.Read(ref young);
        if (generation.Answers.TryAdd(question, answer) && Interlocked.Increment(ref generation.Count) == generationSize)
        {
            lock (gate)
            {
                Volatile.Write(ref old, generation);
                Volatile.Write(ref young, new Generation());
            }
        }
    }

    private sealed class Generation
    {
        public ConcurrentDictionary<string, Answer> Answers { get; } = new(StringComparer.Ordinal);

        // A field, so that Interlocked can count in it.
        public int Count;
    }
}
