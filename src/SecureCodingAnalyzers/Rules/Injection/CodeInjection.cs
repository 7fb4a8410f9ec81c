using System.Collections.Immutable;
using SecureCodingAnalyzers.Dataflow;
using static SecureCodingAnalyzers.Dataflow.ApiSpec;

namespace SecureCodingAnalyzers.Rules.Injection;

/// <summary>
/// SCR2010: untrusted data compiled or evaluated as code: C# scripting, CodeDOM compilers, Dynamic LINQ string
/// expressions, and assemblies or native libraries loaded from a path that came from input. Dynamic LINQ with the
/// values passed as parameters (<c>Where("Name == @0", name)</c>) is safe: only the expression text is a sink.
/// <c>Path.GetFileName</c> cleans a path (the input then only picks a file of a directory the program chose).
/// </summary>
internal static class CodeInjection
{
    private const string Script = "C# script code";
    private const string Source = "compiled source code";
    private const string DynamicLinq = "a Dynamic LINQ expression";
    private const string AssemblyPath = "an assembly path";

    public static TaintRule Rule { get; } = new(
        Catalog.Rules.CodeInjection,
        SinkKind.Code,
        ImmutableArray.Create(
            Sink(SinkKind.Code, "Microsoft.CodeAnalysis.CSharp.Scripting.CSharpScript", "*", Script, "code"),
            Sink(SinkKind.Code, "Microsoft.CodeAnalysis.Scripting.Script", "ContinueWith", Script, "code"),
            Sink(SinkKind.Code, "System.CodeDom.Compiler.CodeDomProvider", "CompileAssemblyFromSource", Source, "sources"),
            Sink(SinkKind.Code, "System.CodeDom.Compiler.CodeDomProvider", "CompileAssemblyFromFile", "compiled source files", "fileNames"),
            Sink(SinkKind.Code, "System.CodeDom.Compiler.ICodeCompiler", "CompileAssemblyFromSource", Source, "source"),
            Sink(SinkKind.Code, "System.CodeDom.Compiler.ICodeCompiler", "CompileAssemblyFromSourceBatch", Source, "sources"),
            Sink(SinkKind.Code, "System.CodeDom.Compiler.ICodeCompiler", "CompileAssemblyFromFile", "compiled source files", "fileName"),
            Sink(SinkKind.Code, "System.CodeDom.Compiler.ICodeCompiler", "CompileAssemblyFromFileBatch", "compiled source files", "fileNames"),
            Sink(SinkKind.Code, "System.Linq.Dynamic.Core.DynamicQueryableExtensions", "*", DynamicLinq, "predicate", "selector", "ordering", "keySelector", "resultSelector", "outerKeySelector", "innerKeySelector", "collectionSelector"),
            Sink(SinkKind.Code, "System.Linq.Dynamic.Core.DynamicExpressionParser", "ParseLambda", DynamicLinq, "expression"),
            Sink(SinkKind.Code, "System.Reflection.Assembly", "LoadFrom", AssemblyPath, "assemblyFile"),
            Sink(SinkKind.Code, "System.Reflection.Assembly", "LoadFile", AssemblyPath, "path"),
            Sink(SinkKind.Code, "System.Reflection.Assembly", "UnsafeLoadFrom", AssemblyPath, "assemblyFile"),
            Sink(SinkKind.Code, "System.Runtime.Loader.AssemblyLoadContext", "LoadFromAssemblyPath", AssemblyPath, "assemblyPath"),
            Sink(SinkKind.Code, "System.AppDomain", "ExecuteAssembly", AssemblyPath, "assemblyFile"),
            Sink(SinkKind.Code, "System.AppDomain", "CreateInstanceFrom", AssemblyPath, "assemblyFile"),
            Sink(SinkKind.Code, "System.AppDomain", "CreateInstanceFromAndUnwrap", AssemblyPath, "assemblyFile"),
            Sink(SinkKind.Code, "System.Activator", "CreateInstanceFrom", AssemblyPath, "assemblyFile"),
            Sink(SinkKind.Code, "System.Runtime.InteropServices.NativeLibrary", "Load", "a native library path", "libraryPath"),
            Sink(SinkKind.Code, "System.Runtime.InteropServices.NativeLibrary", "TryLoad", "a native library path", "libraryPath")),
        ImmutableArray.Create(
            Sanitizer(SinkKind.Code, "System.IO.Path", "GetFileName"),
            Sanitizer(SinkKind.Code, "System.IO.Path", "GetFileNameWithoutExtension")),
        disabledByDefault: SourceGroup.Process | SourceGroup.Environment);
}
