using Harmonie.Engines.Playlists;

namespace Harmonie.Engines.Tests.Playlists;

public sealed class CamelotWheelTests
{
    [Theory]
    [InlineData("A", "minor", "8A")]
    [InlineData("C", "major", "8B")]
    [InlineData("F#", "major", "2B")]
    [InlineData("Gb", "major", "2B")]
    [InlineData("Ab", "minor", "1A")]
    [InlineData("G#", "minor", "1A")]
    [InlineData("Ab", "major", "4B")]
    [InlineData("C#", "minor", "12A")]
    [InlineData("Db", "minor", "12A")]
    [InlineData("E", "major", "12B")]
    [InlineData("A", "Minor", "8A")]
    public void Maps_keys_and_both_enharmonic_spellings(string key, string scale, string code)
    {
        Assert.Equal(code, CamelotWheel.ToCode(key, scale)?.ToString());
    }

    [Theory]
    [InlineData(null, "minor")]
    [InlineData("A", null)]
    [InlineData("H", "minor")]
    [InlineData("a", "minor")]
    [InlineData("A", "dorian")]
    public void Missing_or_unknown_keys_have_no_code_and_no_compatible_keys(string? key, string? scale)
    {
        Assert.Null(CamelotWheel.ToCode(key, scale));
        Assert.Empty(CamelotWheel.CompatibleCodes(key, scale));
        Assert.Empty(CamelotWheel.CompatiblePairs(key, scale));
    }

    [Fact]
    public void Compatible_sets_wrap_around_the_wheel()
    {
        Assert.Equal(["12A", "1A", "1B", "2A"], Codes("Ab", "minor"));
        Assert.Equal(["11B", "12A", "12B", "1B"], Codes("E", "major"));
    }

    [Fact]
    public void Compatible_pairs_list_every_spelling_of_every_compatible_code()
    {
        Assert.Equal(
            [("A", "minor"), ("C", "major"), ("D", "minor"), ("E", "minor")],
            CamelotWheel.CompatiblePairs("A", "minor").OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(
            new HashSet<(string, string)> { ("Ab", "minor"), ("G#", "minor"), ("C#", "minor"), ("Db", "minor"), ("Eb", "minor"), ("D#", "minor"), ("B", "major") },
            CamelotWheel.CompatiblePairs("G#", "minor").ToHashSet());
        Assert.False(CamelotWheel.IsIn(CamelotWheel.CompatibleCodes("A", "minor"), "F#", "major"));
        Assert.False(CamelotWheel.IsIn(CamelotWheel.CompatibleCodes("A", "minor"), "G", "major"));
        Assert.True(CamelotWheel.IsIn(CamelotWheel.CompatibleCodes("A", "minor"), "C", "major"));
    }

    private static string[] Codes(string key, string scale) =>
        CamelotWheel.CompatibleCodes(key, scale).Select(c => c.ToString()).Order(StringComparer.Ordinal).ToArray();
}
