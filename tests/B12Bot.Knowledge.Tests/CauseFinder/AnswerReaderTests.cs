using B12Bot.Knowledge.CauseFinder;

namespace B12Bot.Knowledge.Tests.CauseFinder;

public sealed class AnswerReaderTests
{
    private static CauseFinderRules Rules => CauseFinderFiles.Rules;

    /// <summary>
    /// The question asked ("-" for none: the message that starts the walkthrough), what is typed → what is read:
    /// the options for the question asked, then " | " and the answers to other questions ("question=options").
    /// </summary>
    [Theory]
    [InlineData("-", "Waarom is mijn B12 laag? Ik ben 78 jaar en slik al jaren omeprazol.", " | leeftijd=65-plus; medicijnen=maagzuurremmer")]
    [InlineData("-", "ik ben 72 en veganist", " | dieet=veganistisch; leeftijd=65-plus")]
    [InlineData("-", "Kun je mij helpen uitzoeken waarom mijn B12 laag is?", " | ")]
    [InlineData("-", "sinds mijn gastric bypass is mijn B12 laag", " | operatie=gastric-bypass")]
    [InlineData("dieet", "ik eet alles, maar ik slik wel metformine voor mijn suiker", "alles | medicijnen=metformine")]
    [InlineData("dieet", "ik ben 72 en veganist", "veganistisch | leeftijd=65-plus")]
    [InlineData("darmziekte", "ik slik al jaren omeprazol en metformine", " | medicijnen=maagzuurremmer metformine")]
    [InlineData("darmziekte", "af en toe een glas wijn", " | alcohol=nee")]
    [InlineData("darmziekte", "crohn en coeliakie", "crohn coeliakie | ")]
    [InlineData("medicijnen", "ik slik niks", "geen | ")]
    [InlineData("medicijnen", "ik drink niet", " | alcohol=nee")]
    [InlineData("medicijnen", "nee, maar ik drink wel veel", "geen | alcohol=ja")]
    [InlineData("operatie", "nooit geopereerd", "geen | ")]
    [InlineData("operatie", "niet dat ik weet", "geen | ")]
    [InlineData("operatie", "ik eet geen vlees", " | dieet=vegetarisch")]
    [InlineData("darmziekte", "nee hoor", "geen | ")]
    [InlineData("leeftijd", "34", "onder-50 | ")]
    [InlineData("leeftijd", "ik ben 78", "65-plus | ")]
    [InlineData("alcohol", "af en toe een wijntje", "nee | ")]
    [InlineData("alcohol", "ja hoor", "ja | ")]
    [InlineData("klachten", "ik ben vaak moe en drink weinig", "vermoeidheid | alcohol=nee")]
    [InlineData("medicijnen", "ik slik al 10 jaar metformine", "metformine | ")]
    [InlineData("operatie", "ik ben 10 jaar geleden aan mijn maag geopereerd", " | ")]
    [InlineData("vis", "ik heb geen klachten", " | klachten=geen")]
    [InlineData("leeftijd", "ik ben vijfenzestig", "65-plus | ")]
    [InlineData("leeftijd", "tweeënvijftig", "50-64 | ")]
    [InlineData("leeftijd", "80+", "65-plus | ")]
    [InlineData("dieet", "ik ben pescotariër", "vegetarisch | ")]
    [InlineData("operatie", "alleen mijn blindedarm", "geen | ")]
    [InlineData("darmziekte", "nee, alleen prikkelbare darm", "geen | ")]
    [InlineData("auto-immuun", "suikerziekte type 2", "geen | ")]
    [InlineData("medicijnen", "alleen paracetamol", "geen | ")]
    [InlineData("medicijnen", "pantozol", "maagzuurremmer | ")]
    [InlineData("alcohol", "geen druppel", "nee | ")]
    [InlineData("klachten", "moe, tintelingen en ik vergeet veel", "vermoeidheid tintelingen geheugen | ")]
    [InlineData("klachten", "mijn benen slapen vaak", "tintelingen | ")]
    [InlineData("dieet", "ik ben zeventig en eet alles", "alles | leeftijd=65-plus")]
    public void Reads_answers_to_the_question_asked_and_to_the_others(string askedId, string typed, string expected)
    {
        var asked = askedId == "-" ? null : new NextQuestion(Rules.FindQuestion(askedId)!, IsFollowUp: false, Rules.FindQuestion(askedId)!.Options);

        var reading = AnswerReader.Read(Rules, new Dictionary<string, IReadOnlyCollection<string>>(), asked, typed);

        Assert.Equal(expected, Show(reading));
    }

    /// <summary>Answers given so far, what is typed → the answers it changes (a correction), the question asked being "vis".</summary>
    [Theory]
    [InlineData("dieet=veganistisch", "nee wacht, ik ben vegetariër", true, " | dieet=vegetarisch")]
    [InlineData("dieet=veganistisch", "ik ben vegetariër", false, " | ")]
    [InlineData("leeftijd=onder-50", "sorry, ik ben 67", true, " | leeftijd=65-plus")]
    [InlineData("dieet=veganistisch", "nee wacht, ik ben veganist", true, " | ")]
    public void A_correction_changes_an_answer_already_given(string answered, string typed, bool correction, string expected)
    {
        var answers = answered.Split(';').Select(a => a.Split('='))
            .ToDictionary(a => a[0], a => (IReadOnlyCollection<string>)a[1].Split(' '), StringComparer.Ordinal);
        var vis = Rules.FindQuestion("vis")!;

        var reading = AnswerReader.Read(Rules, answers, new NextQuestion(vis, false, vis.Options), typed);

        Assert.Equal(correction, reading.Correction);
        Assert.Equal(expected, Show(reading));
    }

    [Fact]
    public void The_words_of_a_correction_are_no_answer_to_the_question_asked()
    {
        var operatie = Rules.FindQuestion("operatie")!;

        var reading = AnswerReader.Read(Rules, new Dictionary<string, IReadOnlyCollection<string>>(), new NextQuestion(operatie, false, operatie.Options), "nee wacht, ik ben vegetariër");

        Assert.Empty(reading.Asked);
    }

    private static string Show(AnswerReading reading) =>
        string.Join(' ', reading.Asked.Select(o => o.Id)) + " | "
        + string.Join("; ", reading.Told.Select(t => t.Question.Id + "=" + string.Join(' ', t.Options.Select(o => o.Id))));
}
