using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Lucene.Net.Index;
using Lucene.Net.Store;

namespace B12Bot.Knowledge.Search;

/// <summary>Where the knowledge index is kept between starts, and the key of the knowledge it was built from.</summary>
/// <param name="Folder">The folder that holds stored indexes (one sub-folder per key).</param>
/// <param name="Key">A hash of the knowledge files (see <see cref="ForFiles"/>).</param>
public sealed record KnowledgeIndexLocation(string Folder, string Key)
{
    /// <summary>
    /// The location for the knowledge read from <paramref name="files"/>: its key is a SHA-256 of their names and
    /// contents, so any change to a file leads to a new index.
    /// </summary>
    public static KnowledgeIndexLocation ForFiles(string folder, IEnumerable<string> files)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(files);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files.Order(StringComparer.Ordinal))
        {
            var bytes = File.ReadAllBytes(file);
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetFileName(file)));
            hash.AppendData(BitConverter.GetBytes((long)bytes.Length));
            hash.AppendData(bytes);
        }

        return new KnowledgeIndexLocation(folder, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }
}

/// <summary>How a <see cref="KnowledgeIndex"/> came to be.</summary>
public enum KnowledgeIndexSource
{
    /// <summary>Built in memory, not kept.</summary>
    InMemory,

    /// <summary>Built and stored: there was no stored index for this knowledge.</summary>
    Built,

    /// <summary>Opened from the stored index of the same knowledge.</summary>
    Reused,

    /// <summary>Built and stored again: the stored index was partial or damaged.</summary>
    Rebuilt,
}

/// <summary>One unit's data beside Lucene's files, by document id.</summary>
/// <param name="Entry">The entry's index in the knowledge.</param>
/// <param name="Kind">The unit's <see cref="UnitKind"/>.</param>
/// <param name="Paragraph">For a text unit, its paragraph; otherwise −1.</param>
/// <param name="Source">Where the unit's text is in its entry (see <see cref="KnowledgeIndex.TextOf"/>).</param>
/// <param name="Weight">What a perfect match covers.</param>
/// <param name="CommonTerms">The unit's common terms, one bit each.</param>
internal readonly record struct UnitData(int Entry, byte Kind, int Paragraph, int Source, float Weight, ulong CommonTerms);

/// <summary>What the index needs beside Lucene's files: the units' data, the term weights, the words typos are corrected to.</summary>
internal sealed record IndexData(UnitData[] Units, Dictionary<string, float> Weights, Dictionary<string, int> Targets);

/// <summary>
/// Keeps the knowledge index on disk, one folder per knowledge key: Lucene's files, <c>units.bin</c> (the unit
/// data, weights and correction targets, with a SHA-256 of its contents) and a <c>ready</c> marker. An index is
/// built in a folder of its own and renamed into place only when complete, so a start never sees half an index and
/// concurrent starts never write the same files; a stored index that cannot be read in full is set aside and built
/// again. When the folder cannot be written, the index is built in memory as before.
/// </summary>
internal static class KnowledgeIndexStore
{
    /// <summary>Raised whenever the stored layout or the analysis that fills it changes meaning.</summary>
    private const int FormatVersion = 2;
    private const string DataFile = "units.bin";
    private const string ReadyFile = "ready";
    private static readonly byte[] Magic = "B12KIDX2"u8.ToArray();

