using B12Bot.Dialogs;
using B12Bot.Tests.Testing;

namespace B12Bot.Tests.Walkthrough;

/// <summary>
/// People who type their answers as they would say them, told in any order, numbers and corrections included: each
/// reaches the causes that fit without being asked anything they already said and without a plain answer refused.
/// </summary>
public sealed class TypedPersonaTests : IClassFixture<TypedPersonaTests.Host>
{
    private const string Diet = "< Hoe eet u meestal? [Veganistisch|Vegetarisch|Ik eet alles|Weet ik niet]";
    private const string Age = "< Hoe oud bent u? [Jonger dan 50|50 tot 65 jaar|65 jaar of ouder|Weet ik niet]";
    private const string Surgery = "< Heeft u ooit een operatie aan uw maag of darmen gehad? [Gastric bypass|Sleeve (maagverkleining)|(Gedeeltelijke) maagverwijdering|Operatie aan de dunne darm|Nee, geen operatie|Weet ik niet]";
    private const string SurgeryMore = "< Heeft u daarnaast nog een van deze operaties gehad? [Operatie aan de dunne darm|Nee, verder niets|Weet ik niet]";
    private const string Bowel = "< Heeft u een darmziekte zoals de ziekte van Crohn of coeliakie? [Ziekte van Crohn|Coeliakie|Nee|Weet ik niet]";
    private const string Immune = "< Heeft een arts bij u een van deze aandoeningen vastgesteld? [Pernicieuze anemie (Biermer)|Auto-immuun gastritis|Diabetes type 1|Lupus (SLE)|Multiple sclerose (MS)|Nee, geen van deze|Weet ik niet]";
    private const string Medicines = "< Gebruikt u een van deze medicijnen? [Maagzuurremmer (zoals omeprazol)|Metformine|Nee, geen van deze|Weet ik niet]";
    private const string Alcohol = "< Drinkt u al langere tijd veel alcohol? [Ja|Nee|Weet ik niet]";
    private const string Fish = "< Eet u weleens rauwe of onvoldoende verhitte zoetwatervis? [Ja|Nee|Weet ik niet]";
    private const string Symptoms = "< Heeft u een of meer van deze klachten? [Vermoeidheid|Tintelingen in handen of voeten|Geheugen- of concentratieproblemen|Somberheid of prikkelbaarheid|Moeite met lopen of evenwicht|Verwardheid|Plotselinge zwakte of gevoelloosheid|Nee, geen van deze|Weet ik niet]";
    private const string Review = "<~ Dit zijn uw antwoorden:";
    private const string ReviewQuestion = "<~ Klopt dit? Dan laat ik zien welke oorzaken passen.";
    private const string Ending = "<~ Wat u met uw huisarts kunt bespreken";

    private readonly BotServices bot;

    public TypedPersonaTests(Host host) => bot = host.Bot;

    public sealed class Host : IDisposable
    {
        public BotServices Bot { get; } = new();

        public void Dispose() => Bot.Dispose();
    }

