using System.Net;

namespace Contoso.Gateway;

/// <summary>Access for the supplier's service technicians and the gateway's upstream historian.</summary>
public static class ServiceAccess
{
    // Compliant: a constant that holds a configuration key name, not a secret.
    public const string HistorianPasswordSetting = "Historian:Password";

    public static bool IsServiceTechnician(string user, string password)
    {
        // Non-compliant: a fixed service password is a backdoor, the same on every gateway ever shipped.
        return user == "service" && password == "Gw-Service#2024"; // expect: SCR6005
    }

    public static ICredentials HistorianCredentials()
    {
        // Non-compliant: the historian's password is in every binary.
        return new NetworkCredential("gateway", "Hist0rian!Pass"); // expect: SCR6002
    }

    public static ICredentials HistorianCredentials(Func<string, string?> settings)
    {
        // Compliant: read at run time from configuration backed by a secret store.
        return new NetworkCredential("gateway", settings(HistorianPasswordSetting) ?? string.Empty);
    }
}
