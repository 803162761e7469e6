using Harmonie.Web.Hosting;

namespace Harmonie.Silo.Hosting;

/// <summary>Flipped once the silo is up and the scan coordinator is initialised.</summary>
public sealed class ServiceReadiness : IServiceReadiness
{
    private volatile bool _ready;

    public bool IsReady => _ready;

    public void MarkReady() => _ready = true;
}
