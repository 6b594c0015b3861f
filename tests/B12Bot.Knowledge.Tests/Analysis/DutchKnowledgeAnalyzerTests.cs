using B12Bot.Knowledge.Analysis;
using B12Bot.Knowledge.Tests.TestSupport;

namespace B12Bot.Knowledge.Tests.Analysis;

/// <summary>
/// What our Dutch chain makes of text, as "input → tokens": positions separated by a space, tokens stacked on one
/// position by "/", a corrected typo marked "~".
/// </summary>
public sealed class DutchKnowledgeAnalyzerTests
{
    private static readonly Lazy<DutchKnowledgeAnalyzer> IndexAnalyzer =
        new(() => new DutchKnowledgeAnalyzer(AnalysisResources.Build(RealKnowledge.Base.Lexicon)));

    [Theory]
    // an amount is no age: the number before what it counts is dropped, an age keeps its meaning
    [InlineData("prijs b12 1000 mcg 60 tabletten", "prijs b12 mcg/microgram tablet/supplement")]
    [InlineData("mijn moeder is 90", "90/ouder/leeftijd")]
    // B12 however it is written is one token
    [InlineData("B12-tekort", "b12 tekort")]
    [InlineData("b12", "b12")]
    [InlineData("B 12", "b12")]
    [InlineData("b-12 tekort", "b12 tekort")]
    [InlineData("Vitamine B₁₂", "b12")]
    [InlineData("vitamine-B12", "b12")]
    [InlineData("ab 12", "ab 12")]
    [InlineData("B123", "b123")]
    // lower case, accents folded, apostrophes dropped
    [InlineData("Pariëtale cellen", "parietal cell")]
    [InlineData("diëten", "diet")]
    [InlineData("coëliakie", "coeliakie")]
    [InlineData("Topvitamine’s", "topvitamin")]
    [InlineData("ppi's", "ppi/protonpompremmer")]
    // our stop list drops function words but keeps the words that carry meaning here
    [InlineData("de het een van ik", "")]
    [InlineData("niet geen zonder veel meer te", "niet gen zonder vel mer te")]
    [InlineData("AND OR NOT", "")]
    // greetings and when a complaint started are its setting, not what is asked
    [InlineData("goedendag, de laatste tijd moe", "tijd moe/vermoeid")]
    [InlineData("sinds vorig jaar en sindsdien", "jar")]
    // compounds: the whole word and its known parts on one position
    [InlineData("b12tekort", "b12tekort/b12/tekort")]
    [InlineData("vitaminetekort", "vitaminetekort/vitamin/tekort")]
    [InlineData("voedingssupplementen", "voedingssupplement/voeding/supplement")]
    [InlineData("bloedarmoede", "bloedarmoed/bloed/armoed/anemie")]
    [InlineData("darmziekte", "darmziekt/darm/ziekt/darmaandoen")]
    [InlineData("maagoperatie", "maagoperatie/mag/operatie/maagoperatie/bypas")]
    [InlineData("vislintworm", "vislintworm/vis/lintworm")]
    [InlineData("koningin", "koningin")]
    // synonyms: lay words, Belgian words and medicine names stack the article's word; a phrase becomes its meaning
    [InlineData("maagverkleining", "maagverklein/mag/verklein/maagoperatie/bypas")]
    [InlineData("sleeve", "slev/maagoperatie/bypas")]
    [InlineData("omeprazol", "omeprazol/protonpompremmer")]
    [InlineData("pantoprazol", "pantoprazol/protonpompremmer")]
    [InlineData("esomeprazol", "esomeprazol/protonpompremmer")]
    [InlineData("maagzuurremmer", "maagzuurremmer/maagzur/remmer/protonpompremmer")]
    [InlineData("ziekte van Biermer", "ziekt biermer/pernicieuz/anemie")]
    [InlineData("glutenintolerantie", "glutenintolerantie/glut/intolerantie/coeliakie")]
    [InlineData("prikken", "prik/injectie")]
    [InlineData("bloed laten prikken", "bloedtest/bloedonderzoek")]
    [InlineData("tintelende vingers", "tintel/tintel vinger")]
    [InlineData("moe", "moe/vermoeid")]
    [InlineData("geen vlees", "vegetarier/veganist")]
    [InlineData("vegan", "vegan/veganist/plantaard")]
    [InlineData("veganistisch", "veganist/veganist/plantaard")]
    [InlineData("senioren", "senior/ouder/leeftijd")]
    [InlineData("te veel", "tevel")]
    [InlineData("overdosis", "overdosis/tevel")]
    [InlineData("hoe vaak", "frequentie")]
    [InlineData("bloedname", "bloednam/bloedtest/bloedonderzoek")]
    [InlineData("huisdokter", "")]
    // English words stack the article's word; English function words are dropped
    [InlineData("vitamin B12 deficiency", "b12 deficiency/tekort")]
    [InlineData("pins and needles", "tintel")]
    [InlineData("gastric bypass", "maagoperatie/bypas")]
    [InlineData("what is the", "")]
    // phrases of an untreated or lasting tekort become complications
    [InlineData("als je het niet behandelt", "complicaties")]
    [InlineData("blijvende schade", "complicaties")]
    // one word for auto-immune, so it is not a car
    [InlineData("auto-immuun", "autoimmun")]
    [InlineData("Auto immuunziekte", "autoimmuunziekt/autoimmun/ziekt/autoimmun")]
    // multi-word topic words become one token of their own
    [InlineData("vitamine D", "vitamin/vitamine_d d")]
    [InlineData("hoe laat", "hoe_lat")]
    // stems the stemmer would split are kept together
    [InlineData("daalt dalen daling", "dal/lag dal/lag/dal dal/lag/dal")]
    [InlineData("gemeten meten", "met met")]
    // search syntax is just punctuation
    [InlineData("AND (", "")]
    [InlineData("b12?", "b12")]
    [InlineData("\"", "")]
    [InlineData("*", "")]
    [InlineData("-", "")]
    [InlineData("", "")]
    public void Indexing_analysis(string input, string tokens)
    {
        Assert.Equal(tokens, TokenDump.Describe(IndexAnalyzer.Value, input));
    }

    [Theory]
    // typos become the nearest word of the knowledge that starts with the same letter
    [InlineData("pernicieze anemie", "pernicieuz~ anemie")]
    [InlineData("na een bipass", "bypas~")]
    [InlineData("coeliakei", "coeliakie~")]
    [InlineData("symtomen", "symptom~")]
    [InlineData("vitamne", "vitamin~")]
    [InlineData("vislintwrom", "vislintworm~/vis~/lintworm~")]
    // a corrected word can complete a phrase of the lexicon
    [InlineData("gastric bipass", "maagoperatie/bypas")]
    // a five-letter word the general vocabulary does not know is a typo too, one it knows is not ("kaart")
    [InlineData("vegan b12 tekrt", "vegan/veganist/plantaard b12 tekort~")]
    [InlineData("risco b12", "risico~ b12")]
    [InlineData("kaart b12", "kaart b12")]
    // but shorter words, known words and ordinary words we list are left alone
    [InlineData("b12 tkrt", "b12 tkrt")]
    [InlineData("winkel", "winkel")]
    [InlineData("koning", "koning")]
    [InlineData("hoofdpijn", "hoofdpijn")]
    [InlineData("qwerty", "qwerty")]
    // a word whose stem is known is not a typo
    [InlineData("tintelende", "tintel/tintel")]
    public void Question_analysis_tolerates_typos(string input, string tokens)
    {
        Assert.Equal(tokens, RealKnowledge.Answerer.DescribeAnalysis(input));
    }
}
