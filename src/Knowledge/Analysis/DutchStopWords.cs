namespace B12Bot.Knowledge.Analysis;

/// <summary>
/// Our own Dutch (and Flemish) stop list: articles, pronouns, auxiliaries, prepositions, question words and filler,
/// and the same kinds of English word for questions asked in English.
/// Unlike the Snowball list it keeps the words that change what a question means here: niet, geen, zonder, veel,
/// meer, minder, te, weinig, vaak, altijd, alleen, lang, laag, hoog.
/// </summary>
internal static class DutchStopWords
{
    public static IReadOnlyList<string> Words { get; } =
    [
        // articles, conjunctions
        "de", "het", "een", "en", "of", "maar", "want", "dus", "dan", "als", "dat", "die", "dit", "deze", "der", "des",
        "den", "ne", "nen", "'t", "t", "s", "noch", "ofwel", "hetzij", "zowel",
        // pronouns
        "ik", "je", "jij", "u", "uw", "jou", "jouw", "mijn", "me", "mij", "m'n", "mn", "we", "wij", "ze", "zij", "hij",
        "hem", "haar", "hun", "hen", "ons", "onze", "jullie", "ge", "gij", "zijn", "men", "iets", "wat", "er", "daar",
        "hier", "zich", "zelf", "elkaar", "dezelfde", "datzelfde", "wie", "welke", "welk", "waar", "hoe", "wanneer",
        "waarom", "waarmee", "waarbij", "waarin", "waarvan", "waaraan", "waarop", "waarvoor", "daarom", "daarmee",
        "daarbij", "daarvan", "daarvoor", "erg", "ervoor", "erop", "eraan", "ervan", "erin", "erbij", "erdoor", "erachter", "last", "hele", "heel", "geheel", "help", "mogelijk", "mogelijke", "eventueel",
        // auxiliaries and very common verbs
        "is", "ben", "bent", "was", "waren", "wordt", "word", "worden", "werd", "werden", "geworden", "heb", "hebt",
        "heeft", "hebben", "had", "hadden", "gehad", "kan", "kun", "kunt", "kunnen", "kon", "konden", "moet", "moeten",
        "moest", "mag", "mogen", "mocht", "wil", "wilt", "willen", "wou", "zou", "zouden", "zal", "zult", "zullen",
        "doe", "doet", "doen", "deed", "gedaan", "ga", "gaat", "gaan", "ging", "gegaan", "zit", "zitten", "graag",
        "weet", "weten", "vind", "vindt", "vinden", "krijg", "krijgt", "krijgen", "kreeg", "gekregen", "heet",
        "maak", "maakt", "maken", "zeg", "zegt", "zeggen", "laat", "laten", "staat", "staan", "ligt", "liggen",
        // prepositions and adverbs without meaning here
        "van", "in", "op", "aan", "met", "voor", "door", "bij", "naar", "om", "tot", "uit", "over", "tegen", "na",
        "onder", "boven", "tussen", "sinds", "tijdens", "via", "per", "rond", "rondom", "binnen", "buiten", "achter",
        "toe", "af", "mee", "nog", "al", "ook", "wel", "toch", "zo", "nu", "reeds", "even", "eens", "eigenlijk", "precies", "zomaar",
        "gewoon", "echt", "heel", "zeer", "best", "beetje", "soms", "misschien", "bijvoorbeeld", "bijv", "enz",
        "etc", "ofzo", "zoals", "omdat", "doordat", "terwijl", "hoewel", "indien", "wanneer", "zodat", "nadat",
        "voordat", "totdat", "alsof", "dat", "welnu", "eerder", "alle", "allemaal", "ieder", "iedere", "elk", "elke", "andere",
        "ander", "anders", "iemand", "niets", "niks", "dingen", "ding",
        // greetings, politeness and filler
        "hallo", "hoi", "hey", "hee", "dag", "goedemorgen", "goedemiddag", "goedenavond", "beste", "geachte",
        "alstublieft", "alsjeblieft", "aub", "svp", "bedankt", "dank", "dankjewel", "dankuwel", "vraag", "vraagje",
        "vragen", "graag", "ok", "oke", "okay", "ja", "nee", "neen", "allez", "amai", "awel", "euh", "eh", "hm", "hmm",
        "ah", "oh", "nou", "he", "hé", "zeg", "effe", "efkes", "eventjes", "even", "ff",
        "goedendag", "goeiedag", "goeiemorgen", "goeienavond",
        // when it started, which is the setting of a complaint, not what is asked ("de laatste tijd", "vorig jaar")
        "laatste", "laatst", "sindsdien", "tegenwoordig", "vorig", "vorige", "onlangs", "recent", "recentelijk", "paar", "dagen", "weken",
        // chat and Flemish spellings of the words above: "da" (dat), "wa" (wat), "gwn" (gewoon), "kheb" (ik heb), "ie"
        // (hij); and words that say nothing of what is asked: "qua eten", "bij de apotheek pillekes gehaald"
        "da", "wa", "gwn", "ofnie", "ofni", "kga", "kheb", "kzijn", "kben", "dak", "zijt", "mijne", "uwe", "zn", "dr",
        "kunde", "hebde", "zijde", "moete", "vd", "vh", "super", "lately", "ie", "qua", "gehaald", "afgehaald", "opgehaald",
        "krijgde", "kregde", "weette", "moette", "zoude", "hedde", "hadde", "gade", "kzou", "kweet", "kdenk", "kvind", "em", "as",
        // how, and thinking about it: "op welke wijze", "ik denk dat"
        "wijze", "manier", "denk", "denkt", "denken", "dacht",
        // the search syntax people paste (AND, OR, NOT) and who told them: not what they ask about
        "and", "or", "not", "vader", "moeder", "ouders", "man", "vrouw", "partner", "zus", "broer", "oom", "tante",
        "schoonmoeder", "schoonvader", "buurman", "buurvrouw", "dochter", "zoon", "vriend", "vriendin", "collega", "huisarts", "huisdokter", "dokter", "arts", "artsen", "specialist", "apotheker", "mdl", "internist", "neuroloog",
        // English question words, pronouns, auxiliaries and prepositions: a question asked in English keeps only its
        // content words, which the lexicon maps onto the article's ("been" is left out: it is Dutch for a leg)
        "what", "which", "who", "whom", "whose", "how", "why", "when", "where", "whether", "the", "a", "an", "are",
        "was", "were", "be", "being", "am", "do", "does", "did", "doing", "done", "have", "has", "having", "can",
        "could", "should", "would", "will", "shall", "may", "might", "must", "i", "im", "ive", "my", "mine", "you",
        "youre", "your", "yours", "she", "him", "his", "her", "it", "its", "us", "our", "they", "them", "their",
        "this", "that", "these", "those", "there", "to", "for", "on", "at", "by", "with", "from", "about", "into",
        "after", "before", "since", "during", "if", "then", "than", "so", "very", "really", "just", "also", "too",
        "still", "only", "much", "many", "more", "get", "gets", "getting", "got", "make", "makes", "made", "any",
        "some", "something", "anything", "someone", "anyone", "else", "other", "others", "all", "every", "each",
        "dont", "doesnt", "didnt", "cant", "cannot", "isnt", "arent", "wont", "please", "thanks", "thank", "hi",
        "hello", "against", "help", "helps", "doctor", "doctors", "gp", "physician", "know", "tell", "explain", "say",
        "says", "said",
    ];
}
