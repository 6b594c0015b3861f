using B12Bot.Knowledge.Analysis;

namespace B12Bot.Knowledge.Search;

/// <summary>
/// Turns a question into its <see cref="QueryPlan"/>, from the analysed words (and a few words as typed: the pharmacy,
/// "of", "iets anders"): its concepts, the term categories its words fall in (counted per category: features of the
/// learned decision), the lexicon's verdicts read from them, and the question's shape (a complaint beside a named cause,
/// food weighed against another cause, harm beside a tekort), whose few rules read the categories named in
/// <see cref="PlannerCategories"/>. Thread-safe.
/// </summary>
internal sealed class QueryPlanner
{
    private const int TrustedCorrectionLength = 6;
    private const int MinFocusLength = 3;
    private const int CompoundSlack = 3;
    private const int MinEnglishWords = 2;
    private const int MaxSubjectWords = 3;
    private const float EnglishShare = 0.7f;

    private readonly KnowledgeIndex index;
    private readonly AnswererOptions options;
    private readonly List<string> causeTerms;
    private readonly List<string> complicationTerms;
    private readonly List<string> dietRiskTerms;
    private readonly Vocabulary vocabulary;
    private readonly IReadOnlySet<string> englishWords;
    private readonly TermCategories categories;
    private readonly ulong core, topic, generic, medicines, namedCauses, symptoms, unnamedCauses, harm, deficiency, excess;
    private readonly ulong complications, harmfulDiets, diet, otherCauses, joiners, causeMarkers, groupTopics, groups, symptomWords;
    private readonly ulong persons, ageAsked;
    private readonly List<(string Reason, ulong All, ulong None, int AllFlags, int NoneFlags, bool Learned)> verdicts;

    public QueryPlanner(KnowledgeIndex index, AnswererOptions options, Vocabulary? vocabulary = null, IReadOnlySet<string>? englishWords = null)
    {
        this.englishWords = englishWords ?? new HashSet<string>();
        this.index = index;
        this.options = options;
        this.vocabulary = vocabulary ?? Vocabulary.Empty;
        categories = index.Resources.Categories;
        core = categories.Bit(PlannerCategories.Core);
        topic = categories.Bit(PlannerCategories.Topic);
        generic = categories.Bit(PlannerCategories.Generic);
        medicines = categories.Bit(PlannerCategories.Medicines);
        namedCauses = categories.Bit(PlannerCategories.NamedCauses);
        symptoms = categories.Bit(PlannerCategories.Symptoms);
        unnamedCauses = categories.Bit(PlannerCategories.UnnamedCauses);
        harm = categories.Bit(PlannerCategories.Harm);
        deficiency = categories.Bit(PlannerCategories.Deficiency);
        excess = categories.Bit(PlannerCategories.Excess);
        complications = categories.Bit(PlannerCategories.Complications);
        harmfulDiets = categories.Bit(PlannerCategories.HarmfulDiets);
        diet = categories.Bit(PlannerCategories.Diet);
        otherCauses = categories.Bit(PlannerCategories.OtherCauses);
        joiners = categories.Bit(PlannerCategories.Joiners);
        causeMarkers = categories.Bit(PlannerCategories.CauseMarkers);
        groupTopics = categories.Bit(PlannerCategories.GroupTopics);
        groups = categories.Bit(PlannerCategories.Groups);
        symptomWords = categories.Bit(PlannerCategories.SymptomWords);
        persons = categories.Bit(PlannerCategories.Persons);
        ageAsked = categories.Bit(PlannerCategories.AgeAsked);
        causeTerms = categories.Terms(PlannerCategories.CauseMeaning).Where(index.Weights.IsKnown).ToList();
        complicationTerms = categories.Terms(PlannerCategories.Complications).Where(index.Weights.IsKnown).ToList();
        dietRiskTerms = categories.Terms(PlannerCategories.DietRisk).Where(index.Weights.IsKnown).ToList();
        verdicts = index.Resources.Lexicon.Verdicts
            .Select(v => (v.Reason, Mask(v.All), Mask(v.None), Flags(v.All), Flags(v.None), v.Learned))
            .ToList();
    }

