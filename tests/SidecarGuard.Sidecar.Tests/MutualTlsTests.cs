using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Net.Client;
using SidecarGuard.Contracts.V1;
using SidecarGuard.Sidecar.Hosting;

namespace SidecarGuard.Sidecar.Tests;

// The wire enums, not the model's enums of the same names in the SidecarGuard namespace.
using TurnAction = SidecarGuard.Contracts.V1.TurnAction;

/// <summary>--tls-cert, --tls-key and --client-ca: only clients with a certificate from the configured CA get in.</summary>
public sealed class MutualTlsTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sg-tls-").FullName;
    private X509Certificate2? _ca;
    private X509Certificate2? _trustedClient;
    private X509Certificate2? _strangerClient;
    private TestSidecar? _server;

    public async Task InitializeAsync()
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=SidecarGuard test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        _ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var server = Issue("CN=127.0.0.1", serverKey, _ca, serverAuth: true);
        await File.WriteAllTextAsync(Path.Combine(_directory, "server.pem"), server.ExportCertificatePem());
        await File.WriteAllTextAsync(Path.Combine(_directory, "server.key"), serverKey.ExportPkcs8PrivateKeyPem());
        await File.WriteAllTextAsync(Path.Combine(_directory, "ca.pem"), _ca.ExportCertificatePem());

        _trustedClient = Issue("CN=chat-service", ECDsa.Create(ECCurve.NamedCurves.nistP256), _ca, serverAuth: false);
        using var strangerKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        _strangerClient = new CertificateRequest("CN=stranger", strangerKey, HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

        _server = await TestSidecar.StartAsync(new SidecarOptions
        {
            Store = StoreKind.Memory,
            TlsCertPath = Path.Combine(_directory, "server.pem"),
            TlsKeyPath = Path.Combine(_directory, "server.key"),
            ClientCaPath = Path.Combine(_directory, "ca.pem"),
        });
    }

    public async Task DisposeAsync()
    {
        await _server!.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private static X509Certificate2 Issue(string subject, ECDsa key, X509Certificate2 ca, bool serverAuth)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        var usage = serverAuth ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2";
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usage)], false));
        if (serverAuth)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
        }

        var serial = RandomNumberGenerator.GetBytes(8);
        using var issued = request.Create(ca, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(12), serial);
        return issued.CopyWithPrivateKey(key);
    }

    private GrpcChannel Channel(X509Certificate2? clientCertificate)
    {
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(_ca!);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return certificate is not null && chain.Build(new X509Certificate2(certificate));
        };
        if (clientCertificate is not null)
        {
            handler.SslOptions.ClientCertificates = [clientCertificate];
            handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => clientCertificate;
        }

        return GrpcChannel.ForAddress(_server!.Address, new GrpcChannelOptions { HttpHandler = handler });
    }

    private static EvaluateTurnRequest Turn() => new() { ConversationId = "tls-" + Guid.NewGuid().ToString("N"), UserText = Phrases.Benign };

    [Fact]
    public async Task A_Client_With_A_Certificate_From_The_Ca_Is_Served()
    {
        Assert.StartsWith("https://", _server!.Address, StringComparison.Ordinal);
        using var channel = Channel(_trustedClient);
        var verdict = await new GuardService.GuardServiceClient(channel).EvaluateTurnAsync(Turn());
        Assert.Equal(TurnAction.Allow, verdict.Action);
    }

    [Fact]
    public async Task A_Client_Without_A_Certificate_Is_Refused()
    {
        using var channel = Channel(null);
        var error = await Assert.ThrowsAsync<RpcException>(() => new GuardService.GuardServiceClient(channel).EvaluateTurnAsync(Turn()).ResponseAsync);
        AssertRefused(error);
    }

    [Fact]
    public async Task A_Client_With_A_Certificate_From_Another_Issuer_Is_Refused()
    {
        using var channel = Channel(_strangerClient);
        var error = await Assert.ThrowsAsync<RpcException>(() => new GuardService.GuardServiceClient(channel).EvaluateTurnAsync(Turn()).ResponseAsync);
        AssertRefused(error);
    }

    /// <summary>
    /// With TLS 1.3 the server checks the client's certificate after the client considers the handshake done, so the
    /// refusal reaches the client either as a failed connection (Unavailable) or as a stream cut off before any
    /// response (Internal); a clean-clone run saw both. Either way, nothing was served.
    /// </summary>
    private static void AssertRefused(RpcException error) =>
        Assert.Contains(error.StatusCode, new[] { StatusCode.Unavailable, StatusCode.Internal });
}
