using System.Net;
using System.Net.Sockets;

namespace Harmonie.TestSupport;

/// <summary>Ports nobody listens on right now, so parallel test hosts do not collide.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
