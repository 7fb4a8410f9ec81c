using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SecureCodingAnalyzers.Dataflow;
using static SecureCodingAnalyzers.Dataflow.ApiSpec;

namespace SecureCodingAnalyzers.Rules.CodeIntegrity;

/// <summary>
/// The APIs that load or run code from a path or from bytes, shared by the code-integrity rules: each rule reports
/// them for its own sources (a listed folder, a writable location or input, a download, a cleartext URL).
/// <c>Assembly.Load</c> by name and <c>MetadataLoadContext</c> (inspection only) are not sinks.
/// </summary>
internal static class CodeLoadingSinks
{
    private const string Assembly = "System.Reflection.Assembly";
    private const string LoadContext = "System.Runtime.Loader.AssemblyLoadContext";
    private const string AppDomain = "System.AppDomain";
    private const string NativeLibrary = "System.Runtime.InteropServices.NativeLibrary";
    private const string Hosting = "System.ComponentModel.Composition.Hosting.";

    /// <summary>Loading an assembly or a native library.</summary>
    public static ImmutableArray<ApiSpec> Loads(SinkKind kind) => ImmutableArray.Create(
        Sink(kind, Assembly, "LoadFrom", "the assembly loaded by Assembly.LoadFrom", "assemblyFile"),
        Sink(kind, Assembly, "LoadFile", "the assembly loaded by Assembly.LoadFile", "path"),
        Sink(kind, Assembly, "UnsafeLoadFrom", "the assembly loaded by Assembly.UnsafeLoadFrom", "assemblyFile"),
        Sink(kind, Assembly, "Load", "the assembly loaded by Assembly.Load", "rawAssembly"),
        Sink(kind, LoadContext, "LoadFromAssemblyPath", "the assembly loaded by AssemblyLoadContext.LoadFromAssemblyPath", "assemblyPath"),
        Sink(kind, LoadContext, "LoadFromStream", "the assembly loaded by AssemblyLoadContext.LoadFromStream", "assembly"),
        Sink(kind, LoadContext, "LoadFromNativeImagePath", "the assembly loaded by AssemblyLoadContext.LoadFromNativeImagePath", "nativeImagePath", "assemblyPath"),
        Sink(kind, LoadContext, "LoadUnmanagedDllFromPath", "the native library loaded by AssemblyLoadContext.LoadUnmanagedDllFromPath", "unmanagedDllPath"),
        Sink(kind, AppDomain, "ExecuteAssembly", "the assembly run by AppDomain.ExecuteAssembly", "assemblyFile"),
        Sink(kind, AppDomain, "CreateInstanceFrom", "the assembly loaded by AppDomain.CreateInstanceFrom", "assemblyFile"),
        Sink(kind, AppDomain, "CreateInstanceFromAndUnwrap", "the assembly loaded by AppDomain.CreateInstanceFromAndUnwrap", "assemblyFile", "assemblyName"),
        Sink(kind, AppDomain, "Load", "the assembly loaded by AppDomain.Load", "rawAssembly"),
        Sink(kind, "System.Activator", "CreateInstanceFrom", "the assembly loaded by Activator.CreateInstanceFrom", "assemblyFile"),
        Sink(kind, NativeLibrary, "Load", "the native library loaded by NativeLibrary.Load", "libraryPath"),
        Sink(kind, NativeLibrary, "TryLoad", "the native library loaded by NativeLibrary.TryLoad", "libraryPath"),
        Sink(kind, Hosting + "AssemblyCatalog", ".ctor", "the assembly of a MEF AssemblyCatalog", "codeBase"),
        Sink(kind, Hosting + "DirectoryCatalog", ".ctor", "the assemblies of a MEF DirectoryCatalog", "path"));

    /// <summary>
    /// Starting a program from a file, or handing a file to a program that installs or runs it (<c>msiexec /i</c>, a
    /// script interpreter: see <see cref="CodeHosts"/>). Only what the file holds counts (<see cref="ApiSpec.OfContent"/>):
    /// a program name or command line taken from input is command injection (SCR2002).
    /// </summary>
    public static ImmutableArray<ApiSpec> Runs(SinkKind kind) => ImmutableArray.Create(
        Sink(kind, "System.Diagnostics.Process", "Start", "the program started by Process.Start", "fileName").OfContent().Except(OpensDocument),
        Sink(kind, "System.Diagnostics.ProcessStartInfo", ".ctor", "the program of a ProcessStartInfo", "fileName").OfContent().Except(OpensDocument),
        Sink(kind, "System.Diagnostics.ProcessStartInfo", "FileName", "the program to start (ProcessStartInfo.FileName)").OfContent(),
        Sink(kind, "System.Diagnostics.Process", "Start", "the file run by the installer or script host Process.Start starts", HostedFile).OfContent().Except(arguments => !StartsCodeHost(arguments)),
        Sink(kind, "System.Diagnostics.ProcessStartInfo", ".ctor", "the file run by the installer or script host of a ProcessStartInfo", HostedFile).OfContent().Except(arguments => !StartsCodeHost(arguments)));