    /// <summary>
    /// The folder name of the index for knowledge <paramref name="key"/>: also keyed by the settings that shape the
    /// index and by this build of the analysis code, so neither a new setting nor new code reads an old index.
    /// </summary>
    public static string FolderName(string key, float unknownWeight, float commonTermWeight)
    {
        var code = typeof(KnowledgeIndexStore).Assembly.ManifestModule.ModuleVersionId;
        var text = string.Create(CultureInfo.InvariantCulture, $"{FormatVersion}|{code}|{unknownWeight:R}|{commonTermWeight:R}|{key}");
        return "index-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }

    /// <summary>How long another index, or a build or damaged folder, is left before it is removed as stale.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromHours(1);

    public static (Lucene.Net.Store.Directory Directory, IndexData Data, KnowledgeIndexSource Source) OpenOrBuild(
        string root, string name, KnowledgeBase knowledge, Func<Lucene.Net.Store.Directory, IndexData> build)
    {
        var opened = OpenOrBuildIndex(root, name, knowledge, build);
        if (opened.Source != KnowledgeIndexSource.InMemory)
        {
            RemoveStale(root, name, DateTime.UtcNow - StaleAfter);
        }

        return opened;
    }

    /// <summary>
    /// Removes the indexes of other knowledge or code, and builds left by stopped starts, untouched since
    /// <paramref name="before"/> (a running process of an older version keeps reading its files where the system
    /// allows it; where it does not, the folder stays until a later start).
    /// </summary>
    internal static void RemoveStale(string root, string current, DateTime before)
    {
        try
        {
            foreach (var folder in System.IO.Directory.EnumerateDirectories(root, "index-*"))
            {
                if (!string.Equals(Path.GetFileName(folder), current, StringComparison.Ordinal)
                    && System.IO.Directory.GetLastWriteTimeUtc(folder) < before)
                {
                    DeleteQuietly(folder);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for a later start.
        }
    }

    private static (Lucene.Net.Store.Directory Directory, IndexData Data, KnowledgeIndexSource Source) OpenOrBuildIndex(
        string root, string name, KnowledgeBase knowledge, Func<Lucene.Net.Store.Directory, IndexData> build)
    {
        var final = Path.Combine(root, name);
        var entryCount = knowledge.Entries.Count;
        if (TryOpen(final, knowledge) is { } stored)
        {
            return (stored.Directory, stored.Data, KnowledgeIndexSource.Reused);
        }

        var damaged = System.IO.Directory.Exists(final);
        if (damaged)
        {
            SetAside(final);
        }

        string building;
        try
        {
            CreateOwnerOnly(root);
            building = Path.Combine(root, name + ".building-" + Guid.NewGuid().ToString("N"));
            CreateOwnerOnly(building);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nowhere to keep it: the bot still starts, building the index at every start as before.
            var memory = new RAMDirectory();
            return (memory, build(memory), KnowledgeIndexSource.InMemory);
        }

        IndexData data;
        try
        {
            using (var files = FSDirectory.Open(building))
            {
                data = build(files);
            }

            WriteData(Path.Combine(building, DataFile), data, entryCount);
            File.WriteAllText(Path.Combine(building, ReadyFile), name);
            System.IO.Directory.Move(building, final);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Another start put the same index in place first (or the disk refused): use that one, else memory.
            DeleteQuietly(building);
            if (TryOpen(final, knowledge) is { } theirs)
            {
                return (theirs.Directory, theirs.Data, KnowledgeIndexSource.Reused);
            }

            var memory = new RAMDirectory();
            return (memory, build(memory), KnowledgeIndexSource.InMemory);
        }

        return (new MMapDirectory(new DirectoryInfo(final)), data, damaged ? KnowledgeIndexSource.Rebuilt : KnowledgeIndexSource.Built);
    }

    /// <summary>The stored index in <paramref name="folder"/> when it is complete, intact and of this knowledge; otherwise null.</summary>
    private static (Lucene.Net.Store.Directory Directory, IndexData Data)? TryOpen(string folder, KnowledgeBase knowledge)
    {
        if (!File.Exists(Path.Combine(folder, ReadyFile)))
        {
            return null;
        }

        MMapDirectory? directory = null;
        try
        {
            var data = ReadData(Path.Combine(folder, DataFile), knowledge.Entries.Count);
            if (!Array.TrueForAll(data.Units, u => u.Entry >= 0 && u.Entry < knowledge.Entries.Count
                    && KnowledgeIndex.TextOf(knowledge.Entries[u.Entry], (UnitKind)u.Kind, u.Source) is not null))
            {
                return null;
            }

            directory = new MMapDirectory(new DirectoryInfo(folder));
            using (var reader = DirectoryReader.Open(directory))
            {
                if (reader.MaxDoc != data.Units.Length)
                {
                    directory.Dispose();
                    return null;
                }

                // Checks every file's checksum: a damaged file is found now, not in the middle of a question.
                foreach (var leaf in reader.Leaves)
                {
                    leaf.AtomicReader.CheckIntegrity();
                }
            }

            return (directory, data);
        }
#pragma warning disable CA1031 // Whatever a damaged index throws while it is read, the answer is to build it again.
        catch (Exception)
#pragma warning restore CA1031
        {
            directory?.Dispose();
            return null;
        }
    }

    private static void WriteData(string path, IndexData data, int entryCount)
    {
        using var payload = new MemoryStream();
        using (var writer = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(entryCount);
            writer.Write(data.Units.Length);
            foreach (var unit in data.Units)
            {
                writer.Write(unit.Entry);
                writer.Write(unit.Kind);
                writer.Write(unit.Paragraph);
                writer.Write(unit.Source);
                writer.Write(unit.Weight);
                writer.Write(unit.CommonTerms);
            }

            writer.Write(data.Weights.Count);
            foreach (var (term, weight) in data.Weights)
            {
                writer.Write(term);
                writer.Write(weight);
            }

            writer.Write(data.Targets.Count);
            foreach (var (word, count) in data.Targets)
            {
                writer.Write(word);
                writer.Write(count);
            }
        }

        var bytes = payload.ToArray();
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        file.Write(bytes);
        file.Write(SHA256.HashData(bytes));
        file.Flush(flushToDisk: true);
    }

    private static IndexData ReadData(string path, int entryCount)
    {
        var bytes = File.ReadAllBytes(path);
        var length = bytes.Length - SHA256.HashSizeInBytes;
        if (length < Magic.Length || !SHA256.HashData(bytes.AsSpan(0, length)).AsSpan().SequenceEqual(bytes.AsSpan(length)))
        {
            throw new InvalidDataException("The index's unit data is damaged.");
        }

        using var reader = new BinaryReader(new MemoryStream(bytes, 0, length, writable: false), Encoding.UTF8);
        if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic) || reader.ReadInt32() != entryCount)
        {
            throw new InvalidDataException("The index's unit data is of another knowledge.");
        }

        var units = new UnitData[reader.ReadInt32()];
        for (var i = 0; i < units.Length; i++)
        {
            units[i] = new UnitData(reader.ReadInt32(), reader.ReadByte(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadSingle(), reader.ReadUInt64());
        }

        var weightCount = reader.ReadInt32();
        var weights = new Dictionary<string, float>(weightCount, StringComparer.Ordinal);
        for (var i = 0; i < weightCount; i++)
        {
            weights[reader.ReadString()] = reader.ReadSingle();
        }

        var targetCount = reader.ReadInt32();
        var targets = new Dictionary<string, int>(targetCount, StringComparer.Ordinal);
        for (var i = 0; i < targetCount; i++)
        {
            targets[reader.ReadString()] = reader.ReadInt32();
        }

        return new IndexData(units, weights, targets);
    }

    /// <summary>Moves a damaged index out of the way (a rename, so no start reads it half-deleted), then deletes it.</summary>
    private static void SetAside(string folder)
    {
        var aside = folder + ".damaged-" + Guid.NewGuid().ToString("N");
        try
        {
            System.IO.Directory.Move(folder, aside);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Another start moved it already.
            return;
        }

        DeleteQuietly(aside);
    }

    private static void DeleteQuietly(string folder)
    {
        try
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left behind; it is never read.
        }
    }

    /// <summary>
    /// Creates a folder (and any missing parent) readable by the bot's own user only: the index usually sits in the
    /// data folder beside the state, which must stay owner-only whoever creates it first.
    /// </summary>
    private static void CreateOwnerOnly(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(folder);
        }
        else
        {
            // The mode applies to the last folder only: missing parents are made one by one, top down.
            var missing = new Stack<string>();
            for (var path = Path.GetFullPath(folder); !string.IsNullOrEmpty(path) && !System.IO.Directory.Exists(path); path = Path.GetDirectoryName(path))
            {
                missing.Push(path);
            }

            while (missing.TryPop(out var path))
            {
                System.IO.Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
    }
}