    /// <summary>persona → the conversation, line by line.</summary>
    public static TheoryData<string, string[]> Personas => new()
    {
        {
            "78, omeprazol, said in the why-question that starts it (answered from the article first)",
            [
                "> Waarom is mijn B12 laag? Ik ben 78 jaar en slik al jaren omeprazol.",
                "<~ Bron:",
                "< {intro}",
                "< Genoteerd: 65 jaar of ouder, maagzuurremmer.",
                Diet,
                "> ik eet alles",
                Surgery,
                "> nooit geopereerd",
                Bowel,
                "> nee hoor",
                Immune,
                "> niet dat ik weet",
                Alcohol,
                "> af en toe een wijntje",
                Fish,
                "> nee",
                Symptoms,
                "> nee",
                Review,
                ReviewQuestion,
                "> klopt",
                "<~ 1. **Bijwerking van medicijnen** [1]  \nU gaf aan dat u een maagzuurremmer (protonpompremmer) gebruikt;",
                Ending,
            ]
        },
        {
            "metformine told at the diet question, medicines refused no more",
            [
                "> Kun je mij helpen uitzoeken waarom mijn B12 laag is?",
                "< {intro}",
                Diet,
                "> ik eet alles, maar ik slik wel metformine voor mijn suiker",
                "< Genoteerd: metformine.",
                Age,
                "> 34",
                Surgery,
                "> nee",
                Bowel,
                "> ik slik al jaren omeprazol en metformine",
                "< Genoteerd: maagzuurremmer.",
                Bowel,
                "> af en toe een glas wijn",
                "< Genoteerd: alcohol: nee.",
                Bowel,
                "> nee",
                Immune,
                "> nee",
                Fish,
                "> nee",
                Symptoms,
                "> moe",
                "< Heeft u daarnaast nog een van deze klachten? [Moeite met lopen of evenwicht|Verwardheid|Plotselinge zwakte of gevoelloosheid|Nee, verder niets|Weet ik niet]",
                "> nee",
                Review,
                ReviewQuestion,
                "> ja",
                "<~ 1. **Bijwerking van medicijnen**",
                Ending,
            ]
        },
        {
            "72 and vegan at once, numbers and ordinals for the rest",
            [
                "> Waarom is mijn B12 zo laag?",
                "<~ Bron:",
                "< {intro}",
                Diet,
                "> ik ben 72 en veganist",
                "< Genoteerd: 65 jaar of ouder.",
                Surgery,
                "> 1",
                SurgeryMore,
                "> de tweede",
                Bowel,
                "> crohn en coeliakie",
                Immune,
                "> 6",
                Medicines,
                "> ik slik niks",
                Alcohol,
                "> nee",
                Fish,
                "> nee",
                Symptoms,
                "> nee",
                Review,
                ReviewQuestion,
                "> 1",
                "<~ 1. **Een operatie aan de maag**",
                Ending,
            ]
        },
        {
            "a correction, and a changed answer at the review",
            [
                "> Waarom is mijn B12 laag?",
                "< {intro}",
                Diet,
                "> veganist",
                Age,
                "> ik ben 78",
                Surgery,
                "> nee wacht, ik ben vegetariër",
                "< Aangepast: vegetarisch.",
                Surgery,
                "> nee",
                Bowel,
                "> nee",
                Immune,
                "> nee",
                Medicines,
                "> nee",
                Alcohol,
                "> nee",
                Fish,
                "> nee",
                Symptoms,
                "> nee",
                "<~ - **Eten**: Vegetarisch",
                ReviewQuestion,
                "> wijzig leeftijd",
                "< Goed, dan vraag ik opnieuw naar leeftijd.",
                Age,
                "> 45",
                "<~ - **Leeftijd**: Jonger dan 50",
                ReviewQuestion,
                "> ik drink toch best veel",
                "< Aangepast: alcohol: ja.",
                "<~ - **Alcohol**: Ja",
                ReviewQuestion,
                "> Klopt, toon de uitkomst",
                "<~ 1. **Langdurig veel alcohol**",
                Ending,
            ]
        },
        {
            "a story about one's own low B12 starts it; 'weet ik niet' is answered later after all",
            [
                "> Hoi, mijn B12 is te laag. Ik ben een vrouw van 67, eet geen vlees en heb 5 jaar geleden een maagverkleining gehad.",
                "< {intro}",
                "< Genoteerd: vegetarisch, 65 jaar of ouder, sleeve.",
                SurgeryMore,
                "> nee",
                Bowel,
                "> nee",
                Immune,
                "> nee",
                Medicines,
                "> geen idee",
                Alcohol,
                "> ik gebruik pantoprazol",
                "< Genoteerd: maagzuurremmer.",
                Alcohol,
                "> ik ben veganist",
                "< U gaf eerder een ander antwoord over eten. Wilt u dat wijzigen, typ dan bijvoorbeeld 'nee wacht, …', of wijzig het straks in het overzicht van uw antwoorden.",
                Alcohol,
                "> nee hoor",
                Fish,
                "> nooit",
                Symptoms,
                "> ik ben altijd moe en heb tintelende voeten",
                "< Heeft u daarnaast nog een van deze klachten? [Moeite met lopen of evenwicht|Verwardheid|Plotselinge zwakte of gevoelloosheid|Nee, verder niets|Weet ik niet]",
                "> nee",
                "<~ - **Klachten**: Vermoeidheid, Tintelingen in handen of voeten",
                ReviewQuestion,
                "> klopt",
                "<~ 1. **Een operatie aan de maag**",
                Ending,
            ]
        },
        {
            "everything told in the request for help",
            [
                "> Kun je helpen uitzoeken waarom mijn b12 te laag is? Ik ben 58, eet wel vlees, geen operaties gehad, neem wel pantoprazol en drink bijna niks",
                "< {intro}",
                "< Genoteerd: ik eet alles, 50 tot 65 jaar, geen operatie, maagzuurremmer, alcohol: nee.",
                Bowel,
                "> nee hoor geen darmziekte",
                Immune,
                "> heb ik niet",
                Fish,
                "> nee",
                Symptoms,
                "> ik heb last van mijn geheugen en ben snel moe",
                "< Heeft u daarnaast nog een van deze klachten? [Moeite met lopen of evenwicht|Verwardheid|Plotselinge zwakte of gevoelloosheid|Nee, verder niets|Weet ik niet]",
                "> nee, verder niks",
                "<~ - **Klachten**: Vermoeidheid, Geheugen- of concentratieproblemen",
                ReviewQuestion,
                "> terug",
                "< We gaan een vraag terug.",
                "< Heeft u daarnaast nog een van deze klachten? [Moeite met lopen of evenwicht|Verwardheid|Plotselinge zwakte of gevoelloosheid|Nee, verder niets|Weet ik niet]",
                "> nee",
                Review,
                ReviewQuestion,
                "> toon de uitkomst",
                "<~ 1. **Bijwerking van medicijnen**",
                "<~ U noemde vermoeidheid en geheugen- of concentratieproblemen.",
            ]
        },
    };

