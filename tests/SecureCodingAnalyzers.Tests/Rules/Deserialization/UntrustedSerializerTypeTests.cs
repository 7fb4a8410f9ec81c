using System.Threading.Tasks;
using SecureCodingAnalyzers.Tests.Verifiers;
using Xunit;
using VerifyCS = SecureCodingAnalyzers.Tests.Verifiers.CSharpVerifier<
    SecureCodingAnalyzers.Rules.DataflowAnalyzer,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace SecureCodingAnalyzers.Tests.Rules.Deserialization;

/// <summary>
/// SCR3007, untrusted types for XmlSerializer and the data-contract serializers, and DataContractResolvers that
/// resolve any name. No code fix: see rules/SCR3007.md.
/// </summary>
/// <remarks>Markup {|#0:...|} is the finding, {|#1:...|} its source (see <see cref="Finding"/>).</remarks>
public class UntrustedSerializerTypeTests
{
    private const string Rule = "SCR3007";

    // ---- Detect ----

    [Fact]
    public async Task Detect_TypeNameFromARequestIntoXmlSerializer()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.IO;
            using System.Xml.Serialization;
            using Microsoft.AspNetCore.Mvc;
            public class MessagesController : ControllerBase
            {
                public IActionResult Parse(string {|#1:typeName|}, string xml)
                {
                    var type = Type.GetType(typeName, throwOnError: true)!;
                    var serializer = new XmlSerializer({|#0:type|});
                    return Ok(serializer.Deserialize(new StringReader(xml)));
                }
            }
            """,
            TestReferences.Web,
            Finding.WithMessageAt(Rule, 0, 1)
                .WithArguments("untrusted HTTP input 'typeName' (line 7)", "the type of an XmlSerializer (line 10)"));
    }

    [Fact]
    public async Task Detect_DataContractSerializersWithTypesFromTheNetwork()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.IO;
            using System.Net.Sockets;
            using System.Reflection;
            using System.Runtime.Serialization;
            using System.Runtime.Serialization.Json;
            public class Envelope { }
            class Listener
            {
                object? Receive(TcpClient client)
                {
                    var stream = {|#1:client.GetStream()|};
                    var reader = new StreamReader(stream);
                    var name = reader.ReadLine()!;
                    var type = typeof(Envelope).Assembly.GetType(name)!;
                    var contract = new DataContractSerializer({|#0:type|});
                    var json = new DataContractJsonSerializer(typeof(Envelope), {|#2:new[] { Type.GetType(name)! }|});
                    return contract.ReadObject(stream) ?? json.ReadObject(stream);
                }
            }
            """,
            TestReferences.Web,
            Finding.At(Rule, 0, 1),
            Finding.At(Rule, 2, 1));
    }

    // SCR4005 reports the type where reflection creates it; SCR3007 where a serializer does: never both for one use.
    [Fact]
    public async Task Detect_SerializerAndActivatorUsesOfOneType_EachByItsRule()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Xml.Serialization;
            using Microsoft.AspNetCore.Mvc;
            public class MessagesController : ControllerBase
            {
                public IActionResult Parse(string {|#1:typeName|})
                {
                    var type = Type.GetType(typeName)!;
                    var serializer = new XmlSerializer({|#0:type|});
                    var instance = Activator.CreateInstance({|#2:type|});
                    return Ok(serializer.Deserialize(Request.Body) ?? instance);
                }
            }
            """,
            TestReferences.CodeIntegrity,
            Finding.At(Rule, 0, 1),
            Finding.At("SCR4005", 2, 1));
    }

    [Fact]
    public async Task Detect_DataContractResolverResolvingAnyName()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Runtime.Serialization;
            using System.Xml;
            class AnyTypeResolver : DataContractResolver
            {
                public override Type? ResolveName(string typeName, string? typeNamespace, Type? declaredType, DataContractResolver knownTypeResolver)
                {
                    var fullName = typeNamespace + "." + typeName;
                    return {|#0:Type.GetType(fullName)|};
                }

                public override bool TryResolveType(Type type, Type? declaredType, DataContractResolver knownTypeResolver, out XmlDictionaryString? typeName, out XmlDictionaryString? typeNamespace)
                {
                    var dictionary = new XmlDictionary();
                    typeName = dictionary.Add(type.FullName!);
                    typeNamespace = dictionary.Add(type.Assembly.FullName!);
                    return true;
                }
            }
            """,
            TestReferences.Web,
            VerifyCS.Diagnostic(Rule).WithLocation(0)
                .WithArguments("the type name read from the document ('typeName' of AnyTypeResolver.ResolveName)", "Type.GetType in a DataContractResolver"));
    }

    // ---- Safe ----

    [Fact]
    public async Task Safe_FixedTypesRuntimeTypeOfAValueAndAllowLists()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Runtime.Serialization;
            using System.Xml.Serialization;
            using Microsoft.AspNetCore.Mvc;
            public class Order { public string? Id { get; set; } }
            public class Invoice { public string? Id { get; set; } }
            public class MessagesController : ControllerBase
            {
                private static readonly Dictionary<string, Type> Known = new() { ["order"] = typeof(Order), ["invoice"] = typeof(Invoice) };

                public IActionResult Parse(string kind, string xml)
                {
                    if (!Known.TryGetValue(kind, out var type))
                    {
                        return BadRequest();
                    }

                    return Ok(new XmlSerializer(type).Deserialize(new StringReader(xml)));
                }

                public IActionResult Echo([FromBody] Order order)
                {
                    var writer = new StringWriter();
                    new XmlSerializer(order.GetType()).Serialize(writer, order);
                    new DataContractSerializer(typeof(Order), new[] { typeof(Invoice) }).WriteObject(Stream.Null, order);
                    return Content(writer.ToString());
                }

                public IActionResult Generic<T>(string xml) => Ok(new XmlSerializer(typeof(T)).Deserialize(new StringReader(xml)));
            }
            """,
            TestReferences.Web);
    }

    [Fact]
    public async Task Safe_TypeNamesFromConfigurationFilesAndConstants()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.IO;
            using System.Xml.Serialization;
            class Startup
            {
                XmlSerializer[] Build(string manifestPath)
                {
                    var fromManifest = Type.GetType(File.ReadAllText(manifestPath).Trim())!;
                    var fromEnvironment = Type.GetType(Environment.GetEnvironmentVariable("MESSAGE_TYPE")!)!;
                    var builtIn = Type.GetType("Contoso.Messages.Order, Contoso.Messages")!;
                    return new[] { new XmlSerializer(fromManifest), new XmlSerializer(fromEnvironment), new XmlSerializer(builtIn) };
                }
            }
            """,
            TestReferences.Web);
    }

    [Fact]
    public async Task Safe_ResolversThatAllowListOrDelegate()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Collections.Generic;
            using System.Runtime.Serialization;
            using System.Xml;
            public class Order { }
            abstract class ResolverBase : DataContractResolver
            {
                public override bool TryResolveType(Type type, Type? declaredType, DataContractResolver knownTypeResolver, out XmlDictionaryString? typeName, out XmlDictionaryString? typeNamespace)
                    => knownTypeResolver.TryResolveType(type, declaredType, null!, out typeName, out typeNamespace);
            }
            class Delegating : ResolverBase
            {
                public override Type? ResolveName(string typeName, string? typeNamespace, Type? declaredType, DataContractResolver knownTypeResolver)
                    => knownTypeResolver.ResolveName(typeName, typeNamespace, declaredType, null!);
            }
            class Mapping : ResolverBase
            {
                public override Type? ResolveName(string typeName, string? typeNamespace, Type? declaredType, DataContractResolver knownTypeResolver)
                    => typeName == "Order" ? typeof(Order) : knownTypeResolver.ResolveName(typeName, typeNamespace, declaredType, null!);
            }
            class AllowList : ResolverBase
            {
                private static readonly HashSet<string> Allowed = new() { "Contoso.Order", "Contoso.Invoice" };
                public override Type? ResolveName(string typeName, string? typeNamespace, Type? declaredType, DataContractResolver knownTypeResolver)
                {
                    var name = typeNamespace + "." + typeName;
                    return Allowed.Contains(name) ? Type.GetType(name + ", Contoso.Messages") : null;
                }
            }
            """,
            TestReferences.Web);
    }
}
