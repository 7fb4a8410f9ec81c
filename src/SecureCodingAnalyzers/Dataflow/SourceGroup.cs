using System;

namespace SecureCodingAnalyzers.Dataflow;

/// <summary>Groups of untrusted input; each can be switched off with <c>secure_coding.taint_disabled_source_groups</c>.</summary>
[Flags]
public enum SourceGroup
{
    /// <summary>No group.</summary>
    None = 0,

    /// <summary>HTTP requests: action, page-handler and minimal-API parameters, bound properties, HttpRequest members, uploaded files.</summary>
    Web = 1 << 0,

    /// <summary>Local process input: <c>Main</c> arguments, <c>Environment.GetCommandLineArgs</c>, console input.</summary>
    Process = 1 << 1,

    /// <summary>Environment variables.</summary>
    Environment = 1 << 2,

    /// <summary>Contents of files read from a non-constant path.</summary>
    Files = 1 << 3,

    /// <summary>Entry names of archives (zip slip).</summary>
    Archives = 1 << 8,

    /// <summary>Sockets, TCP/UDP clients, network streams, HTTP responses, WebSockets.</summary>
    Network = 1 << 4,

    /// <summary>Serial ports (<c>System.IO.Ports.SerialPort</c>).</summary>
    Serial = 1 << 5,

    /// <summary>Named and anonymous pipes.</summary>
    Pipes = 1 << 6,

    /// <summary>Sources declared in configuration.</summary>
    Custom = 1 << 7,

    /// <summary>Files listed from a directory (<c>Directory.GetFiles</c>, a MEF <c>DirectoryCatalog</c>); code loading only.</summary>
    Listing = 1 << 9,

    /// <summary>User-writable locations: the temp folder, user profile folders, the current directory; code loading only.</summary>
    Writable = 1 << 10,

    /// <summary>Configuration values (<c>IConfiguration</c>, options, app settings, the registry); code loading only.</summary>
    Configuration = 1 << 11,

    /// <summary>Responses of requests to a cleartext <c>http://</c> URL; code loading and running only.</summary>
    Cleartext = 1 << 12,

    /// <summary>Every group.</summary>
    All = (1 << 13) - 1,
}

/// <summary>Configuration names of source groups.</summary>
public static class SourceGroups
{
    /// <summary>Parses one group name (case-insensitive); <see cref="SourceGroup.None"/> when unknown.</summary>
    public static SourceGroup Parse(string name)
        => Enum.TryParse<SourceGroup>(name.Trim(), ignoreCase: true, out var group) && group != SourceGroup.All ? group : SourceGroup.None;

    /// <summary>The configuration names of the groups in <paramref name="groups"/>, lower case.</summary>
    public static string[] Names(SourceGroup groups)
    {
        var names = new System.Collections.Generic.List<string>();
        foreach (SourceGroup group in Enum.GetValues(typeof(SourceGroup)))
        {
            if (group is not SourceGroup.None and not SourceGroup.All && (groups & group) == group)
            {
                names.Add(group.ToString().ToLowerInvariant());
            }
        }

        return names.ToArray();
    }

    /// <summary>Words for messages: "untrusted HTTP input", "serial-port input".</summary>
    public static string Describe(SourceGroup group) => group switch
    {
        SourceGroup.Web => "untrusted HTTP input",
        SourceGroup.Process => "process input",
        SourceGroup.Environment => "an environment variable",
        SourceGroup.Files => "file contents",
        SourceGroup.Archives => "an archive entry name",
        SourceGroup.Network => "network input",
        SourceGroup.Serial => "serial-port input",
        SourceGroup.Pipes => "pipe input",
        SourceGroup.Listing => "a file listed from a directory",
        SourceGroup.Writable => "a user-writable location",
        SourceGroup.Configuration => "a configuration value",
        SourceGroup.Cleartext => "a cleartext HTTP download",
        _ => "untrusted input",
    };
}
