using B12Bot.Knowledge.Safety;

namespace B12Bot.Knowledge.Tests.Safety;

public sealed class RedFlagDetectorTests
{
    private static readonly RedFlagDetector Detector = RedFlagDetector.Load(Path.Combine(RepoRoot(), "knowledge", "redflags.json"));

    [Theory]
    [InlineData("Ik kan sinds vanochtend ineens niet meer goed lopen", "lopen")]
    [InlineData("ik heb moeite met lopen", "lopen")]
    [InlineData("Mijn vader is de laatste dagen erg verward", "verward")]
    [InlineData("ze is helemaal in de war", "verward")]
    [InlineData("ik voel me ineens zwak aan één kant", "plotseling")]
    [InlineData("Plotseling gevoelloos in mijn arm!", "plotseling")]
    [InlineData("mijn been voelt verlamd", "plotseling")]
    [InlineData("hij is flauwgevallen", "bewustzijn")]
    [InlineData("ik heb pijn op de borst", "borst")]
    [InlineData("ik wil niet meer leven", "psyche")]
    [InlineData("ÏK BEN VERWARD", "verward")]
    public void Red_flag_symptoms_are_recognised(string text, string sign) =>
        Assert.Equal(sign, Detector.Detect(text));

    [Theory]
    [InlineData("Wat zijn de neurologische symptomen van B12-tekort?")]
    [InlineData("ik heb last van tintelingen in mijn vingers")]
    [InlineData("ik ben vaak moe")]
    [InlineData("kan ik lopen na een maagoperatie?")]
    [InlineData("balansproblemen door b12?")]
    [InlineData("")]
    [InlineData(null)]
    public void Ordinary_questions_are_no_red_flag(string? text) =>
        Assert.Null(Detector.Detect(text));

    private static readonly RedFlagDetector Small = new("bel de huisarts", new Dictionary<string, IReadOnlyList<string>>
    {
        ["eerste"] = ["pijn borst", "plots* zwak"],
        ["tweede"] = ["zwak", "kan niet lopen"],
        ["derde"] = ["verward*"],
    });

    [Theory]
    [InlineData("ik voel me zwak", "tweede")]
    [InlineData("plotseling zwak", "eerste")] // both signs match: the first in the file is reported
    [InlineData("zwak en pijn op de borst", "eerste")]
    [InlineData("pijn in mijn borst", "eerste")] // two words between: still the phrase
    [InlineData("pijn aan de knie en in de borst", null)] // more than two words between: not
    [InlineData("ik kan opeens niet meer lopen", "tweede")]
    [InlineData("ze is VERWARDER dan ooit", "derde")]
    [InlineData("borst pijn", null)] // the words in the wrong order
    [InlineData("zwakte", null)] // a whole word is not a prefix
    public void A_phrase_matches_its_words_in_order_and_the_first_sign_in_the_file_wins(string text, string? sign) =>
        Assert.Equal(sign, Small.Detect(text));

    [Fact]
    public void The_advice_names_the_huisarts_and_112() =>
        Assert.Multiple(
            () => Assert.Contains("huisarts", Detector.Advice, StringComparison.Ordinal),
            () => Assert.Contains("112", Detector.Advice, StringComparison.Ordinal));

    [Theory]
    [InlineData("{", "invalid JSON")]
    [InlineData("""{"advice":"","signs":[{"id":"a","patterns":["x"]}]}""", "advice")]
    [InlineData("""{"advice":"bel","signs":[{"id":"a","patterns":["x"]},{"id":"a","patterns":["y"]}]}""", "duplicate sign id 'a'")]
    [InlineData("""{"advice":"bel","signs":[{"id":"a","patterns":[""]}]}""", "sign 'a'")]
    public void A_bad_file_fails_naming_the_file_and_the_problem(string json, string problem)
    {
        var path = Path.Combine(Path.GetTempPath(), $"redflags-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        try
        {
            var error = Assert.Throws<InvalidDataException>(() => RedFlagDetector.Load(path));
            Assert.Contains(Path.GetFileName(path), error.Message, StringComparison.Ordinal);
            Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "B12Bot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("B12Bot.sln not found above the test binaries");
    }
}