    public QueryPlan Plan(string question)
    {
        var spans = new List<(int Start, int End)>(16);
        var positions = AnalyzedText.Read(index.QueryAnalyzer, question, options.MaxConcepts, spans);
        var focus = ReadFocus(question, positions, spans);
        var weights = index.Weights;
        var concepts = new List<Concept>(positions.Count);
        var surface = SurfaceAnalyzer.Tokens(question);
        var (words, english, inEnglish) = ReadLanguage(surface);
        var counts = new int[categories.Count];
        ulong held = 0;
        bool personTold = false, ageInQuestion = false;
        foreach (var token in surface)
        {
            // Words matched as typed: stop words such as "apotheker", "of", "door", "anders".
            var typed = categories.OfTyped(token);
            personTold |= (typed & persons) != 0 || IsAge(token);
            ageInQuestion |= (typed & ageAsked) != 0;
            held |= typed;
            Count(counts, typed);
        }

        bool coreBesidesMedicine = false, topicBesidesSymptoms = false, measuredValue = false;
        bool causeInQuestion = false, complaintInQuestion = false;
        string? spelled = null;
        var genericTerms = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < positions.Count; i++)
        {
            var position = positions[i];
            string? genericHere = null;
            ulong here = 0;
            var topicNotSymptom = false;
            foreach (var alternative in position)
            {
                var of = categories.OfTerm(alternative.Term);
                if (of == 0)
                {
                    continue;
                }

                // A short word we corrected may have been an ordinary word we do not know; what the article does not
                // cover is read from the words and their meanings, never from a part ("zenuwpijn" holds no pain).
                var trusted = Trusted(alternative);
                var counted = of & (categories.AnyMask
                    | (trusted ? categories.TrustedMask : 0)
                    | (trusted && alternative.Origin != Origin.Part ? categories.WholeMask : 0));
                here |= counted;
                topicNotSymptom |= (counted & topic) != 0 && (of & symptoms) == 0;
                genericHere ??= (counted & generic) != 0 ? alternative.Term : null;
            }

            if ((here & (namedCauses | symptoms | symptomWords)) != 0 && InQuestionSentence(question, spans, i, ref spelled))
            {
                causeInQuestion |= (here & namedCauses) != 0;
                complaintInQuestion |= (here & (symptoms | symptomWords)) != 0 && (here & namedCauses) == 0;
            }

            // A medicine's name says nothing more through its parts ("maagzuur" in "maagzuurremmer").
            coreBesidesMedicine |= (here & core) != 0 && (here & medicines) == 0;
            here = categories.Excepting(here);
            topicBesidesSymptoms |= topicNotSymptom && (here & topic) != 0;
            held |= here;
            Count(counts, here);
            measuredValue |= IsMeasuredValue(position[0].Term);

            if (genericHere is not null)
            {
                genericTerms.Add(genericHere);
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
        var rules = new List<string>();
        if (distinct.Count >= options.StoryConcepts)
        {
            // A long message tells a story around its question: the words we do not know are its setting.
            distinct = distinct.Select(c => c.Terms.Count == 0 ? c with { Weight = c.Weight * options.StoryUnknownShare } : c).ToList();
            rules.Add(QueryPlan.StoryRule);
        }

        var namedCause = (held & namedCauses) != 0;
        var hasCore = (held & core) != 0;
        var hasDeficiency = (held & deficiency) != 0;
        var hasExcess = (held & excess) != 0;

        // "mn bomma vergeet alles", "mijn oma is 84 en somber", "mn bomma heeft nen bypass gehad": a grandparent or an
        // age says who has the complaint or the cause; old age is the cause asked about only when a word asks about
        // age itself ("ouderen", "leeftijd").
        var ageOnlyWho = ageAsked != 0 && persons != 0 && personTold && !ageInQuestion && distinct.Exists(IsAgeConcept)
            && distinct.Exists(c => !IsAgeConcept(c) && (IsComplaint(c) || Holds(c, namedCauses)));
        if (ageOnlyWho)
        {
            distinct = distinct.Select(c => IsAgeConcept(c) ? Scaled(c, options.GroupBesideTopicShare) : c).ToList();
            namedCause = distinct.Exists(c => !IsAgeConcept(c) && Holds(c, namedCauses));
            rules.Add(QueryPlan.PersonBesideQuestionRule);
        }

        if (namedCause && (causeInQuestion || !complaintInQuestion) && distinct.Exists(IsComplaint))
        {
            // "sinds mijn sleeve vergeetachtig", "ik slik omeprazol en ben moe": the named cause carries the question;
            // the complaint says why it is asked. Not when a story's question asks about complaints and the cause is
            // only its setting ("Ik ben veganist. Zijn tintelingen een teken van een tekort?").
            distinct = distinct.Select(c => IsComplaint(c) ? Scaled(c, options.SymptomBesideCauseShare) : c).ToList();
            rules.Add(QueryPlan.SymptomBesideCauseRule);
        }

        if (distinct.Exists(c => Holds(c, groupTopics) && !Holds(c, groups))
            && distinct.Exists(IsGroup))
        {
            // "ik ben veganist, hoe vaak moet ik testen", "mijn moeder is 78, moet ze b12 slikken": the entry's own topic
            // carries the question; who asks says why.
            distinct = distinct.Select(c => IsGroup(c) ? Scaled(c, options.GroupBesideTopicShare) : c).ToList();
            rules.Add(QueryPlan.TopicBesideGroupRule);
        }

        // "moe na mijn operatie aan de knie": a complaint after a cause the article does not name is about that cause.
        var complaintAfterOtherCause = (held & unnamedCauses) != 0 && !namedCause && !hasCore && distinct.Exists(IsComplaint);
        if (complaintAfterOtherCause)
        {
            rules.Add(QueryPlan.ComplaintAfterUnnamedCauseRule);
        }

        if (hasDeficiency && distinct.Exists(c => Holds(c, diet)) && OffersAnotherCause(surface, (held & otherCauses) != 0, distinct))
        {
            distinct = AskForTheCause(distinct);
            rules.Add(QueryPlan.DietOrOtherCauseRule);
        }

        // "gevolgen van een onbehandelde depressie": the consequences of something other than a low B12.
        var otherConsequence = !hasCore && !hasDeficiency && distinct.Exists(c => Holds(c, complications));
        if (hasDeficiency && !hasExcess && complicationTerms.Count > 0 && distinct.Exists(c => Holds(c, harm)))
        {
            distinct = AskForMeaningOfHarm(distinct, complicationTerms);
            rules.Add(QueryPlan.HarmOfDeficiencyRule);
        }
        else if (!hasExcess && dietRiskTerms.Count > 0 && distinct.Exists(c => Holds(c, harmfulDiets))
                 && distinct.Exists(c => Holds(c, harm)))
        {
            // "is veganisme gevaarlijk voor je b12": whether the diet leads to a tekort, not whether b12 can harm.
            distinct = AskForMeaningOfHarm(distinct, dietRiskTerms);
            rules.Add(QueryPlan.HarmOfDietRule);
        }

        var hasTopic = ((complaintAfterOtherCause ? topicBesidesSymptoms : (held & topic) != 0) || genericTerms.Count >= 2);
        // "metformine" alone or "metformine en een tekort" asks what the article says of it; "hoofdpijn van omeprazol"
        // asks about something else.
        var hasCoreBesidesMedicine = coreBesidesMedicine || (held & topic) != 0 || genericTerms.Count > 0 || distinct.Count < 2;
        var flags = (measuredValue ? 1 << 0 : 0)
            | (rules.Contains(QueryPlan.DietOrOtherCauseRule) ? 1 << 1 : 0)
            | (hasCoreBesidesMedicine ? 1 << 2 : 0)
            | (hasTopic ? 1 << 3 : 0)
            | (otherConsequence ? 1 << 4 : 0);
        var (offTopic, learned, notCovered) = Verdict(held, flags);

        return new QueryPlan
        {
            Words = words,
            EnglishWords = english,
            InEnglish = inEnglish,
            Uncovered = focus.Uncovered,
            Nameable = focus.Nameable,
            NonWords = focus.NonWords,
            Corrected = focus.Corrected,
            UncoveredInQuestion = focus.InQuestion,
            UncoveredAfterMarker = focus.AfterMarker,
            UncoveredVerbs = focus.Verbs,
            NonWordsAfterMarker = focus.NonWordsAfterMarker,
            Subject = focus.Subject,
            Rules = rules,
            Concepts = distinct,
            Weight = distinct.Sum(c => c.Weight),
            Categories = held,
            CategoryCounts = counts,
            HasCore = hasCore,
            // "vitaminepillen" or "operatie" alone may be about anything; "injecties bij een tekort" is about ours.
            HasTopic = hasTopic,
            HasCoreBesidesMedicine = hasCoreBesidesMedicine,
            OffTopicReason = offTopic,
            OffTopicLearned = learned,
            NotCovered = notCovered,
        };
    }

    /// <summary>
    /// The words the knowledge does not know, told apart with the general vocabulary: a real Dutch word (or two joined)
    /// that neither the knowledge, its lexicon nor the known parts of a compound explain is a concept the article does
    /// not cover ("migraine", "schildkliermedicatie"); any other unknown word is a typo, chat or a name ("tekord",
    /// "efkes"). A correction towards a known word is not trusted when the word as written is a real word of its own.
    /// </summary>
    private Focus ReadFocus(string question, List<List<Alternative>> positions, List<(int Start, int End)> spans)
    {
        List<string>? uncovered = null;
        List<string>? nameable = null;
        var inQuestion = 0;
        var afterMarker = 0;
        var verbs = 0;
        var nonWordsAfterMarker = 0;
        string? subject = null;
        var nonWords = 0;
        var corrected = 0;
        string? fixedText = null;
        for (var i = 0; i < positions.Count && i < spans.Count; i++)
        {
            var position = positions[i];
            var known = position.Where(a => a.Origin != Origin.Part && index.Weights.IsKnown(a.Term)).ToList();
            if (known.Count > 0 && known.Exists(a => !a.Corrected))
            {
                continue;
            }

            fixedText ??= SurfaceAnalyzer.FixSpelling(question);
            var (start, end) = spans[i];
            if (start < 0 || end > fixedText.Length || end - start < MinFocusLength)
            {
                continue;
            }

            var written = fixedText[start..end];
            var folded = Fold(written);
            if (folded.Length < MinFocusLength || !folded.All(char.IsAsciiLetterLower))
            {
                continue;
            }

            var realWord = vocabulary.ContainsOrJoins(folded, out _);
            if (known.Count > 0)
            {
                // Only a correction explains it: a typo of a known word, unless it is a word of its own.
                if (!realWord || folded.Length < TrustedCorrectionLength)
                {
                    corrected++;
                    continue;
                }
            }
            else
            {
                var parts = position.Where(a => a.Origin == Origin.Part && index.Weights.IsKnown(a.Term)).ToList();
                var partLength = parts.Sum(a => a.Term.Length);
                if (partLength > 0 && partLength >= folded.Length - CompoundSlack)
                {
                    continue; // "darmoperatie": known parts say it all
                }

                if (parts.Exists(a => folded.StartsWith(a.Term, StringComparison.Ordinal)))
                {
                    // "laboratoriumbepalingen": the first part, which says what kind, is known; the head is generic.
                    // "schildkliermedicatie" names what the knowledge does not know, whatever its head.
                    continue;
                }
            }

            if (realWord)
            {
                var shown = start;
                while (shown > 1 && fixedText[shown - 1] == '-' && char.IsLetter(fixedText[shown - 2]))
                {
                    shown--; // "burn-out", "sint-janskruid": the whole word is named
                    while (shown > 0 && char.IsLetter(fixedText[shown - 1]))
                    {
                        shown--;
                    }
                }

                written = fixedText[shown..end];
                if (vocabulary.LooksLikeVerbForm(folded)
                    || (vocabulary.LooksLikeVerbStem(folded) && (Subjects.Contains(PreviousWord(fixedText, shown)) || Subjects.Contains(NextWord(fixedText, end)))))
                {
                    // "werkt", "klopt"; "ik drink veel", "slik je": what the question says of its subject, not what it is about.
                    verbs++;
                    continue;
                }

                (uncovered ??= []).Add(written);
                if (!NeverNamed.Contains(folded) && !vocabulary.LooksLikeNoName(folded))
                {
                    (nameable ??= []).Add(written);
                }

                inQuestion += InQuestionSentence(fixedText, end) ? 1 : 0;
                var marker = PreviousWord(fixedText, shown);
                if (FocusMarkers.Contains(marker))
                {
                    afterMarker++;
                    subject ??= marker is "en" or "of" or "and" ? null : Phrase(fixedText, shown);
                }
            }
            else
            {
                nonWords++;
                nonWordsAfterMarker += FocusMarkers.Contains(PreviousWord(fixedText, start)) ? 1 : 0;
            }
        }

        return new Focus(uncovered ?? (IReadOnlyList<string>)[], nameable ?? (IReadOnlyList<string>)[], nonWords, corrected, inQuestion, afterMarker, verbs, nonWordsAfterMarker, subject);
    }

    /// <summary>
    /// Words of when, how much and who that a reply never names as what the article does not cover: "Over morgen staat
    /// niets in ons artikel" says nothing.
    /// </summary>
    private static readonly HashSet<string> NeverNamed = new(StringComparer.Ordinal)
    {
        "morgen", "vandaag", "gisteren", "thuis", "tegelijk", "tegelijkertijd", "dag", "dagen", "week", "weken", "maand",
        "maanden", "jaar", "jaren", "begin", "minder", "meer", "mezelf", "jezelf", "zichzelf", "iemand", "iets",
    };

    /// <summary>
    /// Words after which a word names what is asked about: "helpt b12 tegen migraine", "mag b12 samen met prednison",
    /// "b12 bij fibromyalgie".
    /// </summary>
    internal static readonly IReadOnlySet<string> FocusMarkers = new HashSet<string>(StringComparer.Ordinal)
    {
        "tegen", "bij", "voor", "met", "na", "van", "in", "over", "and", "en", "of",
    };

    /// <summary>Whether the word at <paramref name="position"/> stands in the message's question sentence.</summary>
    private static bool InQuestionSentence(string question, List<(int Start, int End)> spans, int position, ref string? spelled)
    {
        if (position >= spans.Count)
        {
            return true;
        }

        spelled ??= SurfaceAnalyzer.FixSpelling(question);
        var end = spans[position].End;
        return end < 0 || end > spelled.Length || InQuestionSentence(spelled, end);
    }

    /// <summary>Whether a word stands in the message's question: its last sentence that asks, or else its last.</summary>
    private static bool InQuestionSentence(string text, int end)
    {
        var after = text.AsSpan(end).IndexOfAny(SentenceEnds) is var at and >= 0 ? end + at : -1;
        var asks = after >= 0 && text[after] == '?';
        var laterQuestion = after >= 0 && text.IndexOf('?', after + 1) >= 0;
        var laterSentence = after >= 0 && text.AsSpan(after + 1).ContainsAnyExcept(NoSentence);
        return asks ? !laterQuestion : !laterQuestion && !laterSentence;
    }

    private static readonly System.Buffers.SearchValues<char> SentenceEnds = System.Buffers.SearchValues.Create(".!?\n");

    private static readonly System.Buffers.SearchValues<char> NoSentence = System.Buffers.SearchValues.Create(" \t\r\n!?.)\"'");

    /// <summary>
    /// What follows a focus marker, as written, to the end of its sentence: "rusteloze benen", "burn-out",
    /// "sint-janskruid"; null when it runs longer than a few words (then the uncovered word itself is named).
    /// </summary>
    private string? Phrase(string text, int start)
    {
        var end = text.AsSpan(start).IndexOfAny(SentenceEnds) is var at and >= 0 ? start + at : text.Length;
        var words = text[start..end].Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length is 0 or > MaxSubjectWords || !words.All(w => w.All(c => char.IsLetter(c) || c == '-')))
        {
            return null;
        }

        // What the phrase says of its subject at the end goes ("koffie nemen", "migraine werkt da", "hooikoorts af");
        // a phrase that opens with a word of when or how names nothing ("jaar nodig").
        var count = words.Length;
        while (count > 1 && SaysNoName(Fold(words[count - 1]), atEnd: true))
        {
            count--;
        }

        return SaysNoName(Fold(words[0]), atEnd: false) ? null : string.Join(' ', words, 0, count);
    }

