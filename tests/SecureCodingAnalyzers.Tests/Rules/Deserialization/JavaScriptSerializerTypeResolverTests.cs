using System.Threading.Tasks;
using SecureCodingAnalyzers.Tests.Verifiers;
using Xunit;
using VerifyCS = SecureCodingAnalyzers.Tests.Verifiers.CSharpVerifier<
    SecureCodingAnalyzers.Rules.Deserialization.JavaScriptSerializerTypeResolverAnalyzer,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace SecureCodingAnalyzers.Tests.Rules.Deserialization;

/// <summary>SCR3003, JavaScriptSerializer with a type resolver (.NET Framework). No code fix: see rules/SCR3003.md.</summary>
public class JavaScriptSerializerTypeResolverTests
{
    // ---- Detect ----

    [Fact]
    public async Task Detect_SimpleTypeResolver()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Web.Script.Serialization;
            class Api
            {
                object Read(string json)
                {
                    var serializer = new JavaScriptSerializer({|#0:new SimpleTypeResolver()|});
                    return serializer.DeserializeObject(json);
                }
            }
            """,
            TestReferences.NetFramework48,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments("'Api.Read'", "SimpleTypeResolver"));
    }

    [Fact]
    public async Task Detect_CustomResolverFromAFieldOrParameter()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Web.Script.Serialization;
            class NameResolver : JavaScriptTypeResolver
            {
                public override Type ResolveType(string id) => Type.GetType(id);
                public override string ResolveTypeId(Type type) => type.AssemblyQualifiedName;
            }
            class Api
            {
                private static readonly JavaScriptTypeResolver Resolver = new NameResolver();
                private readonly JavaScriptSerializer _serializer = new JavaScriptSerializer([|Resolver|]);
                JavaScriptSerializer Create(JavaScriptTypeResolver resolver) => new JavaScriptSerializer([|resolver|]);
            }
            """,
            TestReferences.NetFramework48);
    }

    // ---- Safe ----

    [Fact]
    public async Task Safe_NoResolverOrNull()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Collections.Generic;
            using System.Web.Script.Serialization;
            public class Order { public string Id { get; set; } }
            class Api
            {
                Order A(string json) => new JavaScriptSerializer().Deserialize<Order>(json);
                object B(string json) => new JavaScriptSerializer(null).DeserializeObject(json);
                object C(string json) => new JavaScriptSerializer { MaxJsonLength = 1024 }.Deserialize<Dictionary<string, object>>(json);
                object D(string json) => new JavaScriptSerializer(default(JavaScriptTypeResolver)).DeserializeObject(json);
            }
            """,
            TestReferences.NetFramework48);
    }

    [Fact]
    public async Task Safe_AbsentOnModernDotNet()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Text.Json;
            public class Order { public string? Id { get; set; } }
            class Api
            {
                Order? A(string json) => JsonSerializer.Deserialize<Order>(json);
            }
            """);
    }
}
