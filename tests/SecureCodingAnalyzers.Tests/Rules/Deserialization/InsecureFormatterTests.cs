using System.Threading.Tasks;
using SecureCodingAnalyzers.Tests.Verifiers;
using Xunit;
using VerifyCS = SecureCodingAnalyzers.Tests.Verifiers.CSharpVerifier<
    SecureCodingAnalyzers.Rules.Deserialization.InsecureFormatterAnalyzer,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace SecureCodingAnalyzers.Tests.Rules.Deserialization;

/// <summary>SCR3001, formatters that cannot be made safe. No code fix: see rules/SCR3001.md.</summary>
public class InsecureFormatterTests
{
    // ---- Detect ----

    [Fact]
    public async Task Detect_BinaryFormatterCreatedAndUsedLocally_OnceAtTheCreation()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Runtime.Serialization.Formatters.Binary;
            class SessionStore
            {
                object Load(Stream stream)
                {
                    var formatter = [|new BinaryFormatter()|];
                    return formatter.Deserialize(stream);
                }

                void Save(Stream stream, object state) => [|new BinaryFormatter()|].Serialize(stream, state);
            }
            """);
    }

    [Fact]
    public async Task Detect_MessageNamesMemberAndFormatter()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.IO;
            using System.Runtime.Serialization.Formatters.Binary;
            class SessionStore
            {
                object Load(Stream stream) => {|#0:new BinaryFormatter()|}.Deserialize(stream);
            }
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments("'SessionStore.Load'", "BinaryFormatter"));
    }

    [Fact]
    public async Task Detect_FormatterFromOutside_AtEachCall()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Runtime.Serialization.Formatters.Binary;
            class Cache
            {
                private readonly BinaryFormatter _injected;
                private readonly BinaryFormatter _own = [|new BinaryFormatter()|];
                public Cache(BinaryFormatter formatter) => _injected = formatter;
                BinaryFormatter Formatter { get; } = [|new()|];

                object A(Stream s) => [|_injected.Deserialize(s)|];
                object B(Stream s) => _own.Deserialize(s);
                object C(Stream s, BinaryFormatter f) => [|f.Deserialize(s)|];
                object D(Stream s) => [|Formatter.Deserialize(s)|];
                object E(Stream s)
                {
                    var f = Formatter;
                    return [|f.Deserialize(s)|];
                }
            }
            """);
    }

    [Fact]
    public async Task Detect_EveryLegacyFormatterOnNetFramework()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.IO;
            using System.Runtime.Serialization;
            using System.Runtime.Serialization.Formatters.Binary;
            using System.Runtime.Serialization.Formatters.Soap;
            using System.Web.UI;
            class Legacy
            {
                object A(Stream s) => [|new BinaryFormatter()|].Deserialize(s);
                object B(Stream s) => [|new SoapFormatter()|].Deserialize(s);
                object C(Stream s) => [|new NetDataContractSerializer()|].ReadObject(s);
                object D(string viewState) => [|new LosFormatter()|].Deserialize(viewState);
                object E(string viewState) => [|new ObjectStateFormatter()|].Deserialize(viewState);
                object F(Stream s, NetDataContractSerializer serializer) => [|serializer.ReadObject(s)|];
            }
            """,
            TestReferences.NetFramework48);
    }

    [Fact]
    public async Task Detect_InFieldInitializerAndConstructor()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Runtime.Serialization.Formatters.Binary;
            class Holder
            {
                private readonly BinaryFormatter _formatter;
                public Holder() { _formatter = {|#0:new BinaryFormatter()|}; }
            }
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments("'Holder' constructor", "BinaryFormatter"));
    }

    // ---- Safe ----

    [Fact]
    public async Task Safe_ContractSerializersAndSystemTextJson()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Runtime.Serialization;
            using System.Text.Json;
            using System.Xml.Serialization;
            public record Settings(string Name, int Port);
            class Store
            {
                Settings? A(Stream s) => JsonSerializer.Deserialize<Settings>(s);
                object? B(Stream s) => new DataContractSerializer(typeof(Settings)).ReadObject(s);
                object? C(Stream s) => new XmlSerializer(typeof(Settings)).Deserialize(s);
            }
            """);
    }

    [Fact]
    public async Task Safe_NamesAndTypesAreNotUses()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Runtime.Serialization.Formatters.Binary;
            class Diagnostics
            {
                Type T() => typeof(BinaryFormatter);
                string N() => nameof(BinaryFormatter);
                bool IsLegacy(object o) => o is BinaryFormatter;
                string S(BinaryFormatter f) => f.ToString()!;
            }
            """);
    }

    [Fact]
    public async Task Safe_BrokenCode()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Runtime.Serialization.Formatters.Binary;
            class Broken
            {
                object Load(Stream s) => {|CS0103:missing|}.Deserialize(s);
                object Other(Stream s) => new {|CS0246:BinaryFormater|}().Deserialize(s);
            }
            """);
    }
}
