using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SecureCodingAnalyzers.CodeFixes.Infrastructure;
using SecureCodingAnalyzers.Rules.CodeIntegrity;

namespace SecureCodingAnalyzers.CodeFixes.Rules.CodeIntegrity;

/// <summary>
/// SCR4011: a Windows program that ships with the operating system, named by a string literal, is started by its full
/// path: <c>"netsh"</c> becomes <c>Path.Combine(Environment.SystemDirectory, "netsh.exe")</c>, <c>"powershell"</c>
/// becomes <c>Path.Combine(Environment.SystemDirectory, "WindowsPowerShell", "v1.0", "powershell.exe")</c> and
/// <c>"explorer.exe"</c> becomes <c>Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.Windows),
/// "explorer.exe")</c>. That is where CreateProcess would find them after the application's and the current
/// directory, so the program that runs stays the same, minus the planted candidates (a 32-bit process is redirected to
/// SysWOW64 either way). Names that other systems have too (<c>ping</c>, <c>hostname</c>, <c>tar</c>) are only fixed
/// when written with <c>.exe</c>, which says the code means Windows. No fix for anything else (<c>git</c>,
/// <c>dotnet</c>, relative paths, native libraries, constants declared elsewhere): only the author knows where those live.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SearchPathExecutionCodeFixProvider)), Shared]
public sealed class SearchPathExecutionCodeFixProvider : SafeCodeFixProvider
{
    private const string Title = "Start the Windows program by its full path";
    private const string EquivalenceKey = "SCR4011.WindowsProgramFullPath";

    private static readonly ImmutableDictionary<string, WindowsProgram> Programs = CreatePrograms();

    /// <summary>Fixes SCR4011.</summary>
    public SearchPathExecutionCodeFixProvider()
        : base(SecureCodingAnalyzers.Catalog.Rules.SearchPathExecution)
    {
    }

    private enum Folder
    {
        System,
        Windows,
    }

    /// <inheritdoc/>
    protected override SafeCodeFix? PlanFix(FixPlanContext context, Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.TryGetValue(SearchPathExecutionAnalyzer.KindProperty, out var kind)
            || kind != SearchPathExecutionAnalyzer.ProgramKind
            || context.Root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not LiteralExpressionSyntax literal
            || !literal.IsKind(SyntaxKind.StringLiteralExpression))
        {
            return null;
        }

        var name = literal.Token.ValueText;
        var hasExe = name.EndsWith(".exe", StringComparison.OrdinalIgnoreCase);
        var baseName = hasExe ? name.Substring(0, name.Length - 4) : name;
        if (!Programs.TryGetValue(baseName, out var program) || (program.OnOtherSystemsToo && !hasExe))
        {
            return null;
        }

        var fileName = hasExe ? name : name + ".exe";
        return new SafeCodeFix(Title, EquivalenceKey, NodeEdit.ReplaceKeepingTrivia(literal, FullPath(program, fileName)));
    }

    private static InvocationExpressionSyntax FullPath(WindowsProgram program, string fileName)
    {
        var environment = SafeFix.QualifiedType("System.Environment");
        ExpressionSyntax directory = program.Folder == Folder.System
            ? SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, environment, SyntaxFactory.IdentifierName("SystemDirectory"))
            : SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, environment, SyntaxFactory.IdentifierName("GetFolderPath")),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(
                    SyntaxFactory.MemberAccessExpression(
                        SyntaxKind.SimpleMemberAccessExpression,
                        SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SafeFix.QualifiedType("System.Environment"), SyntaxFactory.IdentifierName("SpecialFolder")),
                        SyntaxFactory.IdentifierName("Windows"))))));

        var arguments = new List<ArgumentSyntax> { SyntaxFactory.Argument(directory) };
        arguments.AddRange(program.Subfolders.Append(fileName).Select(part =>
            SyntaxFactory.Argument(SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(part)))));

        return SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SafeFix.QualifiedType("System.IO.Path"), SyntaxFactory.IdentifierName("Combine")),
            SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(arguments)));
    }

    private static ImmutableDictionary<string, WindowsProgram> CreatePrograms()
    {
        var programs = new Dictionary<string, WindowsProgram>(StringComparer.OrdinalIgnoreCase);

        // In System32 on every supported Windows version and edition, and Windows-only.
        foreach (var name in new[]
        {
            "attrib", "auditpol", "bcdedit", "bitsadmin", "certutil", "chcp", "choice", "cipher", "clip", "cmd", "cmdkey",
            "control", "cscript", "diskpart", "dism", "eventvwr", "findstr", "forfiles", "fsutil", "getmac", "icacls",
            "logman", "magnify", "mmc", "msiexec", "mstsc", "narrator", "nbtstat", "netsh", "notepad", "osk", "pathping",
            "pnputil", "powercfg", "reg", "regsvr32", "robocopy", "rundll32", "sc", "schtasks", "setx", "sfc",
            "systeminfo", "takeown", "taskkill", "tasklist", "taskmgr", "tracert", "typeperf", "vssadmin", "w32tm",
            "wevtutil", "where", "wscript", "wusa", "xcopy",
        })
        {
            programs[name] = new WindowsProgram(Folder.System, [], onOtherSystemsToo: false);
        }

        // In System32 too, but other systems have programs of the same name: fixed only when written with .exe.
        foreach (var name in new[]
        {
            "arp", "curl", "fc", "find", "hostname", "ipconfig", "net", "netstat", "nslookup", "ping", "route", "shutdown",
            "sort", "tar", "timeout", "whoami",
        })
        {
            programs[name] = new WindowsProgram(Folder.System, [], onOtherSystemsToo: true);
        }

        // In subfolders of System32 (Windows PowerShell 5.1; pwsh, PowerShell 7, is installed elsewhere).
        programs["powershell"] = new WindowsProgram(Folder.System, ["WindowsPowerShell", "v1.0"], onOtherSystemsToo: false);
        programs["wmic"] = new WindowsProgram(Folder.System, ["wbem"], onOtherSystemsToo: false);

        // In the Windows directory itself.
        foreach (var name in new[] { "explorer", "regedit", "hh" })
        {
            programs[name] = new WindowsProgram(Folder.Windows, [], onOtherSystemsToo: false);
        }

        return programs.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase);
    }

    private sealed class WindowsProgram
    {
        public WindowsProgram(Folder folder, string[] subfolders, bool onOtherSystemsToo)
        {
            Folder = folder;
            Subfolders = subfolders;
            OnOtherSystemsToo = onOtherSystemsToo;
        }

        public Folder Folder { get; }

        /// <summary>Folders between <see cref="Folder"/> and the program.</summary>
        public string[] Subfolders { get; }

        /// <summary>Other systems have a program of the same name: fix only names written with <c>.exe</c>.</summary>
        public bool OnOtherSystemsToo { get; }
    }
}
