using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace B12Bot.Tests.Deploy;

/// <summary>
/// Just enough of a PNG reader to check the Teams icons: the header of any PNG, and the pixels of a
/// non-interlaced 8-bit RGB or RGBA image (all five row filters).
/// </summary>
internal sealed class Png
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private Png(int width, int height, byte bitDepth, byte colorType, byte interlace, byte[] compressed)
    {
        Width = width;
        Height = height;
        BitDepth = bitDepth;
        ColorType = colorType;
        Interlace = interlace;
        Compressed = compressed;
    }

    public int Width { get; }

    public int Height { get; }

    public byte BitDepth { get; }

    /// <summary>2 = RGB, 6 = RGBA (others are not decoded here).</summary>
    public byte ColorType { get; }

    public byte Interlace { get; }

    private byte[] Compressed { get; }

    public static Png Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < Signature.Length || !bytes.AsSpan(0, Signature.Length).SequenceEqual(Signature))
        {
            throw new InvalidDataException($"{path} is not a PNG.");
        }

        int? width = null, height = null;
        byte bitDepth = 0, colorType = 0, interlace = 0;
        using var idat = new MemoryStream();
        var at = Signature.Length;
        while (at + 8 <= bytes.Length)
        {
            var length = checked((int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(at)));
            var type = Encoding.ASCII.GetString(bytes, at + 4, 4);
            var data = bytes.AsSpan(at + 8, length);
            if (type == "IHDR")
            {
                width = checked((int)BinaryPrimitives.ReadUInt32BigEndian(data));
                height = checked((int)BinaryPrimitives.ReadUInt32BigEndian(data[4..]));
                (bitDepth, colorType, interlace) = (data[8], data[9], data[12]);
            }
            else if (type == "IDAT")
            {
                idat.Write(data);
            }
            else if (type == "IEND")
            {
                break;
            }

            at += 12 + length;
        }

        if (width is null || height is null)
        {
            throw new InvalidDataException($"{path} has no IHDR chunk.");
        }

        return new Png(width.Value, height.Value, bitDepth, colorType, interlace, idat.ToArray());
    }

    /// <summary>The pixels as RGBA, row by row (RGB images get alpha 255).</summary>
    public byte[] DecodeRgba()
    {
        if (BitDepth != 8 || Interlace != 0 || ColorType is not (2 or 6))
        {
            throw new NotSupportedException($"Only non-interlaced 8-bit RGB/RGBA is decoded (depth {BitDepth}, colour type {ColorType}, interlace {Interlace}).");
        }

        var channels = ColorType == 6 ? 4 : 3;
        var stride = Width * channels;
        var raw = new byte[Height * (stride + 1)];
        using (var inflater = new ZLibStream(new MemoryStream(Compressed), CompressionMode.Decompress))
        {
            inflater.ReadExactly(raw);
        }

        var previous = new byte[stride];
        var rgba = new byte[Width * Height * 4];
        for (var y = 0; y < Height; y++)
        {
            var filter = raw[y * (stride + 1)];
            var row = raw.AsSpan((y * (stride + 1)) + 1, stride).ToArray();
            Unfilter(filter, row, previous, channels);
            for (var x = 0; x < Width; x++)
            {
                var to = ((y * Width) + x) * 4;
                rgba[to] = row[x * channels];
                rgba[to + 1] = row[(x * channels) + 1];
                rgba[to + 2] = row[(x * channels) + 2];
                rgba[to + 3] = channels == 4 ? row[(x * channels) + 3] : (byte)255;
            }

            previous = row;
        }

        return rgba;
    }

    private static void Unfilter(byte filter, byte[] row, byte[] above, int step)
    {
        for (var i = 0; i < row.Length; i++)
        {
            var left = i >= step ? row[i - step] : 0;
            var up = above[i];
            var upLeft = i >= step ? above[i - step] : 0;
            var predicted = filter switch
            {
                0 => 0,
                1 => left,
                2 => up,
                3 => (left + up) / 2,
                4 => Paeth(left, up, upLeft),
                _ => throw new InvalidDataException($"Unknown PNG row filter {filter}."),
            };
            row[i] = unchecked((byte)(row[i] + predicted));
        }
    }

    private static int Paeth(int left, int up, int upLeft)
    {
        var estimate = left + up - upLeft;
        var toLeft = Math.Abs(estimate - left);
        var toUp = Math.Abs(estimate - up);
        var toUpLeft = Math.Abs(estimate - upLeft);
        if (toLeft <= toUp && toLeft <= toUpLeft)
        {
            return left;
        }

        return toUp <= toUpLeft ? up : upLeft;
    }
}
