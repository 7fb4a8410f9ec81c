using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Contoso.Gateway;

/// <summary>The service port technicians use on site: one text command per connection.</summary>
public static class MaintenancePort
{
    public static async Task ServeAsync(TcpListener listener, string logDirectory)
    {
        using var client = await listener.AcceptTcpClientAsync();
        using var reader = new StreamReader(client.GetStream());
        var request = await reader.ReadLineAsync() ?? string.Empty;
        var parts = request.Split(' ', 2);
        var argument = parts.Length > 1 ? parts[1] : string.Empty;
        switch (parts[0])
        {
            case "ping":
                Process.Start("ping", "-c 1 " + argument); // expect: SCR2002, SCR4011
                break;
            case "trace" when IPAddress.TryParse(argument, out var address):
                var trace = new ProcessStartInfo("traceroute"); // expect: SCR4011
                trace.ArgumentList.Add(address.ToString());
                Process.Start(trace);
                break;
            case "log":
                var text = await File.ReadAllTextAsync(Path.Combine(logDirectory, argument)); // expect: SCR2003
                await client.GetStream().WriteAsync(System.Text.Encoding.UTF8.GetBytes(text));
                break;
            case "rotate":
                var name = Path.GetFileName(argument);
                File.Move(Path.Combine(logDirectory, "current.log"), Path.Combine(logDirectory, name));
                break;
        }
    }
}
