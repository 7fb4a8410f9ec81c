using System.Threading.Tasks;
using Xunit;
using VerifyCS = SecureCodingAnalyzers.Tests.Verifiers.CSharpVerifier<
    SecureCodingAnalyzers.Rules.Deserialization.YamlTypeTagAnalyzer,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace SecureCodingAnalyzers.Tests.Rules.Deserialization;

/// <summary>SCR3006, YamlDotNet tags that choose arbitrary types. No code fix: see rules/SCR3006.md.</summary>
public class YamlTypeTagTests
{
    // ---- Detect ----

    [Fact]
    public async Task Detect_NodeTypeResolverResolvingTagsByName()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using YamlDotNet.Core.Events;
            using YamlDotNet.Serialization;
            class ClrTagResolver : INodeTypeResolver
            {
                public bool Resolve(NodeEvent? nodeEvent, ref Type currentType)
                {
                    if (nodeEvent is null || nodeEvent.Tag.IsEmpty || !nodeEvent.Tag.Value.StartsWith("!clr:"))
                    {
                        return false;
                    }

                    var name = nodeEvent.Tag.Value.Substring(5);
                    var type = {|#0:Type.GetType(name)|};
                    if (type == null) return false;
                    currentType = type;
                    return true;
                }
            }
            """,
            DeserializationReferences.Serializers,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments("'ClrTagResolver'", "the type named by the tag (Type.GetType in ClrTagResolver.Resolve)"));
    }

    [Fact]
    public async Task Detect_TagMappingsToTypesLookedUpByName()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Reflection;
            using YamlDotNet.Serialization;
            class Loader
            {
                IDeserializer Build(string[] typeNames, Assembly plugins)
                {
                    var builder = new DeserializerBuilder();
                    foreach (var name in typeNames)
                    {
                        builder.WithTagMapping("!" + name, [|Type.GetType(name, true)|]!);
                    }

                    foreach (var type in plugins.GetTypes())
                    {
                        builder = builder.WithTagMapping("!" + type.Name, [|type|]);
                    }

                    return builder.Build();
                }
            }
            """,
            DeserializationReferences.Serializers);
    }

    // ---- Safe ----

    [Fact]
    public async Task Safe_DefaultBuilderConcreteTypesAndOwnTagMappings()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Collections.Generic;
            using YamlDotNet.Core.Events;
            using YamlDotNet.Serialization;
            using YamlDotNet.Serialization.NamingConventions;
            public class PipelineConfig { public List<Step> Steps { get; set; } = new(); }
            public abstract class Step { }
            public class BuildStep : Step { }
            public class TestStep : Step { }
            class Loader
            {
                PipelineConfig Load(string yaml)
                {
                    var deserializer = new DeserializerBuilder()
                        .WithNamingConvention(CamelCaseNamingConvention.Instance)
                        .WithTagMapping("!build", typeof(BuildStep))
                        .WithTagMapping("!test", typeof(TestStep))
                        .IgnoreUnmatchedProperties()
                        .Build();
                    return deserializer.Deserialize<PipelineConfig>(yaml);
                }

                object Untyped(string yaml) => new DeserializerBuilder().Build().Deserialize<Dictionary<string, object>>(yaml);
            }
            class KnownTagResolver : INodeTypeResolver
            {
                private static readonly Dictionary<string, Type> Known = new() { ["!build"] = typeof(BuildStep) };
                public bool Resolve(NodeEvent? nodeEvent, ref Type currentType)
                {
                    if (nodeEvent is not null && Known.TryGetValue(nodeEvent.Tag.Value, out var type))
                    {
                        currentType = type;
                        return true;
                    }

                    return false;
                }
            }
            class ScalarResolver : INodeTypeResolver
            {
                public bool Resolve(NodeEvent? nodeEvent, ref Type currentType)
                {
                    if (nodeEvent is Scalar && currentType == typeof(object))
                    {
                        currentType = typeof(string);
                        return true;
                    }

                    return false;
                }
            }
            """,
            DeserializationReferences.Serializers);
    }
}
