using System.Collections.Immutable;
using SecureCodingAnalyzers.Dataflow;
using static SecureCodingAnalyzers.Dataflow.ApiSpec;

namespace SecureCodingAnalyzers.Rules.Injection;

/// <summary>
/// SCR2010: untrusted data compiled or evaluated as code: C# scripting, CodeDOM compilers and Dynamic LINQ string
/// expressions. Dynamic LINQ with the values passed as parameters (<c>Where("Name == @0", name)</c>) is safe: only the
/// expression text is a sink. Assemblies and native libraries loaded from a path or bytes that came from input are
/// the code-integrity rules' (SCR4002, SCR4003).
/// </summary>
internal static class CodeInjection
{
    private const string Script = "C# script code";
    private const string Source = "compiled source code";
    private const string DynamicLinq = "a Dynamic LINQ expression";

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
            Sink(SinkKind.Code, "System.Linq.Dynamic.Core.DynamicExpressionParser", "ParseLambda", DynamicLinq, "expression")),
        ImmutableArray.Create(
            Sanitizer(SinkKind.Code, "System.IO.Path", "GetFileName"),
            Sanitizer(SinkKind.Code, "System.IO.Path", "GetFileNameWithoutExtension")),
        disabledByDefault: SourceGroup.Process | SourceGroup.Environment);
}
