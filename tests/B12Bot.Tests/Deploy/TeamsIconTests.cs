namespace B12Bot.Tests.Deploy;

/// <summary>The Teams icons: a 192×192 colour icon and a 32×32 white-on-transparent outline.</summary>
public sealed class TeamsIconTests
{
    private static Png Icon(string name) => Png.Read(DeployFiles.Existing(Path.Combine(DeployFiles.Teams, name)));

    [Theory]
    [InlineData("color.png", 192)]
    [InlineData("outline.png", 32)]
    public void The_icon_has_the_size_Teams_requires(string name, int size)
    {
        var icon = Icon(name);

        Assert.Equal(size, icon.Width);
        Assert.Equal(size, icon.Height);
    }

    [Fact]
    public void The_outline_icon_is_only_white_on_a_transparent_background()
    {
        var icon = Icon("outline.png");
        Assert.Equal(6, icon.ColorType);
        var rgba = icon.DecodeRgba();

        var pixels = Enumerable.Range(0, icon.Width * icon.Height).Select(i => rgba.AsSpan(i * 4, 4).ToArray()).ToList();
        var coloured = pixels.Where(p => p[3] != 0 && (p[0], p[1], p[2]) != (255, 255, 255)).ToList();
        Assert.Empty(coloured);

        // A transparent background with a visible white mark on it, not an empty or filled square.
        Assert.All(new[] { 0, icon.Width - 1, (icon.Height - 1) * icon.Width, (icon.Width * icon.Height) - 1 }, corner => Assert.Equal(0, rgba[(corner * 4) + 3]));
        var opaque = pixels.Count(p => p[3] >= 128);
        Assert.InRange(opaque, pixels.Count / 20, pixels.Count / 2);
    }

    [Fact]
    public void The_colour_icon_is_opaque_and_in_colour()
    {
        var icon = Icon("color.png");
        var rgba = icon.DecodeRgba();

        var pixels = Enumerable.Range(0, icon.Width * icon.Height).Select(i => rgba.AsSpan(i * 4, 4).ToArray()).ToList();
        Assert.All(pixels, p => Assert.Equal(255, p[3]));
        Assert.Contains(pixels, p => p[0] != p[1] || p[1] != p[2]);
        Assert.Contains(pixels, p => p[0] == 255 && p[1] == 255 && p[2] == 255);
    }

    /// <summary>Pixels, not bytes: another zlib build may compress the same pixels differently.</summary>
    [Fact]
    public async Task The_committed_icons_are_exactly_what_icons_py_draws()
    {
        var folder = Directory.CreateTempSubdirectory("b12-icons-");
        try
        {
            var run = await ExternalTool.RunAsync("python3", [Path.Combine(DeployFiles.Teams, "icons.py"), folder.FullName]);

            Assert.True(run.ExitCode == 0, run.Errors);
            foreach (var name in new[] { "color.png", "outline.png" })
            {
                var committed = Icon(name);
                var drawn = Png.Read(Path.Combine(folder.FullName, name));
                Assert.Equal((committed.Width, committed.Height), (drawn.Width, drawn.Height));
                Assert.Equal(committed.DecodeRgba(), drawn.DecodeRgba());
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