    /// <summary>
    /// Whether a word says how, when or what is done rather than naming a thing (see <see cref="NeverNamed"/>). At the
    /// end of a phrase only what cannot be a plural noun is dropped: "rusteloze benen" keeps its "benen" (also a verb).
    /// </summary>
    private bool SaysNoName(string word, bool atEnd) =>
        NeverNamed.Contains(word)
        || (atEnd
            ? PhraseEnds.Contains(word) || vocabulary.LooksLikeVerbForm(word) || vocabulary.LooksLikeVerbStem(word)
            : vocabulary.LooksLikeNoName(word));

    /// <summary>Words that end a phrase after what it names: particles, "nodig", chat ("da", "ok"), the verbs of taking.</summary>
    private static readonly HashSet<string> PhraseEnds = new(StringComparer.Ordinal)
    {
        "af", "op", "aan", "in", "uit", "mee", "weg", "nodig", "zin", "goed", "ok", "oke", "da", "dat", "dan", "nog", "wel",
        "niet", "nie", "ook", "eigenlijk", "precies", "nemen", "innemen", "gebruiken", "slikken", "krijgen", "hebben",
        "geven", "doen", "combineren", "drinken", "eten", "kopen", "genomen", "gebruikt", "gegeven",
    };

    /// <summary>The word before, over an article or a possessive ("tegen een droge huid", "met mijn statines").</summary>
    private static string PreviousWord(string text, int start)
    {
        var word = WordBefore(text, start, out var at);
        return Determiners.Contains(word) ? WordBefore(text, at, out _) : word;
    }

