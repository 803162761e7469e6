using System.Text.Json;
using Harmonie.Engines.Embeddings;
using Harmonie.TestSupport;

namespace Harmonie.Engines.Tests.Embeddings;

public sealed class Discogs400LabelsTests
{
    [Fact]
    public void Bundled_labels_are_400_distinct_genre_style_strings_of_the_discogs_taxonomy()
    {
        var labels = Discogs400Labels.Bundled;

        Assert.Equal(400, labels.Count);
        Assert.Equal(400, labels.Distinct(StringComparer.Ordinal).Count());
        Assert.All(labels, label => Assert.Equal(2, label.Split("---").Length));
        Assert.Equal(labels.Order(StringComparer.Ordinal), labels);
        Assert.Equal(15, labels.Select(l => l[..l.IndexOf("---", StringComparison.Ordinal)]).Distinct().Count());
        Assert.Equal("Blues---Boogie Woogie", labels[0]);
        Assert.Contains("Electronic---House", labels);
        Assert.Contains("Hip Hop---Boom Bap", labels);
    }

    [Fact]
    public void Metadata_json_with_400_classes_wins()
    {
        using var dir = new TempDirectory();
        var classes = Enumerable.Range(0, 400).Select(i => $"Genre---Style {i:D3}").ToArray();
        var path = TinyEffnetModels.WriteMetadata(dir.Combine("meta.json"), classes);

        var (labels, source) = Discogs400Labels.Load(path);

        Assert.Equal(classes, labels);
        Assert.Equal("meta.json", source);
    }

    [Theory]
    [InlineData(399)]
    [InlineData(401)]
    public void Metadata_json_without_exactly_400_classes_falls_back_to_the_bundled_list(int count)
    {
        using var dir = new TempDirectory();
        var path = TinyEffnetModels.WriteMetadata(dir.Combine("meta.json"), Enumerable.Range(0, count).Select(i => $"x{i}"));

        var (labels, source) = Discogs400Labels.Load(path);

        Assert.Same(Discogs400Labels.Bundled, labels);
        Assert.Contains("bundled", source, StringComparison.Ordinal);
    }

    [Fact]
    public void Unparsable_metadata_falls_back_to_the_bundled_list()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.Combine("meta.json"), "{ not json");

        var (labels, _) = Discogs400Labels.Load(dir.Combine("meta.json"));

        Assert.Same(Discogs400Labels.Bundled, labels);
        Assert.ThrowsAny<JsonException>(() => Discogs400Labels.ReadClasses(new MemoryStream("{ not json"u8.ToArray())));
    }
}
