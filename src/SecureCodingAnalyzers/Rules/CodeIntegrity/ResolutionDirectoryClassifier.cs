using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SecureCodingAnalyzers.Symbols;

namespace SecureCodingAnalyzers.Rules.CodeIntegrity;

/// <summary>How much a directory a path value points into can be trusted.</summary>
internal enum DirectoryTrust : byte
{
    /// <summary>Not traceable (a parameter, a field set elsewhere, a value returned by unknown code): not reported.</summary>
    Unknown,

    /// <summary>The application directory, a loaded assembly's folder, the runtime directory or an OS folder.</summary>
    Trusted,

    /// <summary>A relative path: resolved against the current directory by the APIs that accept one.</summary>
    Relative,

    /// <summary>A writable folder or a folder outside the application.</summary>
    Untrusted,
}

/// <summary>The directory a path value points into, with a description for the message.</summary>
internal readonly struct DirectoryOrigin
{
    private DirectoryOrigin(DirectoryTrust trust, string? text)
    {
        Trust = trust;
        Text = text;
    }

    public static DirectoryOrigin Unknown => default;

    public static DirectoryOrigin Trusted => new(DirectoryTrust.Trusted, null);

    /// <summary>A file name without a folder (the requested assembly's name): relative to the current directory.</summary>
    public static DirectoryOrigin BareName => new(DirectoryTrust.Relative, null);

    public DirectoryTrust Trust { get; }

    /// <summary>
    /// For <see cref="DirectoryTrust.Untrusted"/> the message description; for <see cref="DirectoryTrust.Relative"/> the
    /// relative path (null for a bare file name).
    /// </summary>
    public string? Text { get; }

    public static DirectoryOrigin Relative(string text) => new(DirectoryTrust.Relative, text);

    public static DirectoryOrigin Untrusted(string description) => new(DirectoryTrust.Untrusted, description);

    /// <summary>The worse of two alternatives (either may be the value at run time); the first one on a tie.</summary>
    public static DirectoryOrigin Worst(DirectoryOrigin a, DirectoryOrigin b) => Rank(b.Trust) > Rank(a.Trust) ? b : a;

    /// <summary>
    /// What a load from this origin means: untrusted folders as they are; relative paths only for APIs that resolve
    /// them against the current directory (<c>Assembly.LoadFrom</c>, the <c>File</c> APIs), null otherwise.
    /// </summary>
    public string? Describe(bool relativeToCurrentDirectory) => Trust switch
    {
        DirectoryTrust.Untrusted => Text,
        DirectoryTrust.Relative when relativeToCurrentDirectory => CurrentDirectoryOf(Text),
        _ => null,
    };

    public static string CurrentDirectoryOf(string? relative)
        => relative is null ? "the current directory (a file name without a folder)" : "the current directory (relative path '" + relative + "')";

    private static int Rank(DirectoryTrust trust) => trust switch
    {
        DirectoryTrust.Untrusted => 3,
        DirectoryTrust.Relative => 2,
        DirectoryTrust.Unknown => 1,
        _ => 0,
    };
}

/// <summary>A parameter of a followed helper bound to the argument of the call that was followed.</summary>
internal sealed class Binding
{
    public Binding(IParameterSymbol parameter, IOperation value, Binding? valueScope, Binding? next)
    {
        Parameter = parameter;
        Value = value;
        ValueScope = valueScope;
        Next = next;
    }

    public IParameterSymbol Parameter { get; }

    public IOperation Value { get; }

    /// <summary>The bindings of the caller, in which <see cref="Value"/> is evaluated.</summary>
    public Binding? ValueScope { get; }

    public Binding? Next { get; }

    public static Binding? Find(Binding? scope, IParameterSymbol parameter)
    {
        for (var b = scope; b is not null; b = b.Next)
        {
            if (SymbolEqualityComparer.Default.Equals(b.Parameter, parameter.OriginalDefinition))
            {
                return b;
            }
        }

        return null;
    }
}

/// <summary>The BCL (and configuration) types the rule needs, resolved once per compilation.</summary>
internal sealed class ResolutionApis
{
    private ResolutionApis(Compilation compilation, INamedTypeSymbol assembly)
    {
        Assembly = assembly;
        AppDomain = compilation.ResolveType("System.AppDomain");
        ResolveEventArgs = compilation.ResolveType("System.ResolveEventArgs");
        AssemblyName = compilation.ResolveType("System.Reflection.AssemblyName");
        AssemblyLoadContext = compilation.ResolveType("System.Runtime.Loader.AssemblyLoadContext");
        AssemblyDependencyResolver = compilation.ResolveType("System.Runtime.Loader.AssemblyDependencyResolver");
        NativeLibrary = compilation.ResolveType("System.Runtime.InteropServices.NativeLibrary");
        RuntimeEnvironment = compilation.ResolveType("System.Runtime.InteropServices.RuntimeEnvironment");
        Path = compilation.ResolveType("System.IO.Path");
        File = compilation.ResolveType("System.IO.File");
        Directory = compilation.ResolveType("System.IO.Directory");
        FileStream = compilation.ResolveType("System.IO.FileStream");
        MemoryStream = compilation.ResolveType("System.IO.MemoryStream");
        FileInfo = compilation.ResolveType("System.IO.FileInfo");
        FileSystemInfo = compilation.ResolveType("System.IO.FileSystemInfo");
        Environment = compilation.ResolveType("System.Environment");
        SpecialFolder = compilation.ResolveType("System.Environment+SpecialFolder");
        AppContext = compilation.ResolveType("System.AppContext");
        AppDomainSetup = compilation.ResolveType("System.AppDomainSetup");
        ProcessModule = compilation.ResolveType("System.Diagnostics.ProcessModule");
        Uri = compilation.ResolveType("System.Uri");
        UriBuilder = compilation.ResolveType("System.UriBuilder");
        Enumerable = compilation.ResolveType("System.Linq.Enumerable");
        CryptographicOperations = compilation.ResolveType("System.Security.Cryptography.CryptographicOperations");
        AsymmetricAlgorithm = compilation.ResolveType("System.Security.Cryptography.AsymmetricAlgorithm");
        Configuration = compilation.ResolveType("Microsoft.Extensions.Configuration.IConfiguration");
        ConfigurationSection = compilation.ResolveType("Microsoft.Extensions.Configuration.IConfigurationSection");
        ConfigurationBinder = compilation.ResolveType("Microsoft.Extensions.Configuration.ConfigurationBinder");
        ConfigurationManager = compilation.ResolveType("System.Configuration.ConfigurationManager");
    }

    public INamedTypeSymbol Assembly { get; }

    public INamedTypeSymbol? AppDomain { get; }

    public INamedTypeSymbol? ResolveEventArgs { get; }

    public INamedTypeSymbol? AssemblyName { get; }

    public INamedTypeSymbol? AssemblyLoadContext { get; }

    public INamedTypeSymbol? AssemblyDependencyResolver { get; }

    public INamedTypeSymbol? NativeLibrary { get; }

