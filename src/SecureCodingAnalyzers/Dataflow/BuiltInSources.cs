using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Operations;
using static SecureCodingAnalyzers.Dataflow.ApiSpec;

namespace SecureCodingAnalyzers.Dataflow;

/// <summary>
/// The built-in sources of untrusted input, by group. Parameters of web entry points (controller actions, Razor Pages
/// handlers, minimal-API handlers), bound properties and <c>Main</c> arguments are recognized by
/// <see cref="EntryPoints"/>; everything here is a member whose result (or buffer argument) carries the input.
/// </summary>
internal static class BuiltInSources
{
    private const string HttpRequest = "Microsoft.AspNetCore.Http.HttpRequest";
    private const string FormFile = "Microsoft.AspNetCore.Http.IFormFile";
    private const string Ports = "System.IO.Ports.SerialPort";

    public static ImmutableArray<ApiSpec> All { get; } = ImmutableArray.Create(
        // Web: the request members that carry client-controlled data. Method, Scheme, IsHttps, Protocol and
        // ContentLength are parsed or validated by the server and are not sources.
        Source(SourceGroup.Web, HttpRequest, "Query", "HTTP query string"),
        Source(SourceGroup.Web, HttpRequest, "QueryString", "HTTP query string"),
        Source(SourceGroup.Web, HttpRequest, "Form", "HTTP form"),
        Source(SourceGroup.Web, HttpRequest, "ReadFormAsync", "HTTP form"),
        Source(SourceGroup.Web, HttpRequest, "Headers", "HTTP request headers"),
        Source(SourceGroup.Web, HttpRequest, "Cookies", "HTTP cookies"),
        Source(SourceGroup.Web, HttpRequest, "RouteValues", "HTTP route values"),
        Source(SourceGroup.Web, HttpRequest, "Body", "HTTP request body"),
        Source(SourceGroup.Web, HttpRequest, "BodyReader", "HTTP request body"),
        Source(SourceGroup.Web, HttpRequest, "Path", "HTTP request path"),
        Source(SourceGroup.Web, HttpRequest, "PathBase", "HTTP request path"),
        Source(SourceGroup.Web, HttpRequest, "Host", "HTTP Host header"),
        Source(SourceGroup.Web, HttpRequest, "ContentType", "HTTP Content-Type header"),
        Source(SourceGroup.Web, "Microsoft.AspNetCore.Http.HttpRequestJsonExtensions", "ReadFromJsonAsync", "HTTP request body"),
        Source(SourceGroup.Web, "Microsoft.AspNetCore.Routing.RoutingHttpContextExtensions", "GetRouteValue", "HTTP route value"),
        Source(SourceGroup.Web, FormFile, "FileName", "uploaded file name"),
        Source(SourceGroup.Web, FormFile, "Name", "uploaded file field name"),
        Source(SourceGroup.Web, FormFile, "OpenReadStream", "uploaded file contents"),
        Source(SourceGroup.Web, FormFile, "CopyTo", "uploaded file contents", "target"),
        Source(SourceGroup.Web, FormFile, "CopyToAsync", "uploaded file contents", "target"),

        // Local process input.
        Source(SourceGroup.Process, "System.Console", "ReadLine", "console input (Console.ReadLine)"),
        Source(SourceGroup.Process, "System.Console", "In", "console input (Console.In)"),
        Source(SourceGroup.Process, "System.Console", "OpenStandardInput", "console input"),
        Source(SourceGroup.Process, "System.Environment", "GetCommandLineArgs", "command-line arguments"),
        Source(SourceGroup.Process, "System.Environment", "CommandLine", "the command line"),
        Source(SourceGroup.Environment, "System.Environment", "GetEnvironmentVariable", "an environment variable"),
        Source(SourceGroup.Environment, "System.Environment", "GetEnvironmentVariables", "environment variables"),
        Source(SourceGroup.Environment, "System.Environment", "ExpandEnvironmentVariables", "environment variables"),

        // Network.
        Source(SourceGroup.Network, "System.Net.Sockets.Socket", "Receive", "socket input", "buffer", "buffers"),
        Source(SourceGroup.Network, "System.Net.Sockets.Socket", "ReceiveAsync", "socket input", "buffer", "buffers", "e"),
        Source(SourceGroup.Network, "System.Net.Sockets.Socket", "ReceiveFrom", "socket input", "buffer"),
        Source(SourceGroup.Network, "System.Net.Sockets.Socket", "ReceiveFromAsync", "socket input", "buffer"),
        Source(SourceGroup.Network, "System.Net.Sockets.TcpClient", "GetStream", "TCP input"),
        Source(SourceGroup.Network, "System.Net.Sockets.NetworkStream", ".ctor", "network stream input"),
        Source(SourceGroup.Network, "System.Net.Sockets.UdpClient", "Receive", "UDP input"),
        Source(SourceGroup.Network, "System.Net.Sockets.UdpClient", "ReceiveAsync", "UDP input"),
        Source(SourceGroup.Network, "System.Net.Http.HttpClient", "GetStringAsync", "an HTTP response"),
        Source(SourceGroup.Network, "System.Net.Http.HttpClient", "GetByteArrayAsync", "an HTTP response"),
        Source(SourceGroup.Network, "System.Net.Http.HttpClient", "GetStreamAsync", "an HTTP response"),
        Source(SourceGroup.Network, "System.Net.Http.HttpClient", "GetAsync", "an HTTP response"),
        Source(SourceGroup.Network, "System.Net.Http.HttpClient", "PostAsync", "an HTTP response"),
        Source(SourceGroup.Network, "System.Net.Http.HttpClient", "PutAsync", "an HTTP response"),
        Source(SourceGroup.Network, "System.Net.Http.HttpClient", "SendAsync", "an HTTP response"),
        Source(SourceGroup.Network, "System.Net.Http.HttpClient", "Send", "an HTTP response"),
        Source(SourceGroup.Network, "System.Net.Http.Json.HttpClientJsonExtensions", "GetFromJsonAsync", "an HTTP response"),
        Source(SourceGroup.Network, "System.Net.WebClient", "DownloadString", "a download"),
        Source(SourceGroup.Network, "System.Net.WebClient", "DownloadStringTaskAsync", "a download"),
        Source(SourceGroup.Network, "System.Net.WebClient", "DownloadData", "a download"),
        Source(SourceGroup.Network, "System.Net.WebClient", "OpenRead", "a download"),
        // A file downloaded to disk: its path now names downloaded code (for the code-integrity rules only: the path
        // itself did not come from the network).
        Source(SourceGroup.Network, "System.Net.WebClient", "DownloadFile", "a download", "fileName").For(SinkKind.Integrity),
        Source(SourceGroup.Network, "System.Net.WebClient", "DownloadFileAsync", "a download", "fileName").For(SinkKind.Integrity),
        Source(SourceGroup.Network, "System.Net.WebClient", "DownloadFileTaskAsync", "a download", "fileName").For(SinkKind.Integrity),
        Source(SourceGroup.Network, "System.Net.WebSockets.WebSocket", "ReceiveAsync", "WebSocket input", "buffer"),

        // Serial ports: the field devices of industrial systems.
        Source(SourceGroup.Serial, Ports, "ReadLine", "serial-port input (SerialPort.ReadLine)"),
        Source(SourceGroup.Serial, Ports, "ReadExisting", "serial-port input (SerialPort.ReadExisting)"),
        Source(SourceGroup.Serial, Ports, "ReadTo", "serial-port input (SerialPort.ReadTo)"),
        Source(SourceGroup.Serial, Ports, "Read", "serial-port input (SerialPort.Read)", "buffer"),
        Source(SourceGroup.Serial, Ports, "BaseStream", "serial-port input (SerialPort.BaseStream)"),

        // Pipes: the pipe object itself carries the input; reads propagate it.
        Source(SourceGroup.Pipes, "System.IO.Pipes.NamedPipeServerStream", ".ctor", "named-pipe input"),
        Source(SourceGroup.Pipes, "System.IO.Pipes.NamedPipeClientStream", ".ctor", "named-pipe input"),
        Source(SourceGroup.Pipes, "System.IO.Pipes.AnonymousPipeServerStream", ".ctor", "pipe input"),
        Source(SourceGroup.Pipes, "System.IO.Pipes.AnonymousPipeClientStream", ".ctor", "pipe input"),

        // Files read from a non-constant path (the engine ignores constant paths: files shipped with the program).
        Source(SourceGroup.Files, "System.IO.File", "ReadAllText", "file contents"),
        Source(SourceGroup.Files, "System.IO.File", "ReadAllTextAsync", "file contents"),
        Source(SourceGroup.Files, "System.IO.File", "ReadAllLines", "file contents"),
        Source(SourceGroup.Files, "System.IO.File", "ReadAllLinesAsync", "file contents"),
        Source(SourceGroup.Files, "System.IO.File", "ReadLines", "file contents"),
        Source(SourceGroup.Files, "System.IO.File", "ReadLinesAsync", "file contents"),
        Source(SourceGroup.Files, "System.IO.File", "ReadAllBytes", "file contents"),
        Source(SourceGroup.Files, "System.IO.File", "ReadAllBytesAsync", "file contents"),
        Source(SourceGroup.Files, "System.IO.File", "OpenText", "file contents"),
        Source(SourceGroup.Files, "System.IO.File", "OpenRead", "file contents"),
        Source(SourceGroup.Files, "System.IO.StreamReader", ".ctor", "file contents"),
        Source(SourceGroup.Archives, "System.IO.Compression.ZipArchiveEntry", "FullName", "a zip entry name"),
        Source(SourceGroup.Archives, "System.Formats.Tar.TarEntry", "Name", "a tar entry name"),
        Source(SourceGroup.Archives, "System.Formats.Tar.TarEntry", "LinkName", "a tar entry link target"),

        // Code loading only: where a program finds plugins and libraries it did not ship with.
        Source(SourceGroup.Listing, "System.IO.Directory", "GetFiles", "a file listed from a directory").For(SinkKind.PluginLoad),
        Source(SourceGroup.Listing, "System.IO.Directory", "EnumerateFiles", "a file listed from a directory").For(SinkKind.PluginLoad),
        Source(SourceGroup.Listing, "System.IO.Directory", "GetFileSystemEntries", "a file listed from a directory").For(SinkKind.PluginLoad),
        Source(SourceGroup.Listing, "System.IO.Directory", "EnumerateFileSystemEntries", "a file listed from a directory").For(SinkKind.PluginLoad),
        Source(SourceGroup.Listing, "System.IO.DirectoryInfo", "GetFiles", "a file listed from a directory").For(SinkKind.PluginLoad),
        Source(SourceGroup.Listing, "System.IO.DirectoryInfo", "EnumerateFiles", "a file listed from a directory").For(SinkKind.PluginLoad),
        Source(SourceGroup.Listing, "System.IO.DirectoryInfo", "GetFileSystemInfos", "a file listed from a directory").For(SinkKind.PluginLoad),
        Source(SourceGroup.Listing, "System.IO.DirectoryInfo", "EnumerateFileSystemInfos", "a file listed from a directory").For(SinkKind.PluginLoad),
        Source(SourceGroup.Writable, "System.IO.Path", "GetTempPath", "the temp folder (Path.GetTempPath)").For(SinkKind.UntrustedLoad),
        Source(SourceGroup.Writable, "System.IO.Path", "GetTempFileName", "a temp file (Path.GetTempFileName)").For(SinkKind.UntrustedLoad),
        Source(SourceGroup.Writable, "System.IO.Directory", "CreateTempSubdirectory", "a temp folder (Directory.CreateTempSubdirectory)").For(SinkKind.UntrustedLoad),
        Source(SourceGroup.Writable, "System.IO.Directory", "GetCurrentDirectory", "the current directory").For(SinkKind.UntrustedLoad),
        Source(SourceGroup.Writable, "System.Environment", "CurrentDirectory", "the current directory").For(SinkKind.UntrustedLoad),
        Source(SourceGroup.Writable, "System.Environment", "GetFolderPath", "a user-writable folder (Environment.GetFolderPath)").For(SinkKind.UntrustedLoad)
            .Except(arguments => !IsUserWritableFolder(arguments)),
        Source(SourceGroup.Configuration, "Microsoft.Extensions.Configuration.IConfiguration", "this[]", "a configuration value").For(SinkKind.UntrustedLoad),
        Source(SourceGroup.Configuration, "Microsoft.Extensions.Configuration.IConfigurationSection", "Value", "a configuration value").For(SinkKind.UntrustedLoad),
        Source(SourceGroup.Configuration, "Microsoft.Extensions.Configuration.ConfigurationBinder", "GetValue", "a configuration value").For(SinkKind.UntrustedLoad),
        Source(SourceGroup.Configuration, "Microsoft.Extensions.Options.IOptions`1", "Value", "bound options").For(SinkKind.UntrustedLoad),
        Source(SourceGroup.Configuration, "Microsoft.Extensions.Options.IOptionsMonitor`1", "CurrentValue", "bound options").For(SinkKind.UntrustedLoad),
        Source(SourceGroup.Configuration, "Microsoft.Extensions.Options.IOptionsSnapshot`1", "Get", "bound options").For(SinkKind.UntrustedLoad),
        Source(SourceGroup.Configuration, "System.Configuration.ConfigurationManager", "AppSettings", "an application setting").For(SinkKind.UntrustedLoad),
        Source(SourceGroup.Configuration, "Microsoft.Win32.Registry", "GetValue", "a registry value").For(SinkKind.UntrustedLoad),
        Source(SourceGroup.Configuration, "Microsoft.Win32.RegistryKey", "GetValue", "a registry value").For(SinkKind.UntrustedLoad));

