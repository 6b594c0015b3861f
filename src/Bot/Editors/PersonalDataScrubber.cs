using System.Text.RegularExpressions;

namespace B12Bot.Editors;

/// <summary>
/// Replaces personal data in a question before an editor ever sees it: e-mail addresses, web addresses, phone
/// numbers, Dutch postcodes, BSN and Belgian rijksregisternummers, dates (a date of birth is a date), years after
/// "geboren", and names where the sentence shows one ("mijn zoon Bram", "ik heet Els", "dokter Jansen").
/// Each is replaced by a marker in square brackets, e.g. <c>[e-mail]</c>, so the question still reads.
/// </summary>
public static partial class PersonalDataScrubber
{
    public const string Email = "[e-mail]";
    public const string Phone = "[telefoon]";
    public const string Postcode = "[postcode]";
    public const string CitizenNumber = "[burgerservicenummer]";
    public const string Date = "[datum]";
    public const string Name = "[naam]";
    public const string Link = "[link]";

    /// <summary>Words that often follow "mijn zoon" and are not a name (only checked for words without a capital).</summary>
    private static readonly HashSet<string> NotNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "heeft", "had", "hebben", "is", "was", "zijn", "wordt", "werd", "en", "of", "maar", "die", "dat", "van", "met", "wil",
        "kan", "kon", "moet", "mag", "zegt", "zei", "gebruikt", "eet", "at", "krijgt", "kreeg", "ook", "nu", "al", "sinds",
        "vraagt", "denkt", "voelt", "slikt", "neemt", "nam", "gaat", "ging", "loopt", "heb", "ben", "een", "de", "het", "in",
        "op", "bij", "voor", "na", "uit", "te", "tot", "niet", "geen", "erg", "heel", "zo", "dus", "toen", "als", "want",
        "doet", "leeft", "woont", "werkt", "zit", "staat", "lijkt", "kreeg", "zal", "zou", "moest", "mocht", "hoeft", "weet",
        "vegetarisch", "veganistisch", "oud", "jong", "ziek", "moe", "altijd", "vaak", "soms", "nooit", "ouder", "jaar",
    };

    /// <summary>The text with personal data replaced; null or empty stays as it is.</summary>
    public static string Scrub(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        var result = EmailPattern().Replace(text, Email);
        result = UrlPattern().Replace(result, Link);
        result = NationalRegisterPattern().Replace(result, CitizenNumber);
        result = DatePattern().Replace(result, Date);
        result = WrittenDatePattern().Replace(result, Date);
        result = BornYearPattern().Replace(result, m => m.Groups["lead"].Value + Date);
        result = PhonePattern().Replace(result, Phone);
        result = CitizenServiceNumberPattern().Replace(result, CitizenNumber);
        result = PostcodePattern().Replace(result, Postcode);
        result = RelativeNamePattern().Replace(result, ReplaceRelativeName);
        result = IntroducedNamePattern().Replace(result, m => m.Groups["lead"].Value + Name);
        result = TitledNamePattern().Replace(result, m => m.Groups["lead"].Value + Name);
        return result;
    }

    private static string ReplaceRelativeName(Match match)
    {
        var name = match.Groups["name"].Value;
        var capitalised = char.IsUpper(name[0]);
        return capitalised || !NotNames.Contains(name) ? match.Groups["lead"].Value + Name : match.Value;
    }

    [GeneratedRegex(@"[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"\b(?:https?://|www\.)\S+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 1000)]
    private static partial Regex UrlPattern();

    /// <summary>Belgian rijksregisternummer: JJ.MM.DD-XXX.CC, with or without its dots and dash.</summary>
    [GeneratedRegex(@"\b\d{2}\.?[01]\d\.?[0-3]\d[-\s]?\d{3}\.?\d{2}\b", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex NationalRegisterPattern();

    [GeneratedRegex(@"\b[0-3]?\d[-/.][01]?\d[-/.](?:19|20)?\d{2}\b", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"\b[0-3]?\d\s+(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec)\.?(?:\s+(?:19|20)\d{2})?\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 1000)]
    private static partial Regex WrittenDatePattern();

    [GeneratedRegex(@"(?<lead>\bgeboren\s+(?:in|op)?\s*)(?:19|20)\d{2}\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 1000)]
    private static partial Regex BornYearPattern();

    /// <summary>Dutch and Belgian numbers: +31/0031/0 then nine digits, +32/0032 then eight or nine, with spaces or dashes.</summary>
    [GeneratedRegex(@"(?<![\w+])(?:(?:\+|00)3[12][\s-]?(?:\(0\)[\s-]?)?|0)[1-9](?:[\s-]?\d){7,8}\b", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex PhonePattern();

    /// <summary>BSN: nine digits, possibly grouped with dots or spaces (any nine-digit number is treated as one).</summary>
    [GeneratedRegex(@"\b\d{3}[.\s]?\d{3}[.\s]?\d{3}\b|\b\d{4}[.\s]?\d{2}[.\s]?\d{3}\b", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex CitizenServiceNumberPattern();

    [GeneratedRegex(@"\b[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}\b|\b[1-9]\d{3}\s?(?!sa|sd|ss|mg|ug|ie|ml)[a-z]{2}\b", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex PostcodePattern();

    [GeneratedRegex(@"(?<lead>\b(?:mijn|m'n|onze|ons|zijn|haar)\s+(?:zoon|zoontje|dochter|dochtertje|kind|kindje|man|vrouw|echtgenoot|echtgenote|partner|vriend|vriendin|moeder|vader|mama|papa|moeke|pa|ma|broer|broertje|zus|zusje|zuster|opa|oma|kleinzoon|kleindochter|neef|nicht|oom|tante|buurman|buurvrouw|collega|schoonmoeder|schoonvader|schoonzoon|schoondochter|baby|huisarts|arts|dokter|apotheker)\s+)(?<name>\p{L}[\p{L}'-]{1,30})\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 1000)]
    private static partial Regex RelativeNamePattern();

    [GeneratedRegex(@"(?<lead>\b(?i:ik\s+heet|mijn\s+naam\s+is|ik\s+ben)\s+)\p{Lu}[\p{L}'-]{1,30}(?:\s+(?:van\s+(?:de|der|den)\s+|de\s+|van\s+)?\p{Lu}[\p{L}'-]{1,30})?", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex IntroducedNamePattern();

    [GeneratedRegex(@"(?<lead>\b(?i:dokter|dr\.?|huisarts|mevrouw|mevr\.?|meneer|mijnheer|dhr\.?|mw\.?)\s+)\p{Lu}[\p{L}'-]{1,30}", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex TitledNamePattern();
}
