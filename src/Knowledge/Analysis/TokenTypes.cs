using Lucene.Net.Analysis.Synonym;

namespace B12Bot.Knowledge.Analysis;

/// <summary>Where a token of our analysis comes from (its type attribute) and the flags it may carry.</summary>
internal static class TokenTypes
{
    /// <summary>Stacked by the synonym filter: the article's word for what the user wrote.</summary>
    public const string Synonym = SynonymFilter.TYPE_SYNONYM;

    /// <summary>A part of a compound word, stacked on the whole word.</summary>
    public const string Part = "PART";

    /// <summary>Flag bit: the word was not known and was corrected to the nearest word of the knowledge.</summary>
    public const int CorrectedFlag = 1;
}
