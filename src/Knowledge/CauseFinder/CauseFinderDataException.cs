namespace B12Bot.Knowledge.CauseFinder;

/// <summary>The cause-finder data cannot be used. The message names the file, the item and every problem.</summary>
public sealed class CauseFinderDataException : Exception
{
    public CauseFinderDataException()
        : this("causefinder.json", ["unknown problem"])
    {
    }

    public CauseFinderDataException(string message)
        : this("causefinder.json", [message])
    {
    }

    public CauseFinderDataException(string message, Exception innerException)
        : base(message, innerException)
    {
        FileName = "causefinder.json";
        Problems = [message];
    }

    public CauseFinderDataException(string fileName, IReadOnlyList<string> problems, Exception? innerException = null)
        : base(Describe(fileName, problems), innerException)
    {
        FileName = fileName;
        Problems = problems;
    }

    /// <summary>The file that was read.</summary>
    public string FileName { get; }

    /// <summary>Each problem, naming the item: "question 'dieet', option 'vegan': empty title".</summary>
    public IReadOnlyList<string> Problems { get; }

    private static string Describe(string fileName, IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return problems.Count == 1
            ? $"{fileName}: {problems[0]}"
            : $"{fileName}: {problems.Count} problems:{Environment.NewLine}" + string.Join(Environment.NewLine, problems.Select(p => "- " + p));
    }
}
