using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis.Testing;
using SecureCodingAnalyzers.Tests.Rules.Deserialization;
using SecureCodingAnalyzers.Tests.Rules.Secrets;

namespace SecureCodingAnalyzers.Tests.Verifiers;

/// <summary>
/// Resolves every reference set of the tests before any test runs, first in a child process, then here.
/// <para>
/// The testing library downloads the packages of a set into its own folder under the temporary directory. On a
/// machine where that folder is empty, the process that downloads a package does not see all of its files: every
/// resolution in that process (of any set, even a fresh instance of the same one) misses the ASP.NET Core, SQL and
/// other reference assemblies, and hundreds of tests fail with "type or namespace not found", while the next process
/// resolves more of them (a package's dependencies can take another process: MessagePack's annotations). So child
/// processes (this assembly, run by <see cref="Program"/>) download everything first, until one finds nothing to add,
/// and this process resolves the sets from a complete folder, one after the other (tests run in parallel, and two
/// resolutions of the same package at once could also read a half-written folder). With a warm folder that is one
/// child of about a second; from an empty folder, a few (about 25 seconds here).
/// </para>
/// </summary>
internal static class ReferenceWarmUp
{
    /// <summary>Set in the child process, which only resolves.</summary>
    internal const string ChildVariable = "SECURECODING_TESTS_RESOLVING_REFERENCES";

#pragma warning disable CA2255 // A test assembly's one-time set-up: xunit 2 has no assembly fixture.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void ResolveEverySet()
    {
        if (Environment.GetEnvironmentVariable(ChildVariable) is null)
        {
            // Each process on a part-filled folder adds packages (dependencies of what the previous one added): run
            // children until one adds nothing.
            for (var run = 0; run < MaxChildRuns && ResolveInChildProcess(); run++)
            {
            }
        }

        TestReferences.Resolved(ReferenceAssemblies.Net.Net80);
        TestReferences.Resolved(ReferenceAssemblies.NetStandard.NetStandard20);
        RuntimeHelpers.RunClassConstructor(typeof(TestReferences).TypeHandle);
        RuntimeHelpers.RunClassConstructor(typeof(DeserializationReferences).TypeHandle);
        RuntimeHelpers.RunClassConstructor(typeof(SecretsReferences).TypeHandle);
    }

    private const int MaxChildRuns = 6;

    /// <summary>Whether a child process resolved the sets and the package folder grew.</summary>
    private static bool ResolveInChildProcess()
    {
        var before = PackageCount();
        var assembly = typeof(ReferenceWarmUp).Assembly.Location;
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add("--runtimeconfig");
        start.ArgumentList.Add(Path.ChangeExtension(assembly, ".runtimeconfig.json"));
        start.ArgumentList.Add("--depsfile");
        start.ArgumentList.Add(Path.ChangeExtension(assembly, ".deps.json"));
        start.ArgumentList.Add(assembly);
        start.Environment[ChildVariable] = "1";
        using var child = Process.Start(start) ?? throw new InvalidOperationException("could not start 'dotnet exec' to resolve the test reference assemblies");
        var output = child.StandardOutput.ReadToEndAsync();
        var errors = child.StandardError.ReadToEnd();
        child.WaitForExit();
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException("resolving the test reference assemblies failed (exit code " + child.ExitCode + "): " + output.Result + errors);
        }

        return PackageCount() != before;
    }

    // The testing library's package folder (ReferenceAssemblies: "test-packages" under the temporary directory).
    private static int PackageCount()
    {
        var folder = Path.Combine(Path.GetTempPath(), "test-packages");
        return Directory.Exists(folder) ? Directory.GetDirectories(folder).Length : 0;
    }
}

/// <summary>
/// The entry point of the child process of <see cref="ReferenceWarmUp"/> (the test SDK's generated one is turned off in
/// the project): loading the assembly runs the module initializer, which resolves every set; nothing else to do.
/// </summary>
internal static class Program
{
    internal static void Main()
    {
    }
}