    /// <summary>
    /// <c>Environment.SpecialFolder</c> values of folders any local user (or the signed-in user's other programs) can
    /// write to: the user profile and its folders, the temp and internet caches, and <c>CommonApplicationData</c>
    /// (ProgramData, where users may create files by default on Windows). Program Files, System and Windows are not.
    /// </summary>
    private static readonly ImmutableHashSet<int> UserWritableFolders = ImmutableHashSet.Create(
        0x0000, // Desktop
        0x0002, // Programs (Start menu)
        0x0005, // Personal / MyDocuments
        0x0006, // Favorites
        0x0007, // Startup
        0x0008, // Recent
        0x0009, // SendTo
        0x000b, // StartMenu
        0x000d, // MyMusic
        0x000e, // MyVideos
        0x0010, // DesktopDirectory
        0x0015, // Templates
        0x001a, // ApplicationData
        0x001c, // LocalApplicationData
        0x0020, // InternetCache
        0x0021, // Cookies
        0x0022, // History
        0x0023, // CommonApplicationData
        0x0027, // MyPictures
        0x0028, // UserProfile
        0x002e, // CommonDocuments
        0x003b); // CDBurning

    private static bool IsUserWritableFolder(ImmutableArray<IArgumentOperation> arguments)
        => arguments.Length > 0 && arguments[0].Value.ConstantValue.Value is int folder && UserWritableFolders.Contains(folder);