    /// <summary>Subjects beside which a verb stands as its bare stem ("ik drink", "drink je", "ge drinkt").</summary>
    private static readonly HashSet<string> Subjects = new(StringComparer.Ordinal) { "ik", "je", "jij", "ge", "gij", "k" };

    /// <summary>The word after <paramref name="end"/>, lower case ("" at the end of the text).</summary>
    private static string NextWord(string text, int end)
    {
        var start = end;
        while (start < text.Length && !char.IsLetter(text[start]))
        {
            if (text[start] is '.' or '?' or '!' or ',' or '\n')
            {
                return string.Empty;
            }

            start++;
        }

        var stop = start;
        while (stop < text.Length && char.IsLetter(text[stop]))
        {
            stop++;
        }

        return text[start..stop].ToLowerInvariant();
    }

    private static readonly HashSet<string> Determiners = new(StringComparer.Ordinal)
    {
        "een", "de", "het", "mijn", "mn", "je", "jouw", "uw", "zijn", "haar", "onze", "ons",
    };

    private static string WordBefore(string text, int start, out int begin)
    {
        var end = start - 1;
        while (end >= 0 && !char.IsLetter(text[end]))
        {
            end--;
        }

        begin = Math.Max(end, 0);
        while (begin > 0 && char.IsLetter(text[begin - 1]))
        {
            begin--;
        }

        return end < 0 ? string.Empty : text[begin..(end + 1)].ToLowerInvariant();
    }

