using B12Bot.Knowledge.Analysis;

namespace B12Bot.Knowledge.Search;

/// <summary>Turns a question into its <see cref="QueryPlan"/>, from the analysed words (and the pharmacy words as typed). Thread-safe.</summary>
internal sealed class QueryPlanner
{
    private const int TrustedCorrectionLength = 6;

    private readonly KnowledgeIndex index;
    private readonly AnswererOptions options;

    public QueryPlanner(KnowledgeIndex index, AnswererOptions options)
    {
        this.index = index;
        this.options = options;
    }

    public QueryPlan Plan(string question)
    {
        var positions = AnalyzedText.Read(index.QueryAnalyzer, question, options.MaxConcepts);
        var weights = index.Weights;
        var resources = index.Resources;
        var concepts = new List<Concept>(positions.Count);
        var pharmacy = SurfaceAnalyzer.Tokens(question).Any(resources.PharmacyWords.Contains);
        bool core = false, topic = false, shop = false, nutrient = false, coreOtherThanMedicine = false, service = false, medicine = false, act = false;
        var generic = new HashSet<string>(StringComparer.Ordinal);
        foreach (var position in positions)
        {
            string? genericHere = null;
            foreach (var alternative in position)
            {
                // A short word we corrected may have been an ordinary word we do not know: it does not make the
                // question one about our topic.
                var trusted = !alternative.Corrected || alternative.Term.Length >= TrustedCorrectionLength;
                var isGeneric = resources.GenericStems.Contains(alternative.Term);
                core |= trusted && resources.CoreStems.Contains(alternative.Term);
                coreOtherThanMedicine |= trusted && resources.CoreStems.Contains(alternative.Term) && !resources.MedicineStems.Contains(alternative.Term);
                topic |= trusted && !isGeneric && resources.TopicStems.Contains(alternative.Term);
                genericHere ??= trusted && isGeneric ? alternative.Term : null;
                shop |= resources.ShopStems.Contains(alternative.Term);
                nutrient |= resources.NutrientStems.Contains(alternative.Term);
                service |= resources.ServiceStems.Contains(alternative.Term);
                medicine |= trusted && resources.MedicineStems.Contains(alternative.Term);
                act |= resources.PharmacyActStems.Contains(alternative.Term);
            }

            if (genericHere is not null)
            {
                generic.Add(genericHere);
            }

            var word = position[0].Term;
            var main = position.Where(a => a.Origin != Origin.Part && weights.IsKnown(a.Term)).ToList();
            var parts = position.Where(a => a.Origin == Origin.Part && weights.IsKnown(a.Term)).ToList();
            if (main.Count > 0)
            {
                // A lay word the lexicon maps to the article's word weighs what that word weighs: "deficiëntie"
                // says "tekort", however rare the word itself is in our phrasings. A word of the article itself
                // ("cobalamine") keeps its own weight.
                var synonyms = main.Where(a => a.Origin == Origin.Synonym).ToList();
                var layWord = synonyms.Count > 0 && !main.Exists(a => a.Origin == Origin.Word && index.InText(a.Term));
                var weight = (layWord ? synonyms : main).Max(a => weights.Of(a.Term));
                var terms = main.Select(a => (a.Term, Capped(a.Term, Boost(a), weight)))
                    .Concat(parts.Select(a => (a.Term, Capped(a.Term, options.PartBoost, weight))))
                    .ToList();
                concepts.Add(new Concept(word, terms, weight));
            }
            else if (parts.Count > 0)
            {
                // An unknown compound of known parts ("darmoperatie"): each part says something of its own.
                foreach (var part in parts)
                {
                    concepts.Add(new Concept(part.Term, [(part.Term, 1f)], weights.Of(part.Term)));
                }
            }
            else if (!word.All(char.IsDigit))
            {
                // An unknown word pulls the question away from the knowledge; an unknown number ("85") says nothing.
                concepts.Add(new Concept(word, [], weights.Unknown));
            }
        }

        var distinct = Deduplicate(concepts);
        return new QueryPlan
        {
            Concepts = distinct,
            Weight = distinct.Sum(c => c.Weight),
            HasCore = core,
            // "vitaminepillen" or "operatie" alone may be about anything; "injecties bij een tekort" is about ours.
            HasTopic = topic || generic.Count >= 2,
            HasShop = shop,
            HasNutrient = nutrient,
            // "een recept voor b12", "hoofdpijn van omeprazol", "meet de apotheek b12": care services and other
            // effects of medicines, which the article does not cover.
            HasService = service || (pharmacy && act),
            HasMedicine = medicine,
            // "metformine" alone or "metformine en een tekort" asks what the article says of it; "hoofdpijn van
            // omeprazol" asks about something else.
            HasCoreBesidesMedicine = coreOtherThanMedicine || topic || generic.Count > 0 || distinct.Count < 2,
        };
    }

    /// <summary>A term never earns more than its concept weighs.</summary>
    private float Capped(string term, float boost, float conceptWeight) =>
        boost * Math.Min(1f, conceptWeight / index.Weights.Of(term));

    private float Boost(Alternative alternative)
    {
        var boost = alternative.Origin == Origin.Synonym ? options.SynonymBoost : 1f;
        return alternative.Corrected ? boost * options.CorrectedBoost : boost;
    }

    private static List<Concept> Deduplicate(List<Concept> concepts)
    {
        // "b12 … b12" says b12 once.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return concepts.Where(c => seen.Add(c.Terms.Count > 0 ? string.Join('/', c.Terms.Select(t => t.Term)) : "?" + c.Word)).ToList();
    }
}