    [Fact]
    public async Task A_plain_yes_to_a_question_of_things_is_asked_which()
    {
        await new Conversation(bot).PlayAsync(
            "> help me de oorzaak vinden",
            "< {intro}",
            Diet,
            "> alles",
            Age,
            "> 40",
            Surgery,
            "> ja",
            "< Welke? Kies wat bij u past, of typ het; meer dan één mag ook.",
            Surgery,
            "> ja, een bypass",
            SurgeryMore);
    }

    /// <summary>
    /// In the terminal a question's options are numbered in its text and a number means the list just shown, not a
    /// list of buttons shown earlier (the welcome's).
    /// </summary>
    [Fact]
    public async Task In_the_terminal_a_number_means_the_list_just_shown()
    {
        await Conversation.PlayInTerminalAsync(
            bot,
            "<~ 1. Waarom is mijn B12 laag?",
            "> 1",
            "<~ {intro}",
            "<~ Hoe eet u meestal?",
            "<~ 1. Veganistisch",
            "> 1",
            "<~ Hoe oud bent u?",
            "> ik ben 78 en slik omeprazol",
            "<~ Genoteerd: maagzuurremmer.",
            "<~ Heeft u ooit een operatie aan uw maag of darmen gehad?",
            "> 5",
            "<~ Heeft u een darmziekte",
            "> de derde",
            "<~ Heeft een arts bij u een van deze aandoeningen vastgesteld?",
            "> 6",
            "<~ Drinkt u al langere tijd veel alcohol?",
            "> 2",
            "<~ Eet u weleens rauwe of onvoldoende verhitte zoetwatervis? (1) Ja, (2) Nee of (3) Weet ik niet",
            "> 2",
            "<~ Heeft u een of meer van deze klachten?",
            "> 8",
            "<~ - Eten: Veganistisch",
            "<~ - Medicijnen: Maagzuurremmer (zoals omeprazol)",
            "<~ 1. Klopt, toon de uitkomst",
            "> 1",
            "<~ 1. Bijwerking van medicijnen",
            "<~ 1. Samenvatting voor uw huisarts",
            "> 1",
            "<~ Samenvatting voor uw huisarts",
            "<~ Dit is geen diagnose.");
    }

    [Theory]
    [MemberData(nameof(Personas))]
    public async Task A_typed_persona_reaches_the_causes_without_being_asked_again(string persona, string[] lines)
    {
        Assert.NotEmpty(persona);
        await new Conversation(bot).PlayAsync(lines);
    }
}
