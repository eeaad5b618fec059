using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace SidecarGuard.Sidecar.Hosting;

/// <summary>
/// TLS for both listeners from PEM files (--tls-cert, --tls-key) and, with --client-ca, mutual TLS: a client must
/// present a certificate that chains to one of those CAs. API keys still pick the tenant.
/// </summary>
internal sealed class TlsSettings
{
    private readonly X509Certificate2Collection? _clientCas;

    private TlsSettings(X509Certificate2 certificate, X509Certificate2Collection? clientCas)
    {
        Certificate = certificate;
        _clientCas = clientCas;
    }

    public X509Certificate2 Certificate { get; }

    public static TlsSettings? Load(SidecarOptions options)
    {
        if (options.TlsCertPath is null)
        {
            return null;
        }

        try
        {
            var certificate = X509Certificate2.CreateFromPemFile(options.TlsCertPath, options.TlsKeyPath);
            X509Certificate2Collection? cas = null;
            if (options.ClientCaPath is { } caPath)
            {
                cas = [];
                cas.ImportFromPemFile(caPath);
                if (cas.Count == 0)
                {
                    throw new Cli.UsageException($"--client-ca '{caPath}' holds no PEM certificate.");
                }
            }

            return new TlsSettings(certificate, cas);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new Cli.UsageException($"Cannot load the TLS certificate or key: {e.Message}");
        }
    }

    public void Apply(HttpsConnectionAdapterOptions https)
    {
        https.ServerCertificate = Certificate;
        if (_clientCas is null)
        {
            return;
        }

        https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
        https.ClientCertificateValidation = (certificate, _, _) => IsTrusted(certificate);
    }

    private bool IsTrusted(X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_clientCas!);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }
}
