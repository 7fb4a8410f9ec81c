using System.Reflection;
using System.Security.Cryptography;

namespace Contoso.Gateway;

/// <summary>Protocol drivers (Modbus, OPC UA, vendor PLCs) are plugins the gateway loads at start.</summary>
public static class DriverHost
{
    // Reviewed driver builds: file name and the SHA-256 pinned when the release was approved.
    private static readonly Dictionary<string, string> PinnedDrivers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Contoso.Drivers.Modbus.dll"] = "3A7BD3E2360A3D29EEA436FCFB7E44C735D117C42D1C1835420B6B9942DD4F1B",
        ["Contoso.Drivers.OpcUa.dll"] = "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08",
    };

    /// <summary>The first version: every DLL a technician copies into the folder runs inside the gateway.</summary>
    public static IReadOnlyList<Assembly> LoadDrivers(string driverDirectory)
    {
        var drivers = new List<Assembly>();
        foreach (var file in Directory.GetFiles(driverDirectory, "*.dll"))
        {
            drivers.Add(Assembly.LoadFrom(file)); // expect: SCR4001
        }

        return drivers;
    }

    /// <summary>The fix: only reviewed builds load, and the bytes that were checked are the bytes that run.</summary>
    public static IReadOnlyList<Assembly> LoadVerifiedDrivers(string driverDirectory)
    {
        var drivers = new List<Assembly>();
        foreach (var file in Directory.GetFiles(driverDirectory, "*.dll"))
        {
            var bytes = File.ReadAllBytes(file);
            if (!PinnedDrivers.TryGetValue(Path.GetFileName(file), out var pinned)
                || !CryptographicOperations.FixedTimeEquals(SHA256.HashData(bytes), Convert.FromHexString(pinned)))
            {
                throw new InvalidDataException($"Driver {file} is not a reviewed build.");
            }

            drivers.Add(Assembly.Load(bytes));
        }

        return drivers;
    }
}
