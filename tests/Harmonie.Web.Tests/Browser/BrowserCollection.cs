namespace Harmonie.Web.Tests.Browser;

/// <summary>One Chromium for every browser test class.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
