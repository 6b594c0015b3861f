namespace B12Bot.Knowledge;

/// <summary>
/// The knowledge files are unusable. The message names the file, the entry and every problem found, so that the
/// host can refuse to start with a message a maintainer can act on.
/// </summary>
public sealed class KnowledgeValidationException : Exception
{
    public KnowledgeValidationException()
        : this("Knowledge files are invalid.")
    {
    }

    public KnowledgeValidationException(string message)
        : base(message)
    {
        FileName = string.Empty;
        Problems = [message];
    }

    public KnowledgeValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        FileName = string.Empty;
        Problems = [message];
    }

    public KnowledgeValidationException(string fileName, IReadOnlyList<string> problems, Exception? innerException = null)
        : base(Describe(fileName, problems), innerException)
    {
        FileName = fileName;
        Problems = problems;
    }

    /// <summary>The file at fault (as given to the loader).</summary>
    public string FileName { get; }

    /// <summary>Each problem on its own, e.g. <c>entry 'faq-03': "paragraphs" is empty</c>.</summary>
    public IReadOnlyList<string> Problems { get; }

    private static string Describe(string fileName, IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var count = problems.Count == 1 ? "1 problem" : $"{problems.Count} problems";
        return $"Knowledge file '{fileName}' is invalid ({count}):{Environment.NewLine}  - "
            + string.Join(Environment.NewLine + "  - ", problems);
    }
}
