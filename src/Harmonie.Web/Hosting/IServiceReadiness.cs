namespace Harmonie.Web.Hosting;

/// <summary>Whether the service has finished starting; until then <c>/api/v1</c> answers 503.</summary>
public interface IServiceReadiness
{
    bool IsReady { get; }
}
