using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureCodingAnalyzers.Options;
using SecureCodingAnalyzers.Symbols;

namespace SecureCodingAnalyzers.Rules.CodeIntegrity;

/// <summary>
/// SCR4011: a program or native library named by a compile-time constant that is not a full path, so the operating
/// system or the runtime looks for it in the current directory and the search path.
/// <list type="bullet">
/// <item>Programs: the file name of <c>Process.Start(fileName, ...)</c>, of <c>new ProcessStartInfo(fileName, ...)</c>
/// and assignments to <c>ProcessStartInfo.FileName</c> (object initializers and <c>process.StartInfo.FileName</c>
/// too). Bare names (<c>git</c>, <c>cmd.exe</c>) and relative paths (<c>./run.sh</c>, <c>tools/x.exe</c>) are
/// reported: both are resolved against the current directory.</item>
/// <item>Native libraries: the name given to <c>NativeLibrary.Load</c>/<c>TryLoad</c>. With the overloads taking an
/// assembly and a <c>DllImportSearchPath?</c>, a constant search path that confines the Windows search to fixed
/// directories (<c>System32</c>, <c>SafeDirectories</c>, <c>ApplicationDirectory</c>, <c>UserDirectories</c>;
/// <c>AssemblyDirectory</c> alone from .NET 10 on) makes a bare name safe; a non-constant search path (a resolver
/// forwarding the P/Invoke's own) is the caller's choice and not reported.</item>
/// </list>
/// Not reported: rooted paths (<c>C:\...</c>, <c>/usr/bin/...</c>, <c>\\server\share\...</c>, <c>\tools\...</c>),
/// URIs and shell protocols (<c>https://</c>, <c>mailto:</c>, <c>ms-settings:</c>), documents opened through their
/// file association (<c>readme.txt</c>, <c>manual.pdf</c>), names starting with an environment variable reference
/// (<c>%SystemRoot%\...</c>), Linux shared-object names (<c>libc.so.6</c>: <c>dlopen</c> never searches the current
/// directory for a name without a slash), Windows system libraries that are always present (<c>kernel32.dll</c>:
/// found in System32 before the current directory is searched), names allowed through <see cref="AllowedNames"/>,
/// and every non-constant value (the dataflow rules follow those).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SearchPathExecutionAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Names that may be found through the search path (developer tools whose PATH is the user's own choice).</summary>
    public static readonly ListRuleOption AllowedNames = new(
        "SCR4011",
        "allowed_search_path_names",
        "Program or library names, as written in the code, that may be found through the search path, separated by commas (git, dotnet); a name also matches with .exe or .dll appended; a trailing * matches a prefix.");

    /// <summary>Diagnostic property: <see cref="ProgramKind"/> or <see cref="LibraryKind"/>.</summary>
    public const string KindProperty = "Kind";

    /// <summary>The name is a program started by <c>Process</c> or <c>ProcessStartInfo</c>.</summary>
    public const string ProgramKind = "Program";

    /// <summary>The name is a native library loaded by <c>NativeLibrary</c>.</summary>
    public const string LibraryKind = "Library";

    // DllImportSearchPath bits that are LOAD_LIBRARY_SEARCH_* flags naming fixed directories: when one is set, Windows
    // searches only the named directories (never the current directory or PATH).
    private const long ApplicationDirectory = 0x200;
    private const long UserDirectories = 0x400;
    private const long System32 = 0x800;
    private const long SafeDirectories = 0x1000;
    private const long ConfiningBits = ApplicationDirectory | UserDirectories | System32 | SafeDirectories;
    private const long AssemblyDirectory = 0x2;

    // Opened through their file association (UseShellExecute) by a viewer, not run as programs.
    private static readonly ImmutableHashSet<string> DocumentExtensions = ImmutableHashSet.Create(
        StringComparer.OrdinalIgnoreCase,
        ".txt", ".log", ".md", ".rtf", ".pdf", ".xps", ".htm", ".html", ".xml", ".json", ".csv", ".tsv", ".ini",
        ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".ods", ".odp",
        ".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".svg", ".ico", ".webp",
        ".mp3", ".mp4", ".wav", ".avi", ".mkv", ".mov", ".wmv", ".zip");

    // Libraries that every supported Windows version has in System32 (most are KnownDLLs, loaded without a search):
    // a bare name finds them there before the current directory or PATH is searched.
    private static readonly ImmutableHashSet<string> WindowsSystemLibraries = ImmutableHashSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "kernel32", "kernelbase", "ntdll", "user32", "gdi32", "gdiplus", "advapi32", "shell32", "shlwapi", "ole32",
        "oleaut32", "combase", "comdlg32", "comctl32", "ws2_32", "crypt32", "bcrypt", "ncrypt", "secur32", "sspicli",
        "rpcrt4", "setupapi", "cfgmgr32", "wintrust", "winmm", "imm32", "msvcrt", "ucrtbase", "dwmapi", "uxtheme",
        "version", "psapi", "iphlpapi", "dbghelp", "winhttp", "wininet", "netapi32", "userenv", "wtsapi32", "dnsapi",
        "hid", "powrprof", "shcore", "d3d11", "dxgi", "opengl32", "mpr", "wldap32", "credui", "urlmon", "msi");

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Catalog.Rules.SearchPathExecution);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            var types = new KnownTypes(start.Compilation);
            if (types.Process is null && types.ProcessStartInfo is null && types.NativeLibrary is null)
            {
                return;
            }

            if (types.Process is not null || types.NativeLibrary is not null)
            {
                start.RegisterOperationAction(c => AnalyzeInvocation(c, types), OperationKind.Invocation);
            }

            if (types.ProcessStartInfo is not null)
            {
                start.RegisterOperationAction(c => AnalyzeStartInfoCreation(c, types), OperationKind.ObjectCreation);
                start.RegisterOperationAction(c => AnalyzeFileNameAssignment(c, types), OperationKind.SimpleAssignment);
            }
        });
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, KnownTypes types)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        switch (method.Name)
        {
            // Process.Start(fileName, ...); Process.Start(ProcessStartInfo) is covered where its FileName is set.
            case "Start" when method.IsStatic
                              && SymbolEqualityComparer.Default.Equals(method.ContainingType, types.Process)
                              && FirstStringArgument(invocation) is { } fileName:
                AnalyzeProgram(context, fileName);
                return;

            case "Load" or "TryLoad" when method.IsStatic
                                          && SymbolEqualityComparer.Default.Equals(method.ContainingType, types.NativeLibrary)
                                          && FirstStringArgument(invocation) is { } library:
                AnalyzeLibrary(context, types, invocation, library);
                return;
        }
    }

    private static void AnalyzeStartInfoCreation(OperationAnalysisContext context, KnownTypes types)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (creation.Constructor is not { Parameters.Length: > 0 } constructor
            || !SymbolEqualityComparer.Default.Equals(constructor.ContainingType, types.ProcessStartInfo)
            || FirstStringArgument(creation.Arguments) is not { } fileName)
        {
            return;
        }

        // new ProcessStartInfo("git") { FileName = "/usr/bin/git" }: the initializer decides (and is checked itself).
        if (creation.Initializer is { } initializer)
        {
            foreach (var member in initializer.Initializers)
            {
                if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "FileName" } })
                {
                    return;
                }
            }
        }

        AnalyzeProgram(context, fileName);
    }

    private static void AnalyzeFileNameAssignment(OperationAnalysisContext context, KnownTypes types)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Target is IPropertyReferenceOperation { Property: { Name: "FileName", IsStatic: false } property }
            && SymbolEqualityComparer.Default.Equals(property.ContainingType, types.ProcessStartInfo))
        {
            AnalyzeProgram(context, assignment.Value);
        }
    }

    private static void AnalyzeProgram(OperationAnalysisContext context, IOperation value)
    {
        foreach (var candidate in ConstantCandidates(value))
        {
            if (ConstantName(candidate) is { } name && IsSearchedProgram(name))
            {
                Report(context, candidate, ProgramKind, "The program", name);
            }
        }
    }

    /// <summary>
    /// The value itself, or the arms of a conditional, <c>??</c> or switch expression that picks one of several
    /// names (<c>OperatingSystem.IsWindows() ? "cmd.exe" : "/bin/sh"</c>): each arm is what runs on some path.
    /// </summary>
    private static IEnumerable<IOperation> ConstantCandidates(IOperation value, int depth = 0)
    {
        if (value.ConstantValue.HasValue || depth > 4)
        {
            yield return value;
            yield break;
        }

        var inner = value.WalkDownConversions();
        IEnumerable<IOperation> arms = inner switch
        {
            IConditionalOperation { WhenFalse: { } whenFalse } conditional => new[] { conditional.WhenTrue, whenFalse },
            ICoalesceOperation coalesce => new[] { coalesce.Value, coalesce.WhenNull },
            ISwitchExpressionOperation switchExpression => switchExpression.Arms.Select(arm => arm.Value),
            _ => new[] { value },
        };

        foreach (var arm in arms)
        {
            if (arm == value)
            {
                yield return arm;
                continue;
            }

            foreach (var candidate in ConstantCandidates(arm, depth + 1))
            {
                yield return candidate;
            }
        }
    }

    private static void AnalyzeLibrary(OperationAnalysisContext context, KnownTypes types, IInvocationOperation invocation, IOperation value)
    {
        bool? confined = null;
        foreach (var candidate in ConstantCandidates(value))
        {
            if (ConstantName(candidate) is not { } name || !IsSearchedLibrary(name))
            {
                continue;
            }

            // The search path flags confine the search on Windows; a name with a directory part is still opened
            // relative to the current directory by dlopen on Linux and macOS.
            confined ??= SearchPathIsConfinedOrUnknown(types, invocation);
            if (confined == true && !HasDirectoryPart(name))
            {
                continue;
            }

            Report(context, candidate, LibraryKind, "The native library", name);
        }
    }

    /// <summary>
    /// Load(libraryName, assembly, searchPath) / TryLoad(libraryName, assembly, searchPath, out handle), the runtime's
    /// P/Invoke probing: true when the search path confines the search to fixed directories or is computed at run time
    /// (typically the P/Invoke's own, handed to a DllImportResolver: the caller's choice). False for the simple
    /// overloads, which hand the name to the operating system's loader.
    /// </summary>
    private static bool SearchPathIsConfinedOrUnknown(KnownTypes types, IInvocationOperation invocation)
    {
        var parameters = invocation.TargetMethod.Parameters;
        if (parameters.Length < 3 || parameters[1].Type.Name != "Assembly")
        {
            return false;
        }

        if (Argument(invocation.Arguments, 2) is not { } searchPathArgument)
        {
            return true;
        }

        var searchPath = searchPathArgument.Value.WalkDownConversions();
        long? flags;
        if (searchPath is IDefaultValueOperation || searchPath.ConstantValue is { HasValue: true, Value: null })
        {
            // null: the assembly's [DefaultDllImportSearchPaths], if any (assumed to be this assembly's).
            flags = types.AssemblyDefaultSearchPath.Value;
        }
        else if (searchPath.ConstantValue is { HasValue: true, Value: { } constant } && IntegerValue(constant) is { } constantFlags)
        {
            flags = constantFlags;
        }
        else
        {
            return true;
        }

        return flags is { } f && ConfinesSearch(f, types.AssemblyDirectoryIsExclusive);
    }

    private static void Report(OperationAnalysisContext context, IOperation value, string kind, string what, string name)
    {
        var allowed = AllowedNames.Read(context.Options.AnalyzerConfigOptionsProvider.GetOptions(value.Syntax.SyntaxTree));
        if (!allowed.IsEmpty
            && (ListRuleOption.Matches(allowed, name)
                || ListRuleOption.Matches(allowed, WithoutExtension(name, ".exe"))
                || ListRuleOption.Matches(allowed, WithoutExtension(name, ".dll"))))
        {
            return;
        }

        var properties = ImmutableDictionary<string, string?>.Empty.Add(KindProperty, kind);
        context.ReportDiagnostic(Diagnostic.Create(Catalog.Rules.SearchPathExecution, value.Syntax.GetLocation(), properties, what, name));
    }

    private static IOperation? FirstStringArgument(IInvocationOperation invocation)
        => FirstStringArgument(invocation.Arguments);

    /// <summary>The value passed for the first parameter when it is a string, wherever the argument is written (named arguments).</summary>
    private static IOperation? FirstStringArgument(ImmutableArray<IArgumentOperation> arguments)
        => Argument(arguments, 0) is { Parameter.Type.SpecialType: SpecialType.System_String } argument ? argument.Value : null;

    private static IArgumentOperation? Argument(ImmutableArray<IArgumentOperation> arguments, int ordinal)
    {
        foreach (var argument in arguments)
        {
            if (argument.Parameter?.Ordinal == ordinal)
            {
                return argument;
            }
        }

        return null;
    }

    /// <summary>The constant string (after constant folding), trimmed and without surrounding quotes; null when not constant.</summary>
    private static string? ConstantName(IOperation value)
    {
        var constant = value.ConstantValue.HasValue ? value.ConstantValue : value.WalkDownConversions().ConstantValue;
        if (constant is not { HasValue: true, Value: string text })
        {
            return null;
        }

        var name = text.Trim();
        if (name.Length >= 2 && name[0] == '"' && name[name.Length - 1] == '"')
        {
            name = name.Substring(1, name.Length - 2).Trim();
        }

        return name.Length == 0 ? null : name;
    }

    /// <summary>
    /// True for a program name that is looked up: not rooted, not a URI or shell protocol, not a document opened by its
    /// file association and not an environment variable reference (Process.Start does not expand those).
    /// </summary>
    private static bool IsSearchedProgram(string name)
        => !IsRooted(name)
           && name[0] != '%'
           && !IsUriOrProtocol(name)
           && !DocumentExtensions.Contains(Extension(name));

    /// <summary>True for a native library name that is looked up in directories that may include the current one.</summary>
    private static bool IsSearchedLibrary(string name)
    {
        if (IsRooted(name) || name[0] == '%')
        {
            return false;
        }

        if (HasDirectoryPart(name))
        {
            return true;
        }

        // Linux dlopen looks up a name without a slash in RPATH/RUNPATH, LD_LIBRARY_PATH, the ld.so cache, /lib and
        // /usr/lib, never in the current directory; sonames such as libc.so.6 are how Linux libraries are named.
        if (IsSharedObjectName(name))
        {
            return false;
        }

        // Windows API sets and the system's own libraries resolve to System32 before any other directory is searched.
        return !name.StartsWith("api-ms-win-", StringComparison.OrdinalIgnoreCase)
               && !name.StartsWith("ext-ms-win-", StringComparison.OrdinalIgnoreCase)
               && !WindowsSystemLibraries.Contains(WithoutExtension(name, ".dll"));
    }

    private static bool ConfinesSearch(long flags, bool assemblyDirectoryIsExclusive)
        => (flags & ConfiningBits) != 0 || (assemblyDirectoryIsExclusive && flags == AssemblyDirectory);

    /// <summary>Rooted on Windows or Unix: <c>/x</c>, <c>\x</c>, <c>\\server\share</c>, <c>C:\x</c>, <c>C:x</c>.</summary>
    private static bool IsRooted(string name)
        => name[0] is '/' or '\\'
           || (name.Length >= 2 && name[1] == ':' && IsAsciiLetter(name[0]));

    private static bool HasDirectoryPart(string name) => name.IndexOf('/') >= 0 || name.IndexOf('\\') >= 0;

    /// <summary><c>https://...</c>, <c>mailto:...</c>, <c>ms-settings:...</c>, <c>shell:...</c>: a scheme of two or more characters and a colon.</summary>
    private static bool IsUriOrProtocol(string name)
    {
        var colon = name.IndexOf(':');
        if (colon < 2 || !IsAsciiLetter(name[0]))
        {
            return false;
        }

        for (var i = 1; i < colon; i++)
        {
            var c = name[i];
            if (!IsAsciiLetter(c) && c is not (>= '0' and <= '9') and not ('+' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><c>libc.so.6</c>, <c>libX11.so</c>, <c>plugin.so.1.2</c>: ends in <c>.so</c> or <c>.so</c> plus numeric versions.</summary>
    private static bool IsSharedObjectName(string name)
    {
        var index = name.LastIndexOf(".so", StringComparison.Ordinal);
        while (index > 0)
        {
            var rest = name.Substring(index + 3);
            if (IsVersionSuffix(rest))
            {
                return true;
            }

            index = name.LastIndexOf(".so", index - 1, StringComparison.Ordinal);
        }

        return false;
    }

    private static bool IsVersionSuffix(string rest)
    {
        // "" or (".<digits>")+
        var i = 0;
        while (i < rest.Length)
        {
            if (rest[i] != '.' || i + 1 >= rest.Length || rest[i + 1] is < '0' or > '9')
            {
                return false;
            }

            i++;
            while (i < rest.Length && rest[i] is >= '0' and <= '9')
            {
                i++;
            }
        }

        return true;
    }

    private static string Extension(string name)
    {
        var dot = name.LastIndexOf('.');
        var separator = Math.Max(name.LastIndexOf('/'), name.LastIndexOf('\\'));
        return dot > separator + 1 ? name.Substring(dot) : string.Empty;
    }

    private static string WithoutExtension(string name, string extension)
        => name.EndsWith(extension, StringComparison.OrdinalIgnoreCase) && name.Length > extension.Length
            ? name.Substring(0, name.Length - extension.Length)
            : name;

    private static bool IsAsciiLetter(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z');

    private static long? IntegerValue(object constant) => constant switch
    {
        int i => i,
        uint u => u,
        long l => l,
        short s => s,
        ushort us => us,
        byte b => b,
        sbyte sb => sb,
        _ => null,
    };

    private sealed class KnownTypes
    {
        public KnownTypes(Compilation compilation)
        {
            Process = compilation.ResolveType("System.Diagnostics.Process");
            ProcessStartInfo = compilation.ResolveType("System.Diagnostics.ProcessStartInfo");
            NativeLibrary = compilation.ResolveType("System.Runtime.InteropServices.NativeLibrary");

            // From .NET 10 on, DllImportSearchPath.AssemblyDirectory alone searches only the assembly's directory;
            // before, it fell back to the operating system's search (current directory and PATH included). Code built
            // against .NET 10 reference assemblies cannot run on an older runtime.
            AssemblyDirectoryIsExclusive = NativeLibrary?.ContainingAssembly.Identity.Version.Major >= 10;
            var attribute = compilation.ResolveType("System.Runtime.InteropServices.DefaultDllImportSearchPathsAttribute");
            AssemblyDefaultSearchPath = new Lazy<long?>(() => ReadAssemblyDefault(compilation, attribute), LazyThreadSafetyMode.ExecutionAndPublication);
        }

        public INamedTypeSymbol? Process { get; }

        public INamedTypeSymbol? ProcessStartInfo { get; }

        public INamedTypeSymbol? NativeLibrary { get; }

        public bool AssemblyDirectoryIsExclusive { get; }

        /// <summary>The flags of this assembly's <c>[assembly: DefaultDllImportSearchPaths(...)]</c>, or null.</summary>
        public Lazy<long?> AssemblyDefaultSearchPath { get; }

        private static long? ReadAssemblyDefault(Compilation compilation, INamedTypeSymbol? attributeType)
        {
            if (attributeType is null)
            {
                return null;
            }

            foreach (var attribute in compilation.Assembly.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeType)
                    && attribute.ConstructorArguments.Length == 1
                    && attribute.ConstructorArguments[0].Value is { } value)
                {
                    return IntegerValue(value);
                }
            }

            return null;
        }
    }
}
