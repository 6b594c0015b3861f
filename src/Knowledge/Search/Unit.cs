namespace B12Bot.Knowledge.Search;

/// <summary>What a unit of the index is; each kind is its own field, weighted by what it says about the entry.</summary>
internal enum UnitKind
{
    /// <summary>The entry's question (an FAQ's own question) or one of its hand-written variants.</summary>
    Question,

    /// <summary>A section's heading.</summary>
    Title,

    /// <summary>One of the entry's keywords.</summary>
    Keyword,

    /// <summary>One paragraph (or bullet) of the entry's text.</summary>
    Text,
}

/// <summary>One indexed document: a phrasing, heading, keyword or paragraph of one entry (a struct: the grown knowledge has hundreds of thousands, read in document order).</summary>
/// <param name="Entry">Index of the entry in the knowledge.</param>
/// <param name="Kind">What the unit is.</param>
/// <param name="Paragraph">For text units, the paragraph's index in the entry; otherwise −1.</param>
/// <param name="Weight">The summed weight of the unit's concepts: what a perfect match covers.</param>
/// <param name="CommonTerms">Which of the index's common terms the unit holds, one bit each (see <see cref="KnowledgeIndex.CommonTermBit"/>).</param>
/// <param name="Text">The unit's text (for tracing).</param>
internal readonly record struct Unit(int Entry, UnitKind Kind, int Paragraph, float Weight, ulong CommonTerms, string Text);
