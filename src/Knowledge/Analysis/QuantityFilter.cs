using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace B12Bot.Knowledge.Analysis;

/// <summary>
/// Drops a number that counts what follows it: "90 tabletjes", "1000 mcg", "3 keer", "12 euro". Such a number is an
/// amount, never an age ("mijn moeder van 90" keeps its 90), and the amount itself is not what the knowledge is about.
/// Runs after lower-casing and accent folding, before the lexicon's phrases.
/// </summary>
internal sealed class QuantityFilter : TokenFilter
{
    /// <summary>What a number counts when it is an amount: forms, units, money, times.</summary>
    public static IReadOnlySet<string> CountWords { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "tablet", "tabletten", "tabletje", "tabletjes", "tabs", "pil", "pillen", "pilletjes", "pillekes", "capsule",
        "capsules", "caps", "softgels", "kauwtabletten", "zuigtabletten", "smelttabletten", "stuk", "stuks", "druppel",
        "druppels", "ampul", "ampullen", "flesje", "flesjes", "potje", "potjes", "doosje", "doosjes", "zakje", "zakjes",
        "mcg", "ug", "µg", "μg", "mg", "microgram", "microgrammen", "milligram", "gram", "ml", "ie", "iu",
        "euro", "eur", "keer", "x",
    };

    private readonly ICharTermAttribute term;
    private State? pending;
    private bool exhausted;

    public QuantityFilter(TokenStream input)
        : base(input)
    {
        term = AddAttribute<ICharTermAttribute>();
    }

    public override bool IncrementToken()
    {
        if (pending is not null)
        {
            // A token read ahead; a number among them is looked at like any other.
            RestoreState(pending);
            pending = null;
        }
        else if (exhausted || !m_input.IncrementToken())
        {
            exhausted = true;
            return false;
        }

        if (!IsNumber())
        {
            return true;
        }

        var number = CaptureState();
        if (!m_input.IncrementToken())
        {
            exhausted = true;
            RestoreState(number);
            return true;
        }

        if (CountWords.Contains(term.ToString()))
        {
            // The count word stands in the number's place.
            return true;
        }

        pending = CaptureState();
        RestoreState(number);
        return true;
    }

    public override void Reset()
    {
        base.Reset();
        pending = null;
        exhausted = false;
    }

    private bool IsNumber()
    {
        var buffer = term.Buffer;
        for (var i = 0; i < term.Length; i++)
        {
            if (!char.IsAsciiDigit(buffer[i]) && buffer[i] is not ('.' or ','))
            {
                return false;
            }
        }

        return term.Length > 0 && char.IsAsciiDigit(buffer[0]);
    }
}