    /// <summary>
    /// Environment variables the operating system sets to the locations of its own directories and programs
    /// (<c>HOME</c>, <c>TEMP</c>, <c>ProgramData</c>, <c>XDG_CONFIG_HOME</c>, ...). Programs build paths and command
    /// lines on them everywhere; they are system configuration, not input, and are not sources.
    /// </summary>
    private static readonly ImmutableHashSet<string> SystemLocations = ImmutableHashSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "HOME", "TEMP", "TMP", "TMPDIR", "APPDATA", "LOCALAPPDATA", "PROGRAMDATA", "ALLUSERSPROFILE", "USERPROFILE", "PUBLIC",
        "PROGRAMFILES", "PROGRAMFILES(X86)", "PROGRAMW6432", "COMMONPROGRAMFILES", "COMMONPROGRAMFILES(X86)", "SYSTEMROOT",
        "WINDIR", "SYSTEMDRIVE", "COMSPEC", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_RUNTIME_DIR");

    /// <summary>
    /// True when an environment source reads only system locations: <c>GetEnvironmentVariable("TEMP")</c>, or
    /// <c>ExpandEnvironmentVariables</c> of a constant whose every <c>%NAME%</c> is one.
    /// </summary>
    public static bool ReadsSystemLocation(ApiSpec spec, ImmutableArray<IArgumentOperation> arguments)
    {
        if (spec.Group != SourceGroup.Environment || arguments.Length == 0 || arguments[0].Value.ConstantValue.Value is not string text)
        {
            return false;
        }

        if (spec.Member != "ExpandEnvironmentVariables")
        {
            return SystemLocations.Contains(text);
        }

        for (var start = text.IndexOf('%'); start >= 0; start = text.IndexOf('%', start + 1))
        {
            var end = text.IndexOf('%', start + 1);
            if (end < 0)
            {
                break;
            }

            if (!SystemLocations.Contains(text.Substring(start + 1, end - start - 1)))
            {
                return false;
            }

            start = end;
        }

        return true;
    }
}
