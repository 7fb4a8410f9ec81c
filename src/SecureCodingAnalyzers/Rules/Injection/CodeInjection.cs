using System.Collections.Immutable;
using SecureCodingAnalyzers.Dataflow;
using static SecureCodingAnalyzers.Dataflow.ApiSpec;

namespace SecureCodingAnalyzers.Rules.Injection;

/// <summary>
/// SCR2010: untrusted data compiled or evaluated as code: C# scripting, CodeDOM compilers, Dynamic LINQ string
/// expressions, and assemblies loaded from a path that came from input.
/// </summary>
internal static class CodeInjection
{
    public static TaintRule Rule { get; } = new(
        Catalog.Rules.CodeInjection,
        SinkKind.Code,
        ImmutableArray.Create(
            Sink(SinkKind.Code, "Microsoft.CodeAnalysis.CSharp.Scripting.CSharpScript", "*", "C# script code", "code"),
            Sink(SinkKind.Code, "System.CodeDom.Compiler.CodeDomProvider", "CompileAssemblyFromSource", "compiled source code", "sources"),
            Sink(SinkKind.Code, "System.Linq.Dynamic.Core.DynamicQueryableExtensions", "*", "a Dynamic LINQ expression", "predicate", "selector", "ordering"),
            Sink(SinkKind.Code, "System.Reflection.Assembly", "LoadFrom", "an assembly path", "assemblyFile"),
            Sink(SinkKind.Code, "System.Reflection.Assembly", "LoadFile", "an assembly path", "path"),
            Sink(SinkKind.Code, "System.Reflection.Assembly", "UnsafeLoadFrom", "an assembly path", "assemblyFile"),
            Sink(SinkKind.Code, "System.AppDomain", "ExecuteAssembly", "an assembly path", "assemblyFile")),
        ImmutableArray<ApiSpec>.Empty,
        disabledByDefault: SourceGroup.Process | SourceGroup.Environment);
}
