using System.Text;
using B12Bot.Knowledge.Analysis;
using B12Bot.Knowledge.Tests.TestSupport;

namespace B12Bot.Knowledge.Tests.Analysis;

/// <summary>The general Dutch vocabulary: the shipped list, lookups, compounds and the file format.</summary>
public sealed class VocabularyTests
{
    [Fact]
    public void The_shipped_vocabulary_loads_with_its_licence_beside_it()
    {
        var vocabulary = RealKnowledge.Base.Vocabulary;

        Assert.True(vocabulary.Count > 300_000, $"{vocabulary.Count} words");
        Assert.True(File.Exists(RepoPaths.InRepo("knowledge", "vocabulary-nl.LICENSE")));
    }

    [Fact]
    public void The_shipped_list_is_read_whole_every_word_findable()
    {
        var path = RepoPaths.InRepo("knowledge", Vocabulary.FileName);
        using var gzip = new System.IO.Compression.GZipStream(File.OpenRead(path), System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.ASCII);
        var words = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            words.Add(line);
        }

        var vocabulary = Vocabulary.ReadFile(path);

        Assert.Equal(words.Count, vocabulary.Count);
        Assert.All(words.Where((_, i) => i % 997 == 0).Append(words[0]).Append(words[^1]), word => Assert.True(vocabulary.Contains(word), word));
    }

    [Fact]
    public void A_damaged_list_is_refused_not_read_in_part()
    {
        var path = Path.Combine(Path.GetTempPath(), $"vocabulary-{Guid.NewGuid():N}.txt.gz");
        try
        {
            Vocabulary.Write(path, ["aap", "mies", "noot"]);
            var bytes = File.ReadAllBytes(path);
            bytes[^1] = 0x7f; // the length in the trailer: far more than the text
            File.WriteAllBytes(path, bytes);

            Assert.ThrowsAny<Exception>(() => Vocabulary.ReadFile(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("migraine", true)]
    [InlineData("haaruitval", true)]
    [InlineData("slapeloosheid", true)]
    [InlineData("lachgas", true)]
    [InlineData("tekort", true)]
    [InlineData("tekord", false)]
    [InlineData("efkes", false)]
    [InlineData("symptonen", false)]
    [InlineData("", false)]
    public void A_real_Dutch_word_is_known_and_a_typo_is_not(string word, bool known) =>
        Assert.Equal(known, RealKnowledge.Base.Vocabulary.Contains(word));

    [Theory]
    [InlineData("lachgasgebruik")]
    [InlineData("schildkliermedicatie")]
    [InlineData("bloeddrukpillen")]
    public void Two_words_joined_are_read_as_a_compound(string word)
    {
        var vocabulary = RealKnowledge.Base.Vocabulary;

        Assert.False(vocabulary.Contains(word));
        Assert.True(vocabulary.ContainsOrJoins(word, out var parts));
        Assert.NotNull(parts);
        Assert.True(vocabulary.Contains(parts.Value.Left) && vocabulary.Contains(parts.Value.Right));
        Assert.StartsWith(parts.Value.Left, word, StringComparison.Ordinal);
        Assert.EndsWith(parts.Value.Right, word, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tekordsymptonen")]
    [InlineData("xq")]
    public void A_typo_is_no_compound(string word) =>
        Assert.False(RealKnowledge.Base.Vocabulary.ContainsOrJoins(word, out _));

    [Fact]
    public void A_written_list_is_read_back_sorted_and_without_doubles()
    {
        var path = Path.Combine(Path.GetTempPath(), $"vocabulary-{Guid.NewGuid():N}.txt.gz");
        try
        {
            Vocabulary.Write(path, ["zon", "appel", "maan", "appel"]);
            var vocabulary = Vocabulary.Load(path);

            Assert.Equal(3, vocabulary.Count);
            Assert.True(vocabulary.Contains("appel"));
            Assert.True(vocabulary.Contains("zon"));
            Assert.False(vocabulary.Contains("app"));
            Assert.False(vocabulary.Contains("zonne"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_list_without_a_final_newline_still_knows_its_last_word()
    {
        var vocabulary = Vocabulary.FromBytes(Encoding.ASCII.GetBytes("aap\nmies\nnoot"));

        Assert.True(vocabulary.Contains("noot"));
        Assert.True(vocabulary.Contains("aap"));
        Assert.False(vocabulary.Contains("noo"));
    }

    [Theory]
    [InlineData("werkt", true)]
    [InlineData("klopt", true)]
    [InlineData("haalt", true)]
    [InlineData("verricht", true)]
    [InlineData("bevestigen", true)]
    [InlineData("gehaald", true)]
    [InlineData("migraine", false)]
    [InlineData("spirulina", false)]
    [InlineData("haaruitval", false)]
    [InlineData("jeuk", false)]
    public void A_verb_form_is_told_from_the_name_of_a_thing(string word, bool verb) =>
        Assert.Equal(verb, RealKnowledge.Base.Vocabulary.LooksLikeVerbForm(word));

    [Theory]
    [InlineData("blijft", true)]
    [InlineData("leest", true)]
    [InlineData("horen", true)]
    [InlineData("stoppen", true)]
    [InlineData("zetten", true)]
    [InlineData("combineren", true)]
    [InlineData("sneller", true)]
    [InlineData("sterker", true)]
    [InlineData("dikker", true)]
    [InlineData("winter", false)]
    [InlineData("kater", false)]
    [InlineData("ogen", false)]
    [InlineData("nieren", false)]
    [InlineData("migraine", false)]
    [InlineData("koffie", false)]
    public void A_word_that_says_how_or_what_is_done_is_no_name(string word, bool noName) =>
        Assert.Equal(noName, RealKnowledge.Base.Vocabulary.LooksLikeNoName(word));

    [Theory]
    [InlineData("drink", true)]
    [InlineData("slik", true)]
    [InlineData("zit", true)]
    [InlineData("loop", true)]
    [InlineData("leef", true)]
    [InlineData("koffie", false)]
    [InlineData("migraine", false)]
    [InlineData("spirulina", false)]
    public void The_bare_stem_of_a_verb_is_told_from_the_name_of_a_thing(string word, bool stem) =>
        Assert.Equal(stem, RealKnowledge.Base.Vocabulary.LooksLikeVerbStem(word));

    [Fact]
    public void The_vocabulary_is_read_once_per_process()
    {
        var path = RepoPaths.InRepo("knowledge", Vocabulary.FileName);

        Assert.Same(Vocabulary.Load(path), Vocabulary.Load(path));
    }

    [Fact]
    public void A_copy_of_the_list_shares_it_and_a_changed_list_is_read_anew()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"vocabulary-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var shipped = RepoPaths.InRepo("knowledge", Vocabulary.FileName);
            var copy = Path.Combine(folder, Vocabulary.FileName);
            File.Copy(shipped, copy);
            Assert.Same(Vocabulary.Load(shipped), Vocabulary.Load(copy));

            var other = Path.Combine(folder, "other.txt.gz");
            Vocabulary.Write(other, ["aap", "noot"]);
            var changed = Vocabulary.Load(other);
            Assert.Equal(2, changed.Count);
            Vocabulary.Write(other, ["aap", "mies", "noot"]);
            Assert.Equal(3, Vocabulary.Load(other).Count);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