    /// <summary>
    /// The parameter that names the file a code host runs (<c>msiexec /i update.msi</c>); its findings have no code fix
    /// (the value is a command line, not a path).
    /// </summary>
    public const string HostedFile = "arguments";

    /// <summary>
    /// Programs that install or run the file their command line names: Windows Installer, the command and script
    /// interpreters, the loaders of DLLs and HTML applications, and the runtimes that run a program file.
    /// </summary>
    private static readonly ImmutableHashSet<string> CodeHosts = ImmutableHashSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "msiexec", "cmd", "powershell", "pwsh", "wscript", "cscript", "mshta", "rundll32", "regsvr32", "dotnet", "java", "sh", "bash");

    /// <summary>
    /// True when the program started is a constant naming a <see cref="CodeHosts">code host</see> (a bare name, a
    /// constant path, or the last constant part of <c>Path.Combine</c>): its command line is code it runs.
    /// </summary>
    private static bool StartsCodeHost(ImmutableArray<IArgumentOperation> arguments)
    {
        foreach (var argument in arguments)
        {
            if (argument.Parameter?.Name != "fileName")
            {
                continue;
            }

            var value = argument.Value;
            while (value is IConversionOperation conversion)
            {
                value = conversion.Operand;
            }

            if (value is IInvocationOperation { TargetMethod: { Name: "Combine" or "Join", ContainingType: { Name: "Path" } }, Arguments: { Length: > 0 } parts })
            {
                value = parts[parts.Length - 1].Value;
            }

            if (value.ConstantValue.Value is not string program)
            {
                return false;
            }

            program = program.Trim().Trim('"');
            var start = program.LastIndexOfAny(Separators) + 1;
            var name = program.Substring(start);
            if (name.EndsWith(".exe", StringComparison.OrdinalIgnoreCase))
            {
                name = name.Substring(0, name.Length - 4);
            }

            return CodeHosts.Contains(name);
        }

        return false;
    }

    private static readonly char[] Separators = { '/', '\\' };

    /// <summary>
    /// Extensions of documents the shell opens in a viewer, which runs none of their content: a downloaded report or
    /// image opened for the user is not code. Office formats are not among them (macros).
    /// </summary>
    private static readonly ImmutableHashSet<string> DocumentExtensions = ImmutableHashSet.Create(
        StringComparer.OrdinalIgnoreCase,
        ".pdf", ".txt", ".log", ".csv", ".json", ".xml", ".md", ".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".svg");

    /// <summary>
    /// True when the started file is a document by a constant extension: in the argument itself (a literal,
    /// <c>Path.Combine(dir, "report.pdf")</c>, an interpolation ending in <c>.pdf</c>), or in the initializer of the
    /// local it names.
    /// </summary>
    private static bool OpensDocument(ImmutableArray<IArgumentOperation> arguments)
    {
        foreach (var argument in arguments)
        {
            if (argument.Parameter?.Name == "fileName")
            {
                var value = argument.Value;
                while (value is IConversionOperation conversion)
                {
                    value = conversion.Operand;
                }

                var syntax = value is ILocalReferenceOperation local && local.Local.DeclaringSyntaxReferences.Length == 1
                    && local.Local.DeclaringSyntaxReferences[0].GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: { } initializer }
                    ? initializer
                    : value.Syntax;
                return LastText(syntax) is { } text && DocumentExtensions.Contains(System.IO.Path.GetExtension(text.Trim().Trim('"')));
            }
        }

        return false;
    }

    /// <summary>The text a path expression ends with: the last string literal or interpolated text of its last part.</summary>
    private static string? LastText(SyntaxNode syntax)
    {
        string? last = null;
        foreach (var token in syntax.DescendantTokens())
        {
            if (token.IsKind(SyntaxKind.StringLiteralToken) || token.IsKind(SyntaxKind.InterpolatedStringTextToken))
            {
                last = token.ValueText;
            }
            else if (last is not null && token.IsKind(SyntaxKind.IdentifierToken))
            {
                // Something after the literal (Path.Combine(dir, "a.pdf", name)): the extension is not fixed.
                last = null;
            }
        }

        return last;
    }
}