    public INamedTypeSymbol? RuntimeEnvironment { get; }

    public INamedTypeSymbol? Path { get; }

    public INamedTypeSymbol? File { get; }

    public INamedTypeSymbol? Directory { get; }

    public INamedTypeSymbol? FileStream { get; }

    public INamedTypeSymbol? MemoryStream { get; }

    public INamedTypeSymbol? FileInfo { get; }

    public INamedTypeSymbol? FileSystemInfo { get; }

    public INamedTypeSymbol? Environment { get; }

    public INamedTypeSymbol? SpecialFolder { get; }

    public INamedTypeSymbol? AppContext { get; }

    public INamedTypeSymbol? AppDomainSetup { get; }

    public INamedTypeSymbol? ProcessModule { get; }

    public INamedTypeSymbol? Uri { get; }

    public INamedTypeSymbol? UriBuilder { get; }

    public INamedTypeSymbol? Enumerable { get; }

    public INamedTypeSymbol? CryptographicOperations { get; }

    public INamedTypeSymbol? AsymmetricAlgorithm { get; }

    public INamedTypeSymbol? Configuration { get; }

    public INamedTypeSymbol? ConfigurationSection { get; }

    public INamedTypeSymbol? ConfigurationBinder { get; }

    public INamedTypeSymbol? ConfigurationManager { get; }

    /// <summary>The APIs, or null when the compilation has no resolution events to subscribe to.</summary>
    public static ResolutionApis? Create(Compilation compilation)
    {
        if (compilation.ResolveType("System.Reflection.Assembly") is not { } assembly)
        {
            return null;
        }

        var apis = new ResolutionApis(compilation, assembly);
        return apis.AppDomain is null && apis.AssemblyLoadContext is null && apis.NativeLibrary is null ? null : apis;
    }

    public static bool Is(ITypeSymbol? type, INamedTypeSymbol? expected)
        => expected is not null && SymbolEqualityComparer.Default.Equals(type?.OriginalDefinition, expected);
}

/// <summary>
/// Traces a path, a byte array or a stream inside a resolution handler back to the directory it comes from: through
/// locals assigned once (and <c>foreach</c> variables over a list of folders), readonly fields and get-only properties
/// initialized in the same file, helpers of the same file (their parameters bound to the call's arguments),
/// <c>Path.Combine</c>/<c>Join</c>/<c>GetFullPath</c>/<c>GetDirectoryName</c>, concatenation and interpolation.
/// Anything else is <see cref="DirectoryTrust.Unknown"/>: the rule does not guess.
/// </summary>
internal sealed class ResolutionDirectoryClassifier
{
    private const int MaxDepth = 12;

    /// <summary>Values classified per classifier (one handler): recursive helpers cannot make the tracing explode.</summary>
    private const int MaxSteps = 2_000;