    /// <summary>
    /// How many words the message has (not numbers, not "b12"), how many of them are English and no Dutch word as
    /// well ("the", "deficiency"; not "is" or "test"), and whether it is in English: at least two such words, and
    /// English words making up most of it ("Is pernicious anemia een auto-immuunziekte?" is Dutch).
    /// </summary>
    private (int Words, int English, bool InEnglish) ReadLanguage(IReadOnlyList<string> surface)
    {
        int words = 0, english = 0, englishOnly = 0;
        foreach (var token in surface)
        {
            if (token.Length == 0 || !char.IsAsciiLetter(token[0]) || token == "b12")
            {
                continue;
            }

            words++;
            if (englishWords.Contains(token))
            {
                english++;
                if (!vocabulary.Contains(token))
                {
                    englishOnly++;
                }
            }
        }

        return (words, englishOnly, englishOnly >= MinEnglishWords && english >= words * EnglishShare);
    }

    /// <summary>Lower case without accents, as our analysis folds a word (ë → e).</summary>
    private static string Fold(string word)
    {
        var lower = word.ToLowerInvariant();
        if (lower.All(char.IsAscii))
        {
            return lower;
        }

        var decomposed = lower.Normalize(System.Text.NormalizationForm.FormD);
        return new string(decomposed.Where(c => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c)
            != System.Globalization.UnicodeCategory.NonSpacingMark).ToArray());
    }

    /// <summary>
    /// "ligt een tekort aan mijn eten of aan een ziekte", "komt het door mijn voeding of door iets anders": food and
    /// what it is weighed against are the causes offered, not what is asked about; the question asks which cause of a
    /// tekort it is, and that carries what they did.
    /// </summary>
    private List<Concept> AskForTheCause(List<Concept> concepts)
    {
        var offered = 0f;
        var result = concepts.Select(c =>
        {
            if (!Holds(c, diet | otherCauses))
            {
                return c;
            }

            offered += c.Weight * (1f - options.DietAlternativeShare);
            return Scaled(c, options.DietAlternativeShare);
        }).ToList();
        foreach (var term in causeTerms)
        {
            var weight = Math.Max(index.Weights.Of(term), offered);
            var at = result.FindIndex(c => Holds(c, term));
            if (at < 0)
            {
                result.Add(new Concept(term, [(term, weight / index.Weights.Of(term))], weight));
            }
            else if (result[at].Weight < weight)
            {
                result[at] = Scaled(result[at], weight / result[at].Weight);
            }
        }

        return result;
    }

    /// <summary>
    /// "is een b12 tekort gevaarlijk" asks what a tekort does, not whether b12 itself can harm: the word of harm means
    /// complications (<paramref name="meaning"/>); "is veganisme gevaarlijk voor je b12" asks whether the diet leads to a
    /// tekort. When the question already says so ("kan een onbehandeld tekort kwaad"), the word of harm adds nothing.
    /// </summary>
    private List<Concept> AskForMeaningOfHarm(List<Concept> concepts, List<string> meaning)
    {
        var weight = meaning.Max(index.Weights.Of);
        var said = concepts.Exists(c => !Holds(c, harm) && c.Terms.Any(t => meaning.Contains(t.Term)));
        return concepts
            .Where(c => !said || !Holds(c, harm))
            .Select(c => Holds(c, harm) ? new Concept(c.Word, meaning.Select(t => (t, 1f)).ToList(), weight) : c)
            .ToList();
    }

    /// <summary>
    /// Whether a question offering alternatives ("of") weighs food against another cause: it names one (a disease, the
    /// absorption, "iets anders"), it asks for a cause, or an alternative starts as a cause does ("… of door …", "… of
    /// aan …").
    /// </summary>
    private bool OffersAnotherCause(IReadOnlyList<string> surface, bool otherCause, List<Concept> concepts)
    {
        var joined = false;
        var marked = false;
        for (var i = 0; i < surface.Count; i++)
        {
            if ((categories.OfTyped(surface[i]) & joiners) != 0)
            {
                joined = true;
                marked |= i + 1 < surface.Count && (categories.OfTyped(surface[i + 1]) & causeMarkers) != 0;
            }
        }

        return joined && (otherCause || marked || concepts.Exists(c => c.Terms.Any(t => causeTerms.Contains(t.Term))));
    }

    /// <summary>
    /// A short word we corrected may have been an ordinary word we do not know: it does not make the question one
    /// about our topic.
    /// </summary>
    private static bool Trusted(Alternative alternative) => !alternative.Corrected || alternative.Term.Length >= TrustedCorrectionLength;

    /// <summary>Whether a concept holds a term of one of the categories of <paramref name="mask"/>.</summary>
    private bool Holds(Concept concept, ulong mask)
    {
        foreach (var (term, _) in concept.Terms)
        {
            if (categories.Has(term, mask))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The lexicon's verdicts, first match first: why the question is outside the article, and the first of them
    /// that is final (not learned), or null.
    /// </summary>
    private (string? OffTopic, bool Learned, string? NotCovered) Verdict(ulong held, int flags)
    {
        string? offTopic = null;
        var learned = false;
        foreach (var verdict in verdicts)
        {
            if ((held & verdict.All) == verdict.All && (held & verdict.None) == 0
                && (flags & verdict.AllFlags) == verdict.AllFlags && (flags & verdict.NoneFlags) == 0)
            {
                if (offTopic is null)
                {
                    offTopic = verdict.Reason;
                    learned = verdict.Learned;
                }

                if (!verdict.Learned)
                {
                    return (offTopic, learned, verdict.Reason);
                }
            }
        }

        return (offTopic, learned, null);
    }

    private ulong Mask(IEnumerable<string> names) =>
        names.Where(n => !n.StartsWith('@')).Aggregate(0UL, (mask, n) => mask | categories.Bit(n));

    private static int Flags(IEnumerable<string> names) =>
        names.Select(n => PlannerCategories.Flags.ToList().IndexOf(n)).Where(i => i >= 0).Aggregate(0, (mask, i) => mask | (1 << i));

    private static void Count(int[] counts, ulong mask)
    {
        for (var rest = mask; rest != 0; rest &= rest - 1)
        {
            counts[System.Numerics.BitOperations.TrailingZeroCount(rest)]++;
        }
    }

    private static bool Holds(Concept concept, string term) => concept.Terms.Any(t => t.Term == term);

    /// <summary>Who the asker is (a diet, a condition), and not also the topic asked about.</summary>
    private bool IsGroup(Concept concept) =>
        Holds(concept, groups) && !Holds(concept, groupTopics);

    /// <summary>The concept of old age ("ouderen", "leeftijd", and what the lexicon maps to them).</summary>
    private bool IsAgeConcept(Concept concept) => Holds(concept, ageAsked);

    /// <summary>A number that reads as an adult's age ("84"), below a measured value.</summary>
    private bool IsAge(string word) =>
        word.Length is > 0 and <= 3 && word.All(char.IsAsciiDigit)
        && int.Parse(word, System.Globalization.CultureInfo.InvariantCulture) is var n
        && n >= 18 && n < options.MeasuredValueFrom;

    /// <summary>A number too high for an age and too low for a year: a measured value ("mijn b12 is 180").</summary>
    private bool IsMeasuredValue(string word) =>
        word.Length is > 0 and <= 4 && word.All(char.IsAsciiDigit)
        && int.Parse(word, System.Globalization.CultureInfo.InvariantCulture) is var n
        && n >= options.MeasuredValueFrom && n <= options.MeasuredValueTo;

    /// <summary>A complaint, and not also a named cause ("bloedarmoede" is part of "pernicieuze anemie").</summary>
    private bool IsComplaint(Concept concept) =>
        Holds(concept, symptoms) && !Holds(concept, namedCauses);

    /// <summary>The concept counting <paramref name="share"/> of what it weighs, in the question's total and in a match.</summary>
    private static Concept Scaled(Concept concept, float share) =>
        concept with { Terms = concept.Terms.Select(t => (t.Term, t.Boost * share)).ToList(), Weight = concept.Weight * share };

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

/// <summary>What the words the knowledge does not know say about the question (see QueryPlanner.ReadFocus).</summary>
internal readonly record struct Focus(IReadOnlyList<string> Uncovered, IReadOnlyList<string> Nameable, int NonWords, int Corrected, int InQuestion, int AfterMarker, int Verbs, int NonWordsAfterMarker, string? Subject);
