using Microsoft.CodeAnalysis;

namespace SecureCodingAnalyzers.Catalog;

/// <summary>
/// SCR3xxx: deserialization and XML. A deserializer that lets the data choose which types to create runs the
/// attacker's gadget chain; an XML parser that processes DTDs with a resolving resolver reads local files and reaches
/// internal hosts. Only explicit opt-ins are reported where the framework's default is safe.
/// </summary>
public static partial class Rules
{
    /// <summary>SCR3001: BinaryFormatter and the other formatters that cannot be made safe.</summary>
    public static readonly DiagnosticDescriptor InsecureFormatter = DescriptorFactory.Create(
        "SCR3001",
        "Do not use BinaryFormatter, SoapFormatter, NetDataContractSerializer, LosFormatter or ObjectStateFormatter",
        "{0} uses {1}, which lets the serialized data choose the types it creates; use System.Text.Json or DataContractSerializer with known types",
        RuleCategory.Deserialization,
        RuleLevel.Error,
        [502],
        [Iec62443.SI2, Iec62443.SD4],
        "These formatters write type names into the payload and create whatever type the payload names when reading it. A crafted payload runs code through gadget chains in the framework itself, and no binder or setting makes them safe. Microsoft removed BinaryFormatter from .NET 9. Serialize data contracts with System.Text.Json, XmlSerializer or DataContractSerializer and a fixed set of types.");

    /// <summary>SCR3002: Newtonsoft.Json TypeNameHandling without a restrictive binder.</summary>
    public static readonly DiagnosticDescriptor NewtonsoftTypeNameHandling = DescriptorFactory.Create(
        "SCR3002",
        "Do not let Json.NET read type names without a restrictive binder",
        "{0} lets the JSON choose the types it creates ({1}); use TypeNameHandling.None or a SerializationBinder that allow-lists your types",
        RuleCategory.Deserialization,
        RuleLevel.Warning,
        [502],
        [Iec62443.SI2, Iec62443.SD4],
        "With TypeNameHandling other than None, Json.NET creates the type named in the $type property of the JSON. Any type with a dangerous constructor or setter in a loaded assembly becomes a gadget. Keep TypeNameHandling.None, or pair it with an ISerializationBinder that maps only an allow-list of your own types; a binder that hands any name to Type.GetType or to the default binder is no restriction.");

    /// <summary>SCR3003: JavaScriptSerializer with a type resolver.</summary>
    public static readonly DiagnosticDescriptor JavaScriptSerializerTypeResolver = DescriptorFactory.Create(
        "SCR3003",
        "Do not use JavaScriptSerializer with a type resolver",
        "{0} creates a JavaScriptSerializer with {1}, which creates the types named in the JSON; use a serializer without a type resolver",
        RuleCategory.Deserialization,
        RuleLevel.Warning,
        [502],
        [Iec62443.SI2, Iec62443.SD4],
        "A JavaScriptSerializer with a JavaScriptTypeResolver (such as SimpleTypeResolver) instantiates the type named by the __type field of the input, which lets crafted JSON run gadget chains. Construct it without a resolver, or use System.Text.Json with concrete types.");

    /// <summary>SCR3004: DataSet / DataTable ReadXml of untrusted data.</summary>
    public static readonly DiagnosticDescriptor UntrustedDataSetXml = DescriptorFactory.Create(
        "SCR3004",
        "Do not load untrusted XML into a DataSet or DataTable",
        "{0} flows into {1}; a DataSet reads column types from the XML, so load untrusted data into concrete types instead",
        RuleCategory.Deserialization,
        RuleLevel.Warning,
        [502],
        [Iec62443.SI2, Iec62443.SD4],
        "DataSet.ReadXml and DataTable.ReadXml take the column types from the inline schema of the document. Untrusted XML can name types that the runtime's audit list does not stop on every framework, and can exhaust memory. Read untrusted data into concrete classes with XmlSerializer or System.Text.Json.");

    /// <summary>SCR3005: MessagePack typeless resolvers.</summary>
    public static readonly DiagnosticDescriptor MessagePackTypeless = DescriptorFactory.Create(
        "SCR3005",
        "Do not deserialize with MessagePack's typeless resolvers",
        "{0} uses {1}, which creates the types named in the payload; use a contract resolver and MessagePackSecurity.UntrustedData",
        RuleCategory.Deserialization,
        RuleLevel.Warning,
        [502],
        [Iec62443.SI2, Iec62443.SD4],
        "MessagePack's typeless serializer and resolvers store the .NET type name in the payload and create that type when reading, so crafted data instantiates gadget types. Use the standard or contract resolvers with fixed types and MessagePackSecurity.UntrustedData for data that crosses a trust boundary.");

