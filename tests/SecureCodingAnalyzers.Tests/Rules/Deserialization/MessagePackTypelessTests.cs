using System.Threading.Tasks;
using Xunit;
using VerifyCS = SecureCodingAnalyzers.Tests.Verifiers.CSharpVerifier<
    SecureCodingAnalyzers.Rules.Deserialization.MessagePackTypelessAnalyzer,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace SecureCodingAnalyzers.Tests.Rules.Deserialization;

/// <summary>SCR3005, MessagePack typeless deserialization. No code fix: see rules/SCR3005.md.</summary>
public class MessagePackTypelessTests
{
    // ---- Detect ----

    [Fact]
    public async Task Detect_TypelessDeserialize()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using MessagePack;
            class Bus
            {
                object? Receive(byte[] payload) => {|#0:MessagePackSerializer.Typeless.Deserialize(payload)|};
            }
            """,
            DeserializationReferences.Serializers,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments("'Bus.Receive'", "MessagePackSerializer.Typeless.Deserialize"));
    }

    [Fact]
    public async Task Detect_TypelessResolversInOptionsCompositesAndAttributes()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using MessagePack;
            using MessagePack.Formatters;
            using MessagePack.Resolvers;
            public class Envelope
            {
                [Key(0)]
                [[|MessagePackFormatter(typeof(TypelessFormatter))|]]
                public object? Body { get; set; }
            }
            class Bus
            {
                private static readonly MessagePackSerializerOptions Options =
                    MessagePackSerializerOptions.Standard.WithResolver([|TypelessContractlessStandardResolver.Instance|]).WithSecurity(MessagePackSecurity.UntrustedData);

                private static readonly IFormatterResolver Composite = CompositeResolver.Create([|TypelessObjectResolver.Instance|], StandardResolver.Instance);

                object A(byte[] payload) => MessagePackSerializer.Deserialize<object>(payload, [|TypelessContractlessStandardResolver.Options|]);
            }
            """,
            DeserializationReferences.Serializers);
    }

    // ---- Safe ----

    [Fact]
    public async Task Safe_ContractResolversTypedDeserializeAndSerializationOnly()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using MessagePack;
            using MessagePack.Resolvers;
            [MessagePackObject]
            public class Reading { [Key(0)] public double Value { get; set; } }
            class Bus
            {
                private static readonly MessagePackSerializerOptions Untrusted =
                    MessagePackSerializerOptions.Standard.WithResolver(ContractlessStandardResolver.Instance).WithSecurity(MessagePackSecurity.UntrustedData);

                Reading A(byte[] payload) => MessagePackSerializer.Deserialize<Reading>(payload, Untrusted);
                Reading B(byte[] payload) => MessagePackSerializer.Deserialize<Reading>(payload, MessagePackSerializerOptions.Standard.WithResolver(StandardResolver.Instance));
                byte[] C(object value) => MessagePackSerializer.Typeless.Serialize(value);
                byte[] D(object value) => MessagePackSerializer.Serialize(value, TypelessContractlessStandardResolver.Options);
                byte[] E(object value) => MessagePackSerializer.Serialize(value, MessagePackSerializerOptions.Standard.WithResolver(TypelessContractlessStandardResolver.Instance));
            }
            """,
            DeserializationReferences.Serializers);
    }
}
