using System.Collections.Immutable;
using SecureCodingAnalyzers.Dataflow;
using static SecureCodingAnalyzers.Dataflow.ApiSpec;

namespace SecureCodingAnalyzers.Rules.CodeIntegrity;

/// <summary>
/// SCR4005: a type or member name from untrusted input (HTTP requests, the network, serial ports, pipes) that chooses
/// what reflection creates or invokes: <c>Type.GetType(name)</c> into <c>Activator.CreateInstance</c>, assembly and
/// type names given to <c>Activator</c>/<c>AppDomain</c>/<c>Assembly.CreateInstance</c>, <c>Type.InvokeMember</c>,
/// and <c>MethodBase.Invoke</c> on a method looked up by such a name. A dictionary of allowed types, an allow-list
/// check, or <c>typeof(IPlugin).IsAssignableFrom(type)</c> (only the application's own implementations) clean it.
/// File contents, command-line arguments and environment variables do not count by default: plugin manifests and
/// configuration name types on purpose.
/// </summary>
internal static class UntrustedTypeInstantiation
{
    private const string Activator = "System.Activator";
    private const string AppDomain = "System.AppDomain";

    public static TaintRule Rule { get; } = new(
        Catalog.Rules.UntrustedTypeInstantiation,
        SinkKind.TypeName,
        ImmutableArray.Create(
            Sink(SinkKind.TypeName, Activator, "CreateInstance", "the type created by Activator.CreateInstance", "type", "assemblyName", "typeName", "assemblyFile"),
            Sink(SinkKind.TypeName, AppDomain, "CreateInstance", "the type created by AppDomain.CreateInstance", "assemblyName", "typeName"),
            Sink(SinkKind.TypeName, AppDomain, "CreateInstanceAndUnwrap", "the type created by AppDomain.CreateInstanceAndUnwrap", "assemblyName", "typeName"),
            Sink(SinkKind.TypeName, AppDomain, "CreateInstanceFromAndUnwrap", "the type created by AppDomain.CreateInstanceFromAndUnwrap", "typeName"),
            Sink(SinkKind.TypeName, "System.Reflection.Assembly", "CreateInstance", "the type created by Assembly.CreateInstance", "typeName"),
            Sink(SinkKind.TypeName, "System.Type", "InvokeMember", "the member invoked by Type.InvokeMember", "name"),
            Sink(SinkKind.TypeName, "System.Reflection.MethodBase", "Invoke", "the method invoked through reflection", This),
            Sink(SinkKind.TypeName, "System.Reflection.ConstructorInfo", "Invoke", "the constructor invoked through reflection", This)),
        ImmutableArray<ApiSpec>.Empty,
        disabledByDefault: SourceGroup.Process | SourceGroup.Environment | SourceGroup.Files);
}
