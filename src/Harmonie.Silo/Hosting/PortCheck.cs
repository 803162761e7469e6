using System.Net;
using System.Net.Sockets;
using Harmonie.Silo.Configuration;

namespace Harmonie.Silo.Hosting;

/// <summary>
/// Refuses to start when a port this process must listen on is taken: Orleans would otherwise start a silo
/// that never bound its port (and, on one machine, reach the other instance's silo instead).
/// </summary>
public static class PortCheck
{
    public static void EnsureFree(IPAddress address, int port, string variable)
    {
        var listener = new TcpListener(address, port);
        try
        {
            listener.Start();
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
        {
            throw new SettingsException(
                variable,
                $"is {port}, but {address}:{port} is already in use by another process (another harmonie on this machine?): "
                + "give each instance its own ports");
        }
        finally
        {
            listener.Stop();
        }
    }
}