    /// <summary>SCR3006: YamlDotNet tags mapped to arbitrary types.</summary>
    public static readonly DiagnosticDescriptor YamlTypeTags = DescriptorFactory.Create(
        "SCR3006",
        "Do not let YAML tags choose arbitrary .NET types",
        "{0} lets YAML tags select {1}; map tags only to a fixed set of your own types",
        RuleCategory.Deserialization,
        RuleLevel.Warning,
        [502],
        [Iec62443.SI2, Iec62443.SD4],
        "A YAML deserializer that resolves tags to types by name, or maps tags to open base types such as object, lets the document choose which type to create, as a $type property does in JSON. Map each tag to one concrete type of your own and deserialize into concrete types.");

    /// <summary>SCR3007: untrusted types for XmlSerializer / DataContractSerializer.</summary>
    public static readonly DiagnosticDescriptor UntrustedSerializerType = DescriptorFactory.Create(
        "SCR3007",
        "Do not let untrusted data choose the type an XML or data-contract serializer creates",
        "{0} flows into {1}; choose the serialized type from a fixed set in code",
        RuleCategory.Deserialization,
        RuleLevel.Warning,
        [502],
        [Iec62443.SI2, Iec62443.SD4],
        "XmlSerializer and DataContractSerializer are safe only as long as the code fixes the types they create. A type built from a name in the request or the document (Type.GetType of input, a DataContractResolver that resolves any name) turns them into the same gadget launcher as BinaryFormatter. Map the input to a fixed set of known types.");

    /// <summary>SCR3010: DTD processing with a resolving XmlResolver (XXE).</summary>
    public static readonly DiagnosticDescriptor XmlExternalEntities = DescriptorFactory.Create(
        "SCR3010",
        "Do not resolve external entities when parsing XML",
        "{0} {1}; set DtdProcessing.Prohibit (or Ignore) and XmlResolver = null",
        RuleCategory.Deserialization,
        RuleLevel.Warning,
        [611, 827],
        [Iec62443.SI2, Iec62443.SD4],
        "An XML parser that processes DTDs and resolves external entities reads local files (file:///etc/passwd) into the document and sends requests to internal hosts (XXE). Modern .NET is safe by default; the risk comes from explicit opt-ins (DtdProcessing.Parse with an XmlUrlResolver, an XmlResolver set on XmlDocument) and from .NET Framework defaults.");

    /// <summary>SCR3011: unlimited entity expansion.</summary>
    public static readonly DiagnosticDescriptor XmlEntityExpansion = DescriptorFactory.Create(
        "SCR3011",
        "Do not parse DTDs without a limit on entity expansion",
        "{0} parses DTDs with {1}; keep MaxCharactersFromEntities limited or prohibit DTDs",
        RuleCategory.Deserialization,
        RuleLevel.Warning,
        [776],
        [Iec62443.SI2, Iec62443.SD4],
        "Nested entity definitions in a DTD expand a few hundred bytes into gigabytes (the billion laughs attack) and exhaust memory and CPU. When DTDs must be parsed, keep MaxCharactersFromEntities at a finite limit; better, prohibit DTDs.");

    /// <summary>SCR3012: legacy XML readers that process DTDs by default on .NET Framework.</summary>
    public static readonly DiagnosticDescriptor LegacyXmlReader = DescriptorFactory.Create(
        "SCR3012",
        "Do not parse XML with readers that resolve DTDs by default",
        "{0} {1}; prohibit DTD processing or create the reader with XmlReader.Create and secure settings",
        RuleCategory.Deserialization,
        RuleLevel.Warning,
        [611, 827],
        [Iec62443.SI2, Iec62443.SD4],
        "On .NET Framework before 4.5.2, XmlTextReader, XmlDocument and XPathDocument process DTDs and resolve external entities unless told otherwise. Code that targets such a framework must prohibit DTDs or set the XmlResolver to null explicitly, or read through XmlReader.Create, whose settings prohibit DTDs.");

    /// <summary>SCR3013: XSLT with scripts or the document function and a resolver.</summary>
    public static readonly DiagnosticDescriptor UnsafeXslt = DescriptorFactory.Create(
        "SCR3013",
        "Do not run XSLT with scripts or the document() function enabled",
        "{0} loads a stylesheet with {1}; use XsltSettings.Default and no XmlResolver",
        RuleCategory.Deserialization,
        RuleLevel.Warning,
        [91, 611],
        [Iec62443.SI2, Iec62443.SD4],
        "XsltSettings.TrustedXslt or EnableScript lets a stylesheet run embedded C# code, and EnableDocumentFunction with a resolving XmlResolver lets it read files and URLs. A stylesheet that is not fully under your control then runs code or reads data on the server. Load stylesheets with XsltSettings.Default and XmlResolver null.");
}
