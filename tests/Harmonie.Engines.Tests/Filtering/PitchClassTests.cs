using Harmonie.Engines.Filtering;

namespace Harmonie.Engines.Tests.Filtering;

public sealed class PitchClassTests
{
    [Theory]
    [InlineData("C", 0)]
    [InlineData("C#", 1)]
    [InlineData("Db", 1)]
    [InlineData("Eb", 3)]
    [InlineData("D#", 3)]
    [InlineData("F#", 6)]
    [InlineData("Gb", 6)]
    [InlineData("Ab", 8)]
    [InlineData("G#", 8)]
    [InlineData("A", 9)]
    [InlineData("Bb", 10)]
    [InlineData("A#", 10)]
    [InlineData("B", 11)]
    [InlineData("Cb", 11)]
    [InlineData("B#", 0)]
    [InlineData("bb", 10)]
    [InlineData("AB", 8)]
    [InlineData("f♯", 6)]
    public void Spellings_map_to_their_pitch_class(string name, int expected) => Assert.Equal(expected, PitchClass.Of(name));

    [Theory]
    [InlineData("")]
    [InlineData("H")]
    [InlineData("A minor")]
    [InlineData("C##")]
    [InlineData("Cx")]
    public void Anything_else_is_not_a_key(string name) => Assert.Equal(-1, PitchClass.Of(name));
}
