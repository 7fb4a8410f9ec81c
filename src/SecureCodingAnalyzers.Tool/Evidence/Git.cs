using System;
using System.ComponentModel;
using System.Diagnostics;

namespace SecureCodingAnalyzers.Tool.Evidence;

/// <summary>
/// The few git facts the evidence records (repository root, commit, remote). Every query returns null when git is
/// missing, the folder is not a repository or git fails: evidence is still collected, only without provenance.
/// </summary>
public static class Git
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(20);

    /// <summary>The top-level folder of the repository containing <paramref name="directory"/>.</summary>
    public static string? TopLevel(string directory) => Run(directory, "rev-parse", "--show-toplevel");

    /// <summary>The commit checked out in <paramref name="directory"/>.</summary>
    public static string? Head(string directory) => Run(directory, "rev-parse", "--verify", "HEAD");

    /// <summary>The fetch URL of the <c>origin</c> remote, without credentials (<see cref="SanitizeRemote"/>).</summary>
    public static string? Origin(string directory) => SanitizeRemote(Run(directory, "remote", "get-url", "origin"));

    /// <summary>
    /// A remote URL as an absolute URI without user information (tokens are often put there): scp-like
    /// <c>git@host:org/repo.git</c> becomes <c>ssh://host/org/repo.git</c>; local paths and anything that is not an
    /// absolute URI give null.
    /// </summary>
    public static string? SanitizeRemote(string? remote)
    {
        if (string.IsNullOrWhiteSpace(remote))
        {
            return null;
        }

        remote = remote.Trim();
        var scp = System.Text.RegularExpressions.Regex.Match(remote, @"^(?:[^@/\s]+@)?(?<host>[^:/\s]+):(?!//)(?<path>[^\s]+)$");
        if (scp.Success && scp.Groups["host"].Value.Length > 1)
        {
            remote = "ssh://" + scp.Groups["host"].Value + "/" + scp.Groups["path"].Value.TrimStart('/');
        }

        if (!Uri.TryCreate(remote, UriKind.Absolute, out var uri) || uri.IsFile || string.IsNullOrEmpty(uri.Host))
        {
            return null;
        }

        var builder = new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty };
        return builder.Uri.AbsoluteUri;
    }

    private static string? Run(string directory, params string[] args)
    {
        try
        {
            var start = new ProcessStartInfo("git")
            {
                WorkingDirectory = directory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start);
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(s_timeout))
            {
                process.Kill(entireProcessTree: true);
                return null;
            }

            var text = output.GetAwaiter().GetResult().Trim();
            return process.ExitCode == 0 && text.Length > 0 ? text : null;
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException or System.IO.IOException)
        {
            return null;
        }
    }
}