    private static readonly ImmutableHashSet<string> UserFolders = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "ApplicationData", "LocalApplicationData", "UserProfile", "Desktop", "DesktopDirectory", "MyDocuments", "Personal",
        "MyMusic", "MyPictures", "MyVideos", "Favorites", "Recent", "SendTo", "StartMenu", "Programs", "Startup", "Templates",
        "InternetCache", "Cookies", "History", "CDBurning", "NetworkShortcuts", "PrinterShortcuts", "AdminTools");

    // C:\ProgramData and C:\Users\Public: BUILTIN\Users may create files and folders there by default.
    private static readonly ImmutableHashSet<string> SharedFolders = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "CommonApplicationData", "CommonDocuments", "CommonMusic", "CommonPictures", "CommonVideos");

    private static readonly ImmutableHashSet<string> SystemFolders = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "Windows", "System", "SystemX86", "Fonts", "Resources", "LocalizedResources");

    private static readonly ImmutableHashSet<string> TempVariables = ImmutableHashSet.Create(StringComparer.OrdinalIgnoreCase, "TEMP", "TMP", "TMPDIR");

    private static readonly ImmutableHashSet<string> UserVariables = ImmutableHashSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "USERPROFILE", "HOME", "HOMEPATH", "APPDATA", "LOCALAPPDATA", "ONEDRIVE", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR");

    private static readonly ImmutableHashSet<string> SharedVariables = ImmutableHashSet.Create(StringComparer.OrdinalIgnoreCase, "PROGRAMDATA", "ALLUSERSPROFILE", "PUBLIC");

    private static readonly ImmutableHashSet<string> SystemVariables = ImmutableHashSet.Create(StringComparer.OrdinalIgnoreCase, "WINDIR", "SYSTEMROOT");

    private static readonly string[] TempRoots = ["/tmp/", "/var/tmp/", "/dev/shm/", "x:/temp/", "x:/tmp/", "x:/windows/temp/"];

    private static readonly string[] SharedRoots = ["x:/programdata/", "x:/users/public/"];

    private static readonly string[] UserRoots = ["x:/users/", "/home/", "/users/", "/root/", "/var/root/"];

    private static readonly string[] SystemRoots =
    [
        "x:/windows/", "/usr/lib/", "/usr/lib64/", "/lib/", "/lib64/", "/usr/share/dotnet/", "/usr/local/share/dotnet/", "/system/library/",
    ];

    private readonly ResolutionApis _apis;
    private readonly SemanticModel? _model;
    private readonly CancellationToken _cancellationToken;
    private int _steps = MaxSteps;

    public ResolutionDirectoryClassifier(ResolutionApis apis, SemanticModel? model, CancellationToken cancellationToken)
    {
        _apis = apis;
        _model = model;
        _cancellationToken = cancellationToken;
    }

    /// <summary>The directory a path (or a directory) value points into.</summary>
    public DirectoryOrigin ClassifyPath(IOperation operation, Binding? scope, int depth = 0)
        => ClassifyPath(operation, scope, isDirectory: false, depth);

    /// <summary>The directory the file whose bytes these are was read from (<c>File.ReadAllBytes(path)</c>).</summary>
    public DirectoryOrigin ClassifyBytes(IOperation operation, Binding? scope, int depth = 0)
    {
        if (depth > MaxDepth || --_steps < 0)
        {
            return DirectoryOrigin.Unknown;
        }

        var value = operation.WalkDownConversions();
        switch (value)
        {
            case IAwaitOperation awaited:
                return ClassifyBytes(awaited.Operation, scope, depth + 1);
            case IInvocationOperation invocation when ResolutionApis.Is(invocation.TargetMethod.ContainingType, _apis.File)
                && invocation.TargetMethod.Name is "ReadAllBytes" or "ReadAllBytesAsync":
                return FileApi(Argument(invocation, 0), scope, depth);
            case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                return DirectoryOrigin.Worst(ClassifyBytes(conditional.WhenTrue, scope, depth + 1), ClassifyBytes(whenFalse, scope, depth + 1));
            case ICoalesceOperation coalesce:
                return DirectoryOrigin.Worst(ClassifyBytes(coalesce.Value, scope, depth + 1), ClassifyBytes(coalesce.WhenNull, scope, depth + 1));
        }

        return Follow(value, scope, depth, ClassifyBytes);
    }

    /// <summary>The directory of the file a stream reads (<c>File.OpenRead(path)</c>, <c>new FileStream(path, ...)</c>).</summary>
    public DirectoryOrigin ClassifyStream(IOperation operation, Binding? scope, int depth = 0)
    {
        if (depth > MaxDepth || --_steps < 0)
        {
            return DirectoryOrigin.Unknown;
        }

        var value = operation.WalkDownConversions();
        switch (value)
        {
            case IAwaitOperation awaited:
                return ClassifyStream(awaited.Operation, scope, depth + 1);
            case IInvocationOperation invocation when ResolutionApis.Is(invocation.TargetMethod.ContainingType, _apis.File)
                && invocation.TargetMethod.Name is "OpenRead" or "Open":
                return FileApi(Argument(invocation, 0), scope, depth);
            case IInvocationOperation invocation when invocation.Instance is { } instance
                && ResolutionApis.Is(invocation.TargetMethod.ContainingType, _apis.FileInfo)
                && invocation.TargetMethod.Name is "OpenRead" or "Open":
                return ClassifyFileSystemInfo(instance, scope, depth + 1);
            case IObjectCreationOperation creation when ResolutionApis.Is(creation.Type, _apis.FileStream)
                && creation.Constructor?.Parameters.FirstOrDefault()?.Type.SpecialType == SpecialType.System_String:
                return FileApi(Argument(creation, 0), scope, depth);
            case IObjectCreationOperation creation when ResolutionApis.Is(creation.Type, _apis.MemoryStream)
                && creation.Constructor?.Parameters.FirstOrDefault()?.Type is IArrayTypeSymbol:
                return Argument(creation, 0) is { } bytes ? ClassifyBytes(bytes, scope, depth + 1) : DirectoryOrigin.Unknown;
            case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                return DirectoryOrigin.Worst(ClassifyStream(conditional.WhenTrue, scope, depth + 1), ClassifyStream(whenFalse, scope, depth + 1));
            case ICoalesceOperation coalesce:
                return DirectoryOrigin.Worst(ClassifyStream(coalesce.Value, scope, depth + 1), ClassifyStream(coalesce.WhenNull, scope, depth + 1));
        }

        return Follow(value, scope, depth, ClassifyStream);
    }

    /// <summary>The argument bound to the parameter at <paramref name="ordinal"/>, or null.</summary>
    public static IOperation? Argument(IOperation call, int ordinal)
    {
        var arguments = call switch
        {
            IInvocationOperation invocation => invocation.Arguments,
            IObjectCreationOperation creation => creation.Arguments,
            _ => ImmutableArray<IArgumentOperation>.Empty,
        };
        foreach (var argument in arguments)
        {
            if (argument.Parameter?.Ordinal == ordinal)
            {
                return argument.Value;
            }
        }

        return null;
    }

    /// <summary>
    /// The body of a method, local function or accessor declared once in the tree this classifier reads (analyzers
    /// may not bind other files); null for abstract, extern, partial-without-body and virtual members (an override
    /// may replace the body).
    /// </summary>
    public IOperation? BodyOf(IMethodSymbol method)
    {
        var definition = method.OriginalDefinition;
        if (definition.PartialImplementationPart is { } implementation)
        {
            definition = implementation;
        }

        if (_model is null || definition.IsAbstract || definition.IsExtern || definition.IsVirtual || definition.IsOverride)
        {
            return null;
        }

        var references = definition.DeclaringSyntaxReferences;
        if (references.Length != 1 || references[0].SyntaxTree != _model.SyntaxTree)
        {
            return null;
        }

        return _model.GetOperation(references[0].GetSyntax(_cancellationToken), _cancellationToken) switch
        {
            IMethodBodyBaseOperation { BlockBody: { } block, ExpressionBody: null } => block,
            IMethodBodyBaseOperation { BlockBody: null, ExpressionBody: { } expression } => expression,
            ILocalFunctionOperation { Body: { } block, IgnoredBody: null } => block,
            _ => null,
        };
    }

    /// <summary>Binds the parameters of <paramref name="method"/> to the arguments of <paramref name="call"/>.</summary>
    public static Binding? Bind(IMethodSymbol method, ImmutableArray<IArgumentOperation> arguments, Binding? callerScope)
    {
        Binding? scope = null;
        foreach (var argument in arguments)
        {
            if (argument.Parameter is { RefKind: RefKind.None } parameter && parameter.Ordinal < method.OriginalDefinition.Parameters.Length)
            {
                scope = new Binding(method.OriginalDefinition.Parameters[parameter.Ordinal], argument.Value, callerScope, scope);
            }
        }

        return scope;
    }

    /// <summary>The values a body returns (not those of nested lambdas and local functions).</summary>
    public static IEnumerable<IOperation> ReturnedValues(IOperation body)
    {
        if (body is not IBlockOperation)
        {
            // An expression body (IMethodBodyOperation.ExpressionBody is a block with one return in practice).
            yield return body;
            yield break;
        }

        var pending = new Stack<IOperation>();
        pending.Push(body);
        while (pending.Count > 0)
        {
            var operation = pending.Pop();
            if (operation is IReturnOperation { ReturnedValue: { } value })
            {
                yield return value;
                continue;
            }

            foreach (var child in operation.ChildOperations)
            {
                if (child is not (IAnonymousFunctionOperation or ILocalFunctionOperation))
                {
                    pending.Push(child);
                }
            }
        }
    }

    private DirectoryOrigin ClassifyPath(IOperation operation, Binding? scope, bool isDirectory, int depth)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        if (depth > MaxDepth || --_steps < 0)
        {
            return DirectoryOrigin.Unknown;
        }

        var value = operation.WalkDownConversions();
        if (value.ConstantValue is { HasValue: true, Value: string constant })
        {
            return ClassifyConstant(constant, isDirectory);
        }

        switch (value)
        {
            case IInvocationOperation invocation:
                return ClassifyCall(invocation, scope, isDirectory, depth);

            case IPropertyReferenceOperation property:
                return ClassifyProperty(property, scope, isDirectory, depth);

            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } concatenation when concatenation.Type?.SpecialType == SpecialType.System_String:
                return ClassifyParts(Flatten(concatenation), scope, depth);

            case IInterpolatedStringOperation interpolation:
                return ClassifyParts(PartsOf(interpolation), scope, depth);

            case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                return DirectoryOrigin.Worst(
                    ClassifyPath(conditional.WhenTrue, scope, isDirectory, depth + 1),
                    ClassifyPath(whenFalse, scope, isDirectory, depth + 1));

            case ICoalesceOperation coalesce:
                return DirectoryOrigin.Worst(
                    ClassifyPath(coalesce.Value, scope, isDirectory, depth + 1),
                    ClassifyPath(coalesce.WhenNull, scope, isDirectory, depth + 1));

            case ISwitchExpressionOperation switchExpression:
                return switchExpression.Arms.Aggregate(DirectoryOrigin.Trusted, (worst, arm) => DirectoryOrigin.Worst(worst, ClassifyPath(arm.Value, scope, isDirectory, depth + 1)));

            case IConditionalAccessOperation access:
                return ClassifyPath(access.WhenNotNull, scope, isDirectory, depth + 1);

            case IAwaitOperation awaited:
                return ClassifyPath(awaited.Operation, scope, isDirectory, depth + 1);

            case IArrayElementReferenceOperation element:
                return ClassifyElements(element.ArrayReference, scope, isDirectory, depth + 1);
        }

        return Follow(value, scope, depth, (v, s, d) => ClassifyPath(v, s, isDirectory, d));
    }

    /// <summary>Parameters, locals, readonly fields and get-only properties: followed to the value they hold.</summary>
    private DirectoryOrigin Follow(IOperation value, Binding? scope, int depth, Func<IOperation, Binding?, int, DirectoryOrigin> classify)
    {
        switch (value)
        {
            case IParameterReferenceOperation parameter:
                return Binding.Find(scope, parameter.Parameter) is { } bound ? classify(bound.Value, bound.ValueScope, depth + 1) : DirectoryOrigin.Unknown;

            case ILocalReferenceOperation local:
                var definition = LocalDefinition(local);
                if (definition.ForEachCollection is { } collection)
                {
                    return ClassifyElements(collection, scope, isDirectory: true, depth + 1, classify);
                }

                return definition.Value is { } assigned ? classify(assigned, scope, depth + 1) : DirectoryOrigin.Unknown;

            case IFieldReferenceOperation field:
                return ReadonlyFieldInitializer(field.Field) is { } initializer ? classify(initializer, null, depth + 1) : DirectoryOrigin.Unknown;

            case IPropertyReferenceOperation property when property.Arguments.IsEmpty:
                return GetterValues(property.Property, depth, classify);

            case IInvocationOperation invocation when invocation.TargetMethod.Locations.FirstOrDefault()?.IsInSource == true
                && BodyOf(invocation.TargetMethod) is { } body:
                var callee = Bind(invocation.TargetMethod, invocation.Arguments, scope);
                return ReturnedValues(body).Aggregate(DirectoryOrigin.Trusted, (worst, returned) => DirectoryOrigin.Worst(worst, classify(returned, callee, depth + 1)));
        }

        return DirectoryOrigin.Unknown;
    }

    private DirectoryOrigin ClassifyCall(IInvocationOperation invocation, Binding? scope, bool isDirectory, int depth)
    {
        var method = invocation.TargetMethod;
        var type = method.ContainingType;
        if (ResolutionApis.Is(type, _apis.Path))
        {
            switch (method.Name)
            {
                case "Combine":
                    return ClassifyCombine(PathArguments(invocation), scope, isDirectory, depth);
                case "Join":
                    return PathArguments(invocation).FirstOrDefault() is { } first ? ClassifyPath(first, scope, isDirectory: true, depth + 1) : DirectoryOrigin.Unknown;
                case "GetFullPath":
                    var path = Argument(invocation, 0);
                    var origin = path is null ? DirectoryOrigin.Unknown : ClassifyPath(path, scope, isDirectory, depth + 1);
                    if (origin.Trust == DirectoryTrust.Relative)
                    {
                        // GetFullPath(path, basePath) resolves against basePath, GetFullPath(path) against the current directory.
                        return Argument(invocation, 1) is { } basePath
                            ? ClassifyPath(basePath, scope, isDirectory: true, depth + 1)
                            : DirectoryOrigin.Untrusted(DirectoryOrigin.CurrentDirectoryOf(origin.Text));
                    }

                    return origin;
                case "GetPathRoot":
                    // The root of a drive is outside every application; any user may create folders under C:\.
                    return DirectoryOrigin.Untrusted("the root folder of a drive (Path.GetPathRoot)");
                case "GetDirectoryName" or "ChangeExtension" or "TrimEndingDirectorySeparator":
                    return Argument(invocation, 0) is { } argument ? ClassifyPath(argument, scope, isDirectory: false, depth + 1) : DirectoryOrigin.Unknown;
                case "GetTempPath":
                    return DirectoryOrigin.Untrusted("the temp folder (Path.GetTempPath)");
                case "GetTempFileName":
                    return DirectoryOrigin.Untrusted("the temp folder (Path.GetTempFileName)");
            }

            return DirectoryOrigin.Unknown;
        }

        if (ResolutionApis.Is(type, _apis.Environment))
        {
            switch (method.Name)
            {
                case "GetFolderPath":
                    return Argument(invocation, 0) is { } folder ? ClassifySpecialFolder(folder) : DirectoryOrigin.Unknown;
                case "GetEnvironmentVariable":
                    return Argument(invocation, 0) is { } name ? ClassifyVariable(name.ConstantValue.HasValue ? name.ConstantValue.Value as string : null) : DirectoryOrigin.Unknown;
                case "ExpandEnvironmentVariables":
                    if (Argument(invocation, 0) is not { } expanded)
                    {
                        return DirectoryOrigin.Unknown;
                    }

                    if (LeadingConstant(expanded) is { } pattern && pattern.StartsWith("%", StringComparison.Ordinal))
                    {
                        var end = pattern.IndexOf('%', 1);
                        return end > 1 ? ClassifyVariable(pattern.Substring(1, end - 1)) : DirectoryOrigin.Unknown;
                    }

                    return ClassifyPath(expanded, scope, isDirectory, depth + 1);
            }

            return DirectoryOrigin.Unknown;
        }

        if (ResolutionApis.Is(type, _apis.Directory))
        {
            return method.Name switch
            {
                "GetCurrentDirectory" => DirectoryOrigin.Untrusted("the current directory (Directory.GetCurrentDirectory)"),
                _ => DirectoryOrigin.Unknown,
            };
        }

        if (ResolutionApis.Is(type, _apis.AssemblyDependencyResolver) || ResolutionApis.Is(type, _apis.RuntimeEnvironment))
        {
            // AssemblyDependencyResolver reads the component's own .deps.json: the recommended plugin pattern.
            return DirectoryOrigin.Trusted;
        }

        if (IsConfiguration(method))
        {
            return DirectoryOrigin.Untrusted("a folder read from configuration (IConfiguration)");
        }

        if (ResolutionApis.Is(type, _apis.Enumerable) && !invocation.Arguments.IsEmpty
            && method.Name is "First" or "FirstOrDefault" or "Single" or "SingleOrDefault" or "Last" or "LastOrDefault" or "ElementAt" or "ElementAtOrDefault")
        {
            return ClassifyElements(invocation.Arguments[0].Value, scope, isDirectory, depth + 1);
        }

        if (type?.SpecialType == SpecialType.System_String)
        {
            switch (method.Name)
            {
                case "Concat" when method.IsStatic:
                    return ClassifyParts(PathArguments(invocation), scope, depth);
                case "Format" when method.IsStatic:
                    return ClassifyFormat(invocation, scope, depth);
                case "Trim" or "TrimEnd" or "TrimStart" or "ToString" when invocation.Instance is { } instance:
                    return ClassifyPath(instance, scope, isDirectory, depth + 1);
            }

            return DirectoryOrigin.Unknown;
        }

        if (ResolutionApis.Is(type, _apis.Uri) && method.Name == "UnescapeDataString" && Argument(invocation, 0) is { } escaped)
        {
            return ClassifyPath(escaped, scope, isDirectory, depth + 1);
        }

        if (method.Name == "ToString" && invocation.Instance is { } stringBuilt && invocation.Arguments.IsEmpty)
        {
            return ClassifyPath(stringBuilt, scope, isDirectory, depth + 1);
        }

        return Follow(invocation, scope, depth, (v, s, d) => ClassifyPath(v, s, isDirectory, d));
    }

    private DirectoryOrigin ClassifyProperty(IPropertyReferenceOperation reference, Binding? scope, bool isDirectory, int depth)
    {
        var property = reference.Property;
        var type = property.ContainingType;
        switch (property.Name)
        {
            case "BaseDirectory" when ResolutionApis.Is(type, _apis.AppContext) || ResolutionApis.Is(type, _apis.AppDomain):
            case "RelativeSearchPath" when ResolutionApis.Is(type, _apis.AppDomain):
            case "ApplicationBase" when ResolutionApis.Is(type, _apis.AppDomainSetup):
            case "ProcessPath" or "SystemDirectory" when ResolutionApis.Is(type, _apis.Environment):
            case "FileName" when ResolutionApis.Is(type, _apis.ProcessModule):
            case "StartupPath" or "ExecutablePath" when type is { Name: "Application" } && type.ContainingNamespace?.ToDisplayString() == "System.Windows.Forms":
                return DirectoryOrigin.Trusted;

            // The folder of a loaded assembly: the application's own, or the one the runtime found the requesting
            // assembly in (Assembly.LoadFrom's own resolve handler probes exactly there).
            case "Location" or "CodeBase" or "EscapedCodeBase" when reference.Instance?.Type.IsOrDerivesFrom(_apis.Assembly) == true:
                return DirectoryOrigin.Trusted;

            // new AssemblyName(args.Name).Name + ".dll": a file name without a folder.
            case "Name" when ResolutionApis.Is(type, _apis.AssemblyName) || ResolutionApis.Is(type, _apis.ResolveEventArgs):
                return DirectoryOrigin.BareName;

            case "CurrentDirectory" when ResolutionApis.Is(type, _apis.Environment):
                return DirectoryOrigin.Untrusted("the current directory (Environment.CurrentDirectory)");

            case "FullName" or "DirectoryName" when type.IsOrDerivesFrom(_apis.FileSystemInfo) && reference.Instance is { } info:
                return ClassifyFileSystemInfo(info, scope, depth + 1);

            case "LocalPath" or "AbsolutePath" when ResolutionApis.Is(type, _apis.Uri):
            case "Path" when ResolutionApis.Is(type, _apis.UriBuilder):
                // new Uri(assembly.CodeBase).LocalPath, new UriBuilder(codeBase).Path
                return reference.Instance?.WalkDownConversions() is IObjectCreationOperation creation && Argument(creation, 0) is { } source
                    ? ClassifyPath(source, scope, isDirectory, depth + 1)
                    : DirectoryOrigin.Unknown;

            case "Value" when ResolutionApis.Is(type, _apis.ConfigurationSection) || type.IsOrDerivesFrom(_apis.ConfigurationSection):
                return DirectoryOrigin.Untrusted("a folder read from configuration (IConfiguration)");
        }

        if (property.IsIndexer)
        {
            if (IsConfigurationType(type))
            {
                return DirectoryOrigin.Untrusted("a folder read from configuration (IConfiguration)");
            }

            // ConfigurationManager.AppSettings["PluginPath"]
            if (reference.Instance?.WalkDownConversions() is IPropertyReferenceOperation { Property: { Name: "AppSettings" } settings }
                && ResolutionApis.Is(settings.ContainingType, _apis.ConfigurationManager))
            {
                return DirectoryOrigin.Untrusted("a folder read from configuration (ConfigurationManager.AppSettings)");
            }

            return DirectoryOrigin.Unknown;
        }

        return Follow(reference, scope, depth, (v, s, d) => ClassifyPath(v, s, isDirectory, d));
    }

    /// <summary>A <c>DirectoryInfo</c>/<c>FileInfo</c>: <c>new DirectoryInfo(path)</c>, <c>Directory.CreateTempSubdirectory()</c>, its files.</summary>
    private DirectoryOrigin ClassifyFileSystemInfo(IOperation operation, Binding? scope, int depth)
    {
        if (depth > MaxDepth || --_steps < 0)
        {
            return DirectoryOrigin.Unknown;
        }

        var value = operation.WalkDownConversions();
        switch (value)
        {
            case IObjectCreationOperation creation when creation.Type.IsOrDerivesFrom(_apis.FileSystemInfo):
                return Argument(creation, 0) is { } path ? FileApi(path, scope, depth) : DirectoryOrigin.Unknown;
            case IInvocationOperation { TargetMethod: { Name: "CreateTempSubdirectory" } create } when ResolutionApis.Is(create.ContainingType, _apis.Directory):
                return DirectoryOrigin.Untrusted("the temp folder (Directory.CreateTempSubdirectory)");
            case IInvocationOperation { Instance: { } parent } invocation when invocation.TargetMethod.ContainingType.IsOrDerivesFrom(_apis.FileSystemInfo):
                // dir.GetFiles()[0], dir.CreateSubdirectory("x"), dir.EnumerateFiles().First()
                return ClassifyFileSystemInfo(parent, scope, depth + 1);
            case IPropertyReferenceOperation { Property.Name: "Directory" or "Parent", Instance: { } child } when child.Type.IsOrDerivesFrom(_apis.FileSystemInfo):
                return ClassifyFileSystemInfo(child, scope, depth + 1);
            case IArrayElementReferenceOperation element:
                return ClassifyFileSystemInfo(element.ArrayReference, scope, depth + 1);
            case IInvocationOperation invocation when ResolutionApis.Is(invocation.TargetMethod.ContainingType, _apis.Enumerable) && !invocation.Arguments.IsEmpty:
                return ClassifyFileSystemInfo(invocation.Arguments[0].Value, scope, depth + 1);
            case ILocalReferenceOperation local when LocalDefinition(local).ForEachCollection is { } collection:
                return ClassifyFileSystemInfo(collection, scope, depth + 1);
        }

        return Follow(value, scope, depth, ClassifyFileSystemInfo);
    }

    /// <summary>The elements of a list of paths or folders: the worst of an array's elements, the files of a folder.</summary>
    private DirectoryOrigin ClassifyElements(IOperation collection, Binding? scope, bool isDirectory, int depth)
        => ClassifyElements(collection, scope, isDirectory, depth, (v, s, d) => ClassifyPath(v, s, isDirectory, d));

    private DirectoryOrigin ClassifyElements(IOperation collection, Binding? scope, bool isDirectory, int depth, Func<IOperation, Binding?, int, DirectoryOrigin> classify)
    {
        if (depth > MaxDepth || --_steps < 0)
        {
            return DirectoryOrigin.Unknown;
        }

        var value = collection.WalkDownConversions();
        switch (value)
        {
            case IArrayCreationOperation { Initializer: { } initializer }:
                return Worst(initializer.ElementValues, scope, depth, classify);

            case IObjectCreationOperation { Initializer: { } initializer }:
                // new List<string> { a, b }
                return Worst(
                    initializer.Initializers.OfType<IInvocationOperation>().Where(add => add.Arguments.Length == 1).Select(add => add.Arguments[0].Value),
                    scope,
                    depth,
                    classify);

            case { Kind: OperationKind.None } when value.Syntax is CollectionExpressionSyntax:
                return Worst(value.ChildOperations, scope, depth, classify);

            case IInvocationOperation invocation:
                var method = invocation.TargetMethod;
                if (ResolutionApis.Is(method.ContainingType, _apis.Directory)
                    && method.Name is "GetFiles" or "EnumerateFiles" or "GetFileSystemEntries" or "EnumerateFileSystemEntries" or "GetDirectories" or "EnumerateDirectories")
                {
                    // Directory.GetFiles(dir, "*.dll"): every element is inside dir.
                    return Argument(invocation, 0) is { } folder ? FileApi(folder, scope, depth) : DirectoryOrigin.Unknown;
                }

                if (ResolutionApis.Is(method.ContainingType, _apis.Enumerable) && !invocation.Arguments.IsEmpty
                    && method.Name is "Where" or "OrderBy" or "OrderByDescending" or "Distinct" or "ToArray" or "ToList" or "Reverse" or "Skip" or "Take" or "AsEnumerable")
                {
                    return ClassifyElements(invocation.Arguments[0].Value, scope, isDirectory, depth + 1, classify);
                }

                if (method.Name == "Split" && method.ContainingType?.SpecialType == SpecialType.System_String && invocation.Instance is { } joined)
                {
                    // Environment.GetEnvironmentVariable("PLUGIN_PATH").Split(';')
                    return classify(joined, scope, depth + 1);
                }

                break;
        }

        return Follow(value, scope, depth, (v, s, d) => ClassifyElements(v, s, isDirectory, d, classify));
    }

    private static DirectoryOrigin Worst(IEnumerable<IOperation> values, Binding? scope, int depth, Func<IOperation, Binding?, int, DirectoryOrigin> classify)
        => values.Aggregate(DirectoryOrigin.Trusted, (worst, element) => DirectoryOrigin.Worst(worst, classify(element, scope, depth + 1)));

    /// <summary>A path given to a <c>File</c>/<c>FileStream</c>/<c>DirectoryInfo</c> API: relative paths are resolved against the current directory.</summary>
    private DirectoryOrigin FileApi(IOperation? path, Binding? scope, int depth)
    {
        if (path is null)
        {
            return DirectoryOrigin.Unknown;
        }

        var origin = ClassifyPath(path, scope, isDirectory: false, depth + 1);
        return origin.Trust == DirectoryTrust.Relative ? DirectoryOrigin.Untrusted(DirectoryOrigin.CurrentDirectoryOf(origin.Text)) : origin;
    }

    /// <summary>
    /// <c>Path.Combine</c>: a later rooted argument discards the earlier ones, so the last argument that names a
    /// directory decides; unknown later arguments are taken to be names (<c>Path.Combine(dir, name + ".dll")</c>).
    /// </summary>
    private DirectoryOrigin ClassifyCombine(IReadOnlyList<IOperation> arguments, Binding? scope, bool isDirectory, int depth)
    {
        DirectoryOrigin relative = DirectoryOrigin.Unknown;
        for (var i = arguments.Count - 1; i >= 0; i--)
        {
            var origin = ClassifyPath(arguments[i], scope, isDirectory: isDirectory || i < arguments.Count - 1, depth + 1);
            switch (origin.Trust)
            {
                case DirectoryTrust.Trusted or DirectoryTrust.Untrusted:
                    return origin;
                case DirectoryTrust.Relative:
                    relative = origin;
                    break;
                case DirectoryTrust.Unknown when i == 0:
                    return origin;
            }
        }

        return relative;
    }

    /// <summary>Concatenation and interpolation: the leading constant text, or else the first part, decides.</summary>
    private DirectoryOrigin ClassifyParts(IReadOnlyList<IOperation> parts, Binding? scope, int depth)
    {
        var prefix = string.Empty;
        foreach (var part in parts)
        {
            if (part.WalkDownConversions().ConstantValue is { HasValue: true } constant)
            {
                prefix += constant.Value as string;
                continue;
            }

            return prefix.Length > 0 ? ClassifyConstant(prefix, isDirectory: false) : ClassifyPath(part, scope, isDirectory: true, depth + 1);
        }

        return prefix.Length > 0 ? ClassifyConstant(prefix, isDirectory: false) : DirectoryOrigin.Unknown;
    }

    /// <summary><c>string.Format("{0}\\{1}.dll", dir, name)</c> and <c>string.Format(@"C:\Plugins\{0}.dll", name)</c>.</summary>
    private DirectoryOrigin ClassifyFormat(IInvocationOperation invocation, Binding? scope, int depth)
    {
        var arguments = PathArguments(invocation);
        var formatIndex = -1;
        for (var i = 0; i < arguments.Count; i++)
        {
            if (arguments[i].Type?.SpecialType == SpecialType.System_String && arguments[i].ConstantValue.HasValue)
            {
                formatIndex = i;
                break;
            }
        }

        if (formatIndex < 0 || arguments[formatIndex].ConstantValue.Value is not string format)
        {
            return DirectoryOrigin.Unknown;
        }

        var hole = format.IndexOf('{');
        if (hole != 0)
        {
            return ClassifyConstant(hole < 0 ? format : format.Substring(0, hole), isDirectory: false);
        }

        return format.StartsWith("{0}", StringComparison.Ordinal) && formatIndex + 1 < arguments.Count
            ? ClassifyPath(arguments[formatIndex + 1], scope, isDirectory: true, depth + 1)
            : DirectoryOrigin.Unknown;
    }

    /// <summary>The argument values of a call, with a <c>params</c> array expanded.</summary>
    private static IReadOnlyList<IOperation> PathArguments(IInvocationOperation invocation)
    {
        var values = new List<IOperation>();
        foreach (var argument in invocation.Arguments.OrderBy(a => a.Parameter?.Ordinal ?? int.MaxValue))
        {
            if (argument.Value.WalkDownConversions() is IArrayCreationOperation { Initializer: { } initializer }
                && (argument.ArgumentKind == ArgumentKind.ParamArray || argument.Parameter?.IsParams == true))
            {
                values.AddRange(initializer.ElementValues);
            }
            else if (argument.ArgumentKind != ArgumentKind.DefaultValue)
            {
                values.Add(argument.Value);
            }
        }

        return values;
    }

    /// <summary>The constant text a string value starts with (a constant, or the leading constant parts of a concatenation or interpolation).</summary>
    private static string? LeadingConstant(IOperation operation)
    {
        var value = operation.WalkDownConversions();
        if (value.ConstantValue is { HasValue: true, Value: string constant })
        {
            return constant;
        }

        var parts = value switch
        {
            IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } add => Flatten(add),
            IInterpolatedStringOperation interpolation => PartsOf(interpolation),
            _ => new List<IOperation>(),
        };
        var prefix = string.Empty;
        foreach (var part in parts)
        {
            if (part.WalkDownConversions().ConstantValue is not { HasValue: true } text)
            {
                break;
            }

            prefix += text.Value as string;
        }

        return prefix.Length > 0 ? prefix : null;
    }

    private static List<IOperation> PartsOf(IInterpolatedStringOperation interpolation)
        => interpolation.Parts.Select(p => p switch
        {
            IInterpolatedStringTextOperation text => text.Text,
            IInterpolationOperation hole => hole.Expression,
            _ => p,
        }).ToList();

    private static List<IOperation> Flatten(IBinaryOperation concatenation)
    {
        var parts = new List<IOperation>();
        var pending = new Stack<IOperation>();
        pending.Push(concatenation);
        while (pending.Count > 0)
        {
            var operation = pending.Pop();
            if (operation.WalkDownConversions() is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } add
                && add.Type?.SpecialType == SpecialType.System_String
                && !add.ConstantValue.HasValue)
            {
                pending.Push(add.RightOperand);
                pending.Push(add.LeftOperand);
            }
            else
            {
                parts.Add(operation);
            }
        }

        return parts;
    }

    private DirectoryOrigin ClassifySpecialFolder(IOperation folder)
    {
        var value = folder.WalkDownConversions();
        string? name = null;
        if (value is IFieldReferenceOperation field && ResolutionApis.Is(field.Field.ContainingType, _apis.SpecialFolder))
        {
            name = field.Field.Name;
        }
        else if (value.ConstantValue is { HasValue: true, Value: int number } && _apis.SpecialFolder is { } specialFolder)
        {
            name = specialFolder.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.HasConstantValue && f.ConstantValue is int n && n == number)?.Name;
        }

        if (name is null)
        {
            return DirectoryOrigin.Unknown;
        }

        var display = "Environment.SpecialFolder." + name;
        return UserFolders.Contains(name) ? DirectoryOrigin.Untrusted("the user profile folder (" + display + ")")
            : SharedFolders.Contains(name) ? DirectoryOrigin.Untrusted("the shared folder " + display + ", where every local user can add files on Windows")
            : SystemFolders.Contains(name) ? DirectoryOrigin.Trusted
            : name == "MyComputer" ? DirectoryOrigin.Unknown
            : DirectoryOrigin.Untrusted("the folder " + display + " outside the application");
    }

    private static DirectoryOrigin ClassifyVariable(string? name)
    {
        if (name is null)
        {
            return DirectoryOrigin.Untrusted("a folder named by an environment variable");
        }

        var display = "environment variable " + name;
        return TempVariables.Contains(name) ? DirectoryOrigin.Untrusted("the temp folder (" + display + ")")
            : UserVariables.Contains(name) ? DirectoryOrigin.Untrusted("the user profile folder (" + display + ")")
            : SharedVariables.Contains(name) ? DirectoryOrigin.Untrusted("the shared folder named by the " + display + ", where every local user can add files on Windows")
            : SystemVariables.Contains(name) || name.StartsWith("DOTNET_ROOT", StringComparison.OrdinalIgnoreCase) ? DirectoryOrigin.Trusted
            : DirectoryOrigin.Untrusted("the folder named by the environment variable '" + name + "'");
    }

    /// <summary>
    /// A constant path or path prefix. <paramref name="isDirectory"/>: the whole text names a folder (a
    /// <c>Path.Combine</c> argument before the last); otherwise the folder is the text up to its last separator.
    /// </summary>
    internal static DirectoryOrigin ClassifyConstant(string text, bool isDirectory)
    {
        if (text.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("ftp://", StringComparison.OrdinalIgnoreCase))
        {
            return DirectoryOrigin.Untrusted("the remote location '" + Folder(text, isDirectory) + "'");
        }

        if (text.StartsWith(@"\\", StringComparison.Ordinal) || text.StartsWith("//", StringComparison.Ordinal))
        {
            return DirectoryOrigin.Untrusted("the network share '" + Share(text) + "'");
        }

        if (!IsRooted(text))
        {
            return text.StartsWith("file:", StringComparison.OrdinalIgnoreCase) ? DirectoryOrigin.Unknown : DirectoryOrigin.Relative(text);
        }

        var folder = Folder(text, isDirectory);
        var normalized = Normalize(folder);
        return StartsWithAny(normalized, TempRoots) ? DirectoryOrigin.Untrusted("the temp folder '" + folder + "'")
            : StartsWithAny(normalized, SharedRoots) ? DirectoryOrigin.Untrusted("the shared folder '" + folder + "', where every local user can add files")
            : StartsWithAny(normalized, UserRoots) ? DirectoryOrigin.Untrusted("the user profile folder '" + folder + "'")
            : StartsWithAny(normalized, SystemRoots) ? DirectoryOrigin.Trusted
            : DirectoryOrigin.Untrusted("the folder '" + folder + "' outside the application");
    }

    private static bool IsRooted(string text)
        => (text.Length >= 3 && char.IsLetter(text[0]) && text[1] == ':' && IsSeparator(text[2]))
           || (text.Length >= 1 && IsSeparator(text[0]));

    private static bool IsSeparator(char c) => c is '\\' or '/';

    /// <summary>The folder part of a constant: all of it for a directory, else up to the last separator (keeping a root).</summary>
    private static string Folder(string text, bool isDirectory)
    {
        if (!isDirectory)
        {
            var last = text.LastIndexOfAny(['\\', '/']);
            text = last >= 0 ? text.Substring(0, last + 1) : text;
        }

        var trimmed = text.TrimEnd('\\', '/');
        return trimmed.Length == 0 || trimmed.EndsWith(":", StringComparison.Ordinal) ? text : trimmed;
    }

    /// <summary><c>\\server\share</c> of a UNC path.</summary>
    private static string Share(string text)
    {
        var separators = 0;
        for (var i = 2; i < text.Length; i++)
        {
            if (IsSeparator(text[i]) && ++separators == 2)
            {
                return text.Substring(0, i);
            }
        }

        return text.TrimEnd('\\', '/');
    }

    /// <summary>Lower case, forward slashes, the drive letter replaced by <c>x</c>, a trailing slash.</summary>
    private static string Normalize(string folder)
    {
        var normalized = folder.Replace('\\', '/').ToLowerInvariant();
        if (normalized.Length >= 2 && char.IsLetter(normalized[0]) && normalized[1] == ':')
        {
            normalized = "x" + normalized.Substring(1);
        }

        return normalized.EndsWith("/", StringComparison.Ordinal) ? normalized : normalized + "/";
    }

    private static bool StartsWithAny(string normalized, string[] roots)
    {
        foreach (var root in roots)
        {
            if (normalized.StartsWith(root, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsConfiguration(IMethodSymbol method)
        => (ResolutionApis.Is(method.ContainingType, _apis.ConfigurationBinder) && method.Name == "GetValue")
           || (method.Name == "GetValue" && IsConfigurationType(method.ReceiverType));

    private bool IsConfigurationType(ITypeSymbol? type)
        => type is not null && (ResolutionApis.Is(type, _apis.Configuration) || type.AllInterfaces.Any(i => ResolutionApis.Is(i, _apis.Configuration)));

    /// <summary>The value a local is assigned exactly once (its initializer or one assignment), or null.</summary>
    internal IOperation? SingleValue(ILocalReferenceOperation reference) => LocalDefinition(reference).Value;

    /// <summary>The definition of a local: the value it is assigned once, or the collection a <c>foreach</c> iterates.</summary>
    private (IOperation? Value, IOperation? ForEachCollection) LocalDefinition(ILocalReferenceOperation reference)
    {
        var local = reference.Local;
        if (local.IsRef)
        {
            return (null, null);
        }

        IOperation? value = null;
        IOperation? collection = null;
        var writes = 0;
        var pending = new Stack<IOperation>();
        pending.Push(reference.Root());
        while (pending.Count > 0 && writes <= 1)
        {
            var operation = pending.Pop();
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                    if (declarator.GetVariableInitializer()?.Value is { } initializer)
                    {
                        value = initializer;
                        writes++;
                    }

                    if (declarator.Parent is IForEachLoopOperation loop)
                    {
                        collection = loop.Collection;
                        writes++;
                    }

                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when SymbolEqualityComparer.Default.Equals(target.Local, local):
                    value = assignment.Value;
                    writes++;
                    break;
                case ICompoundAssignmentOperation { Target: ILocalReferenceOperation target } when SymbolEqualityComparer.Default.Equals(target.Local, local):
                case ICoalesceAssignmentOperation { Target: ILocalReferenceOperation coalesced } when SymbolEqualityComparer.Default.Equals(coalesced.Local, local):
                case IIncrementOrDecrementOperation { Target: ILocalReferenceOperation incremented } when SymbolEqualityComparer.Default.Equals(incremented.Local, local):
                case IArgumentOperation { Parameter.RefKind: not RefKind.None, Value: ILocalReferenceOperation byRef } when SymbolEqualityComparer.Default.Equals(byRef.Local, local):
                case IDeclarationExpressionOperation { Expression: ILocalReferenceOperation declared } when SymbolEqualityComparer.Default.Equals(declared.Local, local)
                    && operation.Parent is not IForEachLoopOperation:
                case IDeconstructionAssignmentOperation deconstruction when References(deconstruction.Target, local):
                    writes += 2;
                    break;
            }

            foreach (var child in operation.ChildOperations)
            {
                pending.Push(child);
            }
        }

        if (writes != 1)
        {
            return (null, null);
        }

        return (collection is null ? value : null, collection);
    }

    private static bool References(IOperation operation, ILocalSymbol local)
    {
        if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
        {
            return true;
        }

        foreach (var child in operation.ChildOperations)
        {
            if (References(child, local))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The initializer of a <c>readonly</c> field declared in this tree and not assigned by a constructor of this tree
    /// (a constructor in another part of a partial type is not seen).
    /// </summary>
    internal IOperation? ReadonlyFieldInitializer(IFieldSymbol field)
    {
        if (!field.IsReadOnly || _model is null)
        {
            return null;
        }

        var references = field.DeclaringSyntaxReferences;
        if (references.Length != 1
            || references[0].SyntaxTree != _model.SyntaxTree
            || references[0].GetSyntax(_cancellationToken) is not VariableDeclaratorSyntax { Initializer: { } initializer } declarator
            || AssignedInConstructor(declarator, field.Name))
        {
            return null;
        }

        return _model.GetOperation(initializer, _cancellationToken) is IFieldInitializerOperation operation ? operation.Value : null;
    }

    private static bool AssignedInConstructor(SyntaxNode declaration, string name)
    {
        if (declaration.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } type)
        {
            return true;
        }

        foreach (var constructor in type.Members.OfType<ConstructorDeclarationSyntax>())
        {
            foreach (var assignment in constructor.DescendantNodes().OfType<AssignmentExpressionSyntax>())
            {
                var target = assignment.Left is MemberAccessExpressionSyntax access ? access.Name : assignment.Left;
                if (target is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == name)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The values a get-only property of this tree returns: an initializer of an auto-property or its getter's returns.</summary>
    private DirectoryOrigin GetterValues(IPropertySymbol property, int depth, Func<IOperation, Binding?, int, DirectoryOrigin> classify)
    {
        if (_model is null || property.SetMethod is not null || property.IsVirtual || property.IsOverride || property.IsAbstract)
        {
            return DirectoryOrigin.Unknown;
        }

        var references = property.DeclaringSyntaxReferences;
        if (references.Length != 1
            || references[0].SyntaxTree != _model.SyntaxTree
            || references[0].GetSyntax(_cancellationToken) is not PropertyDeclarationSyntax declaration)
        {
            return DirectoryOrigin.Unknown;
        }

        if (declaration.ExpressionBody is { } arrow)
        {
            return _model.GetOperation(arrow.Expression, _cancellationToken) is { } value ? classify(value, null, depth + 1) : DirectoryOrigin.Unknown;
        }

        if (declaration.Initializer is { } initializer)
        {
            return _model.GetOperation(initializer, _cancellationToken) is IPropertyInitializerOperation init ? classify(init.Value, null, depth + 1) : DirectoryOrigin.Unknown;
        }

        var getter = declaration.AccessorList?.Accessors.FirstOrDefault(a => a.Keyword.ValueText == "get");
        if (getter is null || (getter.Body is null && getter.ExpressionBody is null))
        {
            return DirectoryOrigin.Unknown;
        }

        return _model.GetOperation(getter, _cancellationToken) switch
        {
            IMethodBodyBaseOperation { BlockBody: { } block } => ReturnedValues(block).Aggregate(DirectoryOrigin.Trusted, (worst, v) => DirectoryOrigin.Worst(worst, classify(v, null, depth + 1))),
            IMethodBodyBaseOperation { ExpressionBody: { } expression } => ReturnedValues(expression).Aggregate(DirectoryOrigin.Trusted, (worst, v) => DirectoryOrigin.Worst(worst, classify(v, null, depth + 1))),
            _ => DirectoryOrigin.Unknown,
        };
    }
}
