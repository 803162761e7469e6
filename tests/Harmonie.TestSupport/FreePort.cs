using System.Net;
using System.Net.Sockets;

namespace Harmonie.TestSupport;

/// <summary>Ports nobody listens on right now, so parallel test hosts do not collide.</summary>
/// <remarks>
/// Ports come from below the kernel's ephemeral range (32768+ on Linux): a port the OS hands out for "any free port"
/// can be taken again by an outgoing connection, such as a silo's, before the test host binds it. Each process starts
/// at a random offset so that test assemblies running side by side walk different ports.
/// </remarks>
public static class FreePort
{
    private const int First = 20000;
    private const int Count = 12000;

    private static int _next = Random.Shared.Next(Count);

    public static int Next()
    {
        for (var attempt = 0; attempt < Count; attempt++)
        {
            var port = First + (int)((uint)Interlocked.Increment(ref _next) % Count);
            if (IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"no free port in {First}–{First + Count - 1}");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Any, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
