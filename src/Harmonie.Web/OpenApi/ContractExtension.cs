namespace Harmonie.Web.OpenApi;

/// <summary>Endpoint metadata: harmonie's addition to the original's contract, shown as <c>x-harmonie-extension</c>.</summary>
public sealed class ContractExtension
{
    public static readonly ContractExtension Instance = new();

    private ContractExtension()
    {
    }
}
