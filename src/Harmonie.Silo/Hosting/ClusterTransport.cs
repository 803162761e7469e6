using System.Net;
using System.Security.Cryptography.X509Certificates;
using Harmonie.Silo.Configuration;
using Orleans.Connections.Security;

namespace Harmonie.Silo.Hosting;

/// <summary>
/// Protects the silo and gateway ports of a cluster member: TLS with one certificate shared by every silo, and
/// only peers presenting that certificate are accepted. Without a certificate a silo reachable from the network
/// would accept any process as a client or a peer, bypassing the API key, so it refuses to start unless the
/// operator declares the network private (<c>HARMONIE_CLUSTER_INSECURE=true</c>).
/// </summary>
public static class ClusterTransport
{
    public static void Secure(ISiloBuilder silo, HarmonieSettings settings, IPAddress advertised)
    {
        if (settings.ClusterCertificate is { } path)
        {
            var certificate = Load(path, settings.ClusterCertificatePassword);
            silo.UseTls(certificate, tls =>
            {
                tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
                tls.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
                tls.RemoteCertificateValidation = (remote, _, _) => remote is not null && remote.Thumbprint == certificate.Thumbprint;
            });
            return;
        }

        if (!IPAddress.IsLoopback(advertised) && !settings.ClusterInsecure)
        {
            throw new SettingsException(
                "HARMONIE_CLUSTER_CERTIFICATE",
                $"is not set, so this cluster silo would accept connections from the network on {advertised} without TLS: set it to a certificate file "
                + "shared by every silo (see docs/OPERATIONS.md, \"Cluster security\"), or set HARMONIE_CLUSTER_INSECURE=true if the "
                + "silo and gateway ports are only reachable on a private network");
        }
    }

    private static X509Certificate2 Load(string path, string? password)
    {
        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
            return certificate.HasPrivateKey
                ? certificate
                : throw new SettingsException("HARMONIE_CLUSTER_CERTIFICATE", $"{path} holds no private key");
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new SettingsException("HARMONIE_CLUSTER_CERTIFICATE", $"cannot read the certificate {path}: {ex.Message}");
        }
    }
}
