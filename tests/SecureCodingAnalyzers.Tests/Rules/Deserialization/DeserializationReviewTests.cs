using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using SecureCodingAnalyzers.Tests.Verifiers;
using Xunit;
using Engine = SecureCodingAnalyzers.Tests.Verifiers.CSharpVerifier<
    SecureCodingAnalyzers.Rules.DataflowAnalyzer,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;
using Formatters = SecureCodingAnalyzers.Tests.Verifiers.CSharpVerifier<
    SecureCodingAnalyzers.Rules.Deserialization.InsecureFormatterAnalyzer,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;
using JsonNet = SecureCodingAnalyzers.Tests.Verifiers.CSharpVerifier<
    SecureCodingAnalyzers.Rules.Deserialization.NewtonsoftTypeNameHandlingAnalyzer,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;
using Typeless = SecureCodingAnalyzers.Tests.Verifiers.CSharpVerifier<
    SecureCodingAnalyzers.Rules.Deserialization.MessagePackTypelessAnalyzer,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;
using YamlRules = SecureCodingAnalyzers.Tests.Verifiers.CSharpVerifier<
    SecureCodingAnalyzers.Rules.Deserialization.YamlTypeTagAnalyzer,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace SecureCodingAnalyzers.Tests.Rules.Deserialization;

/// <summary>
/// A precision review of SCR3001-SCR3007 on code as it is written in supplier code bases (ASP.NET Core services,
/// industrial gateways, desktop tools, legacy .NET Framework code). Each case encodes what a demanding security
/// reviewer expects, decided before running the rules; deliberate limits are Safe tests with a comment saying so
/// (and the rule page says so too).
/// </summary>
public class DeserializationReviewTests
{
    /// <summary>
    /// The shape of Microsoft.AspNetCore.Mvc.NewtonsoftJson (not referenced by the tests): the options class and the
    /// AddNewtonsoftJson extension, with the same names and namespaces.
    /// </summary>
    private const string NewtonsoftMvc = """

        namespace Microsoft.AspNetCore.Mvc
        {
            public class MvcNewtonsoftJsonOptions
            {
                public Newtonsoft.Json.JsonSerializerSettings SerializerSettings { get; } = new();
            }
        }

        namespace Microsoft.Extensions.DependencyInjection
        {
            public static class NewtonsoftJsonMvcBuilderExtensions
            {
                public static IMvcBuilder AddNewtonsoftJson(this IMvcBuilder builder, System.Action<Microsoft.AspNetCore.Mvc.MvcNewtonsoftJsonOptions> setupAction) => builder;
            }
        }
        """;

    /// <summary>An allow-list binder as the Json.NET documentation's KnownTypesBinder sample writes it.</summary>
    private const string KnownTypesBinder = """

        public sealed class KnownTypesBinder : Newtonsoft.Json.Serialization.ISerializationBinder
        {
            public System.Collections.Generic.IList<System.Type> KnownTypes { get; set; } = new System.Collections.Generic.List<System.Type>();

            public System.Type BindToType(string? assemblyName, string typeName)
                => System.Linq.Enumerable.SingleOrDefault(KnownTypes, t => t.Name == typeName)!;

            public void BindToName(System.Type serializedType, out string? assemblyName, out string? typeName)
            {
                assemblyName = null;
                typeName = serializedType.Name;
            }
        }
        """;

    // ==== SCR3002: Json.NET TypeNameHandling ====

    // ---- Detect ----

    // ASP.NET Core Program.cs: the MVC input formatter reads $type from every request body.
    [Fact]
    public async Task Detect_AddNewtonsoftJsonInProgram()
    {
        await JsonNet.VerifyAnalyzerAsync(
            """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;
            using Newtonsoft.Json;
            public static class Program
            {
                public static void Main(string[] args)
                {
                    var builder = WebApplication.CreateBuilder(args);
                    builder.Services.AddControllers().AddNewtonsoftJson(options =>
                    {
                        options.SerializerSettings.TypeNameHandling = [|TypeNameHandling.Auto|];
                        options.SerializerSettings.NullValueHandling = NullValueHandling.Ignore;
                    });
                    builder.Build().Run();
                }
            }
            """ + NewtonsoftMvc,
            DeserializationReferences.Serializers);
    }

    // The same configuration as an options class registered with services.ConfigureOptions<ConfigureJson>().
    [Fact]
    public async Task Detect_ConfigureOptionsClassForMvcNewtonsoftJsonOptions()
    {
        await JsonNet.VerifyAnalyzerAsync(
            """
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.Options;
            using Newtonsoft.Json;
            public sealed class ConfigureJson : IConfigureOptions<MvcNewtonsoftJsonOptions>
            {
                public void Configure(MvcNewtonsoftJsonOptions options)
                {
                    options.SerializerSettings.TypeNameHandling = [|TypeNameHandling.Objects|];
                }
            }
            public sealed class PostConfigureBusJson : IPostConfigureOptions<JsonSerializerSettings>
            {
                public void PostConfigure(string? name, JsonSerializerSettings options) => options.TypeNameHandling = [|TypeNameHandling.All|];
            }
            """ + NewtonsoftMvc,
            DeserializationReferences.Serializers);
    }

    // A helper class with its settings in a static readonly field, used to read messages.
    [Fact]
    public async Task Detect_StaticReadonlySettingsInAHelperClass()
    {
        await JsonNet.VerifyAnalyzerAsync(
            """
            using Newtonsoft.Json;
            public static class MessageSerializer
            {
                private static readonly JsonSerializerSettings Settings = new JsonSerializerSettings
                {
                    TypeNameHandling = [|TypeNameHandling.Auto|],
                    DateTimeZoneHandling = DateTimeZoneHandling.Utc,
                };

                public static string Write(object message) => JsonConvert.SerializeObject(message, Settings);

                public static T? Read<T>(string json) => JsonConvert.DeserializeObject<T>(json, Settings);
            }
            """,
            DeserializationReferences.Serializers);
    }

    // Settings built in a factory method and used in another.
    [Fact]
    public async Task Detect_SettingsBuiltInAnotherMethod()
    {
        await JsonNet.VerifyAnalyzerAsync(
            """
            using Newtonsoft.Json;
            public class Envelope { public object? Body { get; set; } }
            public class GatewayClient
            {
                private static JsonSerializerSettings CreateSettings()
                {
                    var settings = new JsonSerializerSettings { NullValueHandling = NullValueHandling.Ignore };
                    settings.TypeNameHandling = [|TypeNameHandling.All|];
                    return settings;
                }

                public Envelope? Receive(string json) => JsonConvert.DeserializeObject<Envelope>(json, CreateSettings());
            }
            """,
            DeserializationReferences.Serializers);
    }

    // A message-bus envelope: the payload is whatever the sender names.
    [Fact]
    public async Task Detect_MessageBusEnvelopeWithAutoOnThePayload()
    {
        await JsonNet.VerifyAnalyzerAsync(
            """
            using System;
            using System.Collections.Generic;
            using Newtonsoft.Json;
            public sealed class BusEnvelope
            {
                public Guid MessageId { get; set; }
                public string Topic { get; set; } = "";
                public Dictionary<string, string> Headers { get; set; } = new();

                [JsonProperty(TypeNameHandling = [|TypeNameHandling.Auto|])]
                public object? Payload { get; set; }
            }
            public sealed class BusConsumer
            {
                private readonly JsonSerializer _serializer = JsonSerializer.Create(new JsonSerializerSettings { TypeNameHandling = [|TypeNameHandling.Auto|] });

                public BusEnvelope? Read(System.IO.TextReader reader) => (BusEnvelope?)_serializer.Deserialize(reader, typeof(BusEnvelope));
            }
            """,
            DeserializationReferences.Serializers);
    }

    // A "binder" that only tolerates renamed assemblies: it resolves any name, like DefaultSerializationBinder.
    [Fact]
    public async Task Detect_BinderThatResolvesAnyName()
    {
        await JsonNet.VerifyAnalyzerAsync(
            """
            using System;
            using Newtonsoft.Json;
            using Newtonsoft.Json.Serialization;
            public sealed class VersionTolerantBinder : ISerializationBinder
            {
                public Type BindToType(string? assemblyName, string typeName)
                {
                    var simpleName = assemblyName?.Split(',')[0];
                    return [|Type.GetType($"{typeName}, {simpleName}", throwOnError: true)|]!;
                }

                public void BindToName(Type serializedType, out string? assemblyName, out string? typeName)
                {
                    assemblyName = serializedType.Assembly.GetName().Name;
                    typeName = serializedType.FullName;
                }
            }
            public class LegacyRenamesBinder : DefaultSerializationBinder
            {
                public override Type BindToType(string? assemblyName, string typeName)
                    => [|base.BindToType(assemblyName?.Replace("Contoso.Old", "Contoso.New"), typeName)|];
            }
            public class Store
            {
                public object? Load(string json) => JsonConvert.DeserializeObject(json, new JsonSerializerSettings
                {
                    TypeNameHandling = TypeNameHandling.All,
                    SerializationBinder = new VersionTolerantBinder(),
                });
            }
            """,
            DeserializationReferences.Serializers);
    }

    // ---- Safe ----

    // The allow-list binder in the startup callback: the common safe shape.
    [Fact]
    public async Task Safe_AddNewtonsoftJsonWithKnownTypesBinder()
    {
        await JsonNet.VerifyAnalyzerAsync(
            """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;
            using Newtonsoft.Json;
            public class OrderPlaced { }
            public class OrderShipped { }
            public static class Program
            {
                public static void Main(string[] args)
                {
                    var builder = WebApplication.CreateBuilder(args);
                    builder.Services.AddControllers().AddNewtonsoftJson(options =>
                    {
                        options.SerializerSettings.TypeNameHandling = TypeNameHandling.Auto;
                        options.SerializerSettings.SerializationBinder = new KnownTypesBinder { KnownTypes = { typeof(OrderPlaced), typeof(OrderShipped) } };
                    });
                    builder.Services.AddControllers().AddNewtonsoftJson(options => options.SerializerSettings.TypeNameHandling = TypeNameHandling.None);
                    builder.Build().Run();
                }
            }
            """ + NewtonsoftMvc + KnownTypesBinder,
            DeserializationReferences.Serializers);
    }

    // A HashSet allow-list in front of the default binder; a namespace allow-list of the application's own types.
    [Fact]
    public async Task Safe_HashSetAndNamespaceAllowListBinders()
    {
        await JsonNet.VerifyAnalyzerAsync(
            """
            using System;
            using System.Collections.Generic;
            using Newtonsoft.Json;
            using Newtonsoft.Json.Serialization;
            public sealed class AllowListBinder : ISerializationBinder
            {
                private static readonly HashSet<string> Allowed = new(StringComparer.Ordinal)
                {
                    "Contoso.Telemetry.Reading",
                    "Contoso.Telemetry.Alarm",
                };

                private readonly DefaultSerializationBinder _inner = new();

                public Type BindToType(string? assemblyName, string typeName)
                {
                    if (!Allowed.Contains(typeName))
                    {
                        throw new JsonSerializationException($"Type '{typeName}' is not allowed.");
                    }

                    return _inner.BindToType(assemblyName, typeName);
                }

                public void BindToName(Type serializedType, out string? assemblyName, out string? typeName)
                    => _inner.BindToName(serializedType, out assemblyName, out typeName);
            }
            public sealed class OwnNamespaceBinder : DefaultSerializationBinder
            {
                public override Type BindToType(string? assemblyName, string typeName)
                {
                    if (!typeName.StartsWith("Contoso.Telemetry.", StringComparison.Ordinal) || assemblyName != "Contoso.Telemetry")
                    {
                        throw new JsonSerializationException(typeName);
                    }

                    return base.BindToType(assemblyName, typeName);
                }
            }
            public static class TelemetryJson
            {
                private static readonly JsonSerializerSettings Settings = new()
                {
                    TypeNameHandling = TypeNameHandling.Objects,
                    SerializationBinder = new AllowListBinder(),
                };

                public static object? Read(string json) => JsonConvert.DeserializeObject(json, Settings);

                public static object? ReadLegacy(string json)
                {
                    var serializer = JsonSerializer.CreateDefault();
                    serializer.TypeNameHandling = TypeNameHandling.Auto;
                    serializer.SerializationBinder = new OwnNamespaceBinder();
                    return serializer.Deserialize(new JsonTextReader(new System.IO.StringReader(json)));
                }
            }
            """,
            DeserializationReferences.Serializers);
    }

    // A factory method that sets the binder after creating the settings; settings from IOptions<T> (configured elsewhere).
    [Fact]
    public async Task Safe_FactoryWithBinderAndSettingsFromOptions()
    {
        await JsonNet.VerifyAnalyzerAsync(
            """
            using Microsoft.Extensions.Options;
            using Newtonsoft.Json;
            public class Command { }
            public static class BusJson
            {
                public static JsonSerializerSettings Create()
                {
                    var settings = new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.Auto };
                    settings.SerializationBinder = new KnownTypesBinder { KnownTypes = { typeof(Command) } };
                    return settings;
                }
            }
            public sealed class CommandReader
            {
                private readonly JsonSerializerSettings _settings;

                public CommandReader(IOptions<JsonSerializerSettings> options) => _settings = options.Value;

                public Command? Read(string json) => JsonConvert.DeserializeObject<Command>(json, _settings);
            }
            """ + KnownTypesBinder,
            DeserializationReferences.Serializers);
    }

    // An audit log that writes $type for readers in another tool, and never reads: serialization only.
    [Fact]
    public async Task Safe_PrivateSettingsFieldUsedOnlyToSerialize()
    {
        await JsonNet.VerifyAnalyzerAsync(
            """
            using Newtonsoft.Json;
            public sealed class AuditTrail
            {
                private static readonly JsonSerializerSettings Settings = new() { TypeNameHandling = TypeNameHandling.Objects, Formatting = Formatting.Indented };

                public string Describe(object auditEvent) => JsonConvert.SerializeObject(auditEvent, Settings);

                public void Write(System.IO.TextWriter writer, object auditEvent) => JsonSerializer.Create(Settings).Serialize(writer, auditEvent);
            }
            """,
            DeserializationReferences.Serializers);
    }

    // Deliberate limit: a shared helper that configures settings it is given. The binder may be set by the caller,
    // so the helper is not reported (rules/SCR3002.md, "It does not report").
    [Fact]
    public async Task Safe_Limit_HelperConfiguringSettingsItIsGiven()
    {
        await JsonNet.VerifyAnalyzerAsync(
            """
            using Newtonsoft.Json;
            public static class JsonDefaults
            {
                public static void Apply(JsonSerializerSettings settings)
                {
                    settings.TypeNameHandling = TypeNameHandling.Auto;
                    settings.NullValueHandling = NullValueHandling.Ignore;
                }
            }
            """,
            DeserializationReferences.Serializers);
    }

    // ==== SCR3001: formatters that cannot be made safe ====

    // A deep-clone helper with the obsoletion warning silenced, and an [Obsolete] wrapper kept for old callers.
    [Fact]
    public async Task Detect_DeepCloneHelperAndObsoleteWrapper()
    {
        await Formatters.VerifyAnalyzerAsync(
            """
            using System;
            using System.IO;
            using System.Runtime.Serialization.Formatters.Binary;
            public static class ObjectExtensions
            {
            #pragma warning disable SYSLIB0011
                public static T DeepClone<T>(this T source)
                {
                    using var stream = new MemoryStream();
                    var formatter = [|new BinaryFormatter()|];
                    formatter.Serialize(stream, source!);
                    stream.Position = 0;
                    return (T)formatter.Deserialize(stream);
                }

                [Obsolete("Use RecipeStore.LoadJson")]
                public static object LoadRecipe(Stream stream) => [|new BinaryFormatter()|].Deserialize(stream);
            #pragma warning restore SYSLIB0011
            }
            """,
            TestReferences.Web);
    }

    // Legacy WCF: an operation behavior that swaps in NetDataContractSerializer (the classic "share types" recipe).
    [Fact]
    public async Task Detect_NetDataContractSerializerInLegacyWcfBehavior()
    {
        await Formatters.VerifyAnalyzerAsync(
            """
            using System.IO;
            using System.Runtime.Serialization;
            public static class SessionStore
            {
                public static XmlObjectSerializer CreateSerializer() => [|new NetDataContractSerializer()|];

                public static object Load(Stream stream, NetDataContractSerializer serializer) => [|serializer.ReadObject(stream)|];
            }
            """,
            TestReferences.NetFramework48);
    }

    // [Serializable] types, ISerializable and SerializationInfo are not formatter uses.
    [Fact]
    public async Task Safe_SerializableTypesAndISerializable()
    {
        await Formatters.VerifyAnalyzerAsync(
            """
            using System;
            using System.Runtime.Serialization;
            [Serializable]
            public class GatewayException : Exception, ISerializable
            {
                public GatewayException(string message) : base(message) { }
            }
            [Serializable]
            public sealed class Recipe
            {
                public string Name { get; set; } = "";
                public override string ToString() => "Recipe (was stored with BinaryFormatter before 3.0)";
            }
            """,
            TestReferences.Web);
    }

    // ==== SCR3004: DataSet.ReadXml ====

    // ---- Detect ----

    // An uploaded file copied into a buffer first; an industrial gateway reading a partner's TCP stream.
    [Fact]
    public async Task Detect_UploadCopiedToMemoryAndTcpStream()
    {
        await Engine.VerifyAnalyzerAsync(
            """
            using System.Data;
            using System.IO;
            using System.Net.Sockets;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;
            public class RecipesController : ControllerBase
            {
                [HttpPost("import")]
                public async Task<IActionResult> Import(IFormFile {|#1:upload|})
                {
                    using var buffer = new MemoryStream();
                    await upload.CopyToAsync(buffer);
                    buffer.Position = 0;
                    var recipes = new DataSet("Recipes");
                    recipes.ReadXml({|#0:buffer|});
                    return Ok(recipes.Tables.Count);
                }
            }
            public class PlcGateway
            {
                public DataSet Poll(TcpClient client)
                {
                    var stream = {|#3:client.GetStream()|};
                    var snapshot = new DataSet();
                    snapshot.ReadXml({|#2:stream|}, XmlReadMode.ReadSchema);
                    return snapshot;
                }
            }
            """,
            DeserializationReferences.Serializers,
            Finding.At("SCR3004", 0, 1),
            Finding.At("SCR3004", 2, 3));
    }

    // A desktop tool importing a file the user picked: files from a path that is not a constant are a source. The
    // ReadXml(fileName) overload takes the path itself, which is not file contents: a deliberate limit of the engine
    // (the path string is not a source), documented on rules/SCR3004.md.
    [Fact]
    public async Task Detect_DesktopImportOfAPickedFile_PathOverloadIsALimit()
    {
        await Engine.VerifyAnalyzerAsync(
            """
            using System.Data;
            using System.IO;
            public sealed class RecipeImport
            {
                public DataSet FromStream(string pickedPath)
                {
                    var data = new DataSet();
                    using var stream = {|#1:File.OpenRead(pickedPath)|};
                    data.ReadXml({|#0:stream|});
                    return data;
                }

                public DataSet FromPath(string pickedPath)
                {
                    var data = new DataSet();
                    data.ReadXml(pickedPath);
                    return data;
                }
            }
            """,
            DeserializationReferences.Serializers,
            Finding.At("SCR3004", 0, 1));
    }

    // ---- Safe ----

    // A resource shipped in the assembly, a path from configuration (the operator chooses it), a file in the content root.
    [Fact]
    public async Task Safe_ResourceConfiguredPathAndContentRoot()
    {
        await Engine.VerifyAnalyzerAsync(
            """
            using System.Data;
            using System.IO;
            using System.Reflection;
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.Options;
            public sealed class ImportOptions { public string SeedFile { get; set; } = ""; }
            public sealed class SeedData
            {
                private readonly IConfiguration _configuration;
                private readonly IOptions<ImportOptions> _options;
                private readonly IWebHostEnvironment _environment;

                public SeedData(IConfiguration configuration, IOptions<ImportOptions> options, IWebHostEnvironment environment)
                    => (_configuration, _options, _environment) = (configuration, options, environment);

                public DataSet Load()
                {
                    var data = new DataSet();
                    using (var schema = Assembly.GetExecutingAssembly().GetManifestResourceStream("Contoso.Seed.schema.xsd")!)
                    {
                        data.ReadXmlSchema(schema);
                    }

                    data.ReadXml(_configuration["Seed:Path"]!);
                    data.ReadXml(_options.Value.SeedFile);
                    data.ReadXml(Path.Combine(_environment.ContentRootPath, "App_Data", "units.xml"));
                    return data;
                }
            }
            """,
            DeserializationReferences.Serializers);
    }

    // ==== SCR3007: types for XmlSerializer / DataContractSerializer ====

    // A gateway protocol whose first line names the payload type (a NetworkStream received as a parameter is not a
    // source of the engine: only TcpClient.GetStream, sockets and the NetworkStream constructor are), and a REST endpoint with the type in a header.
    [Fact]
    public async Task Detect_TypeFromAMessageHeader()
    {
        await Engine.VerifyAnalyzerAsync(
            """
            using System;
            using System.IO;
            using System.Net.Sockets;
            using System.Xml.Serialization;
            using Microsoft.AspNetCore.Mvc;
            public class TelegramReader
            {
                public object? Read(TcpClient client)
                {
                    var reader = new StreamReader({|#1:client.GetStream()|});
                    var header = reader.ReadLine();
                    var type = Type.GetType(header!, throwOnError: true)!;
                    return new XmlSerializer({|#0:type|}).Deserialize(reader);
                }
            }
            public class ImportController : ControllerBase
            {
                [HttpPost]
                public IActionResult Post()
                {
                    var typeName = {|#3:Request.Headers|}["X-Message-Type"].ToString();
                    var serializer = new XmlSerializer({|#2:Type.GetType(typeName)|}!);
                    return Ok(serializer.Deserialize(Request.Body));
                }
            }
            """,
            DeserializationReferences.Serializers,
            Finding.At("SCR3007", 0, 1),
            Finding.At("SCR3007", 2, 3));
    }

    // Known types from configuration; a serializer cache keyed by the type; a header mapped by a switch.
    [Fact]
    public async Task Safe_KnownTypesFromConfigurationCacheAndSwitch()
    {
        await Engine.VerifyAnalyzerAsync(
            """
            using System;
            using System.Collections.Concurrent;
            using System.Linq;
            using System.Runtime.Serialization;
            using System.Xml.Serialization;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.Configuration;
            public class Envelope { }
            public class Order { }
            public class Invoice { }
            public sealed class ContractSerializers
            {
                private static readonly ConcurrentDictionary<Type, XmlSerializer> Cache = new();

                public static DataContractSerializer ForEnvelope(IConfiguration configuration)
                {
                    var knownTypes = configuration.GetSection("Serialization:KnownTypes").Get<string[]>()!
                        .Select(name => Type.GetType(name, throwOnError: true)!)
                        .ToArray();
                    return new DataContractSerializer(typeof(Envelope), knownTypes);
                }

                public static XmlSerializer For<T>() => Cache.GetOrAdd(typeof(T), type => new XmlSerializer(type));
            }
            public class MessagesController : ControllerBase
            {
                [HttpPost]
                public IActionResult Post()
                {
                    var type = Request.Headers["X-Message-Type"].ToString() switch
                    {
                        "order" => typeof(Order),
                        "invoice" => typeof(Invoice),
                        _ => null,
                    };
                    return type is null ? BadRequest() : Ok(new XmlSerializer(type).Deserialize(Request.Body));
                }
            }
            """,
            DeserializationReferences.Serializers);
    }

    // ==== SCR3005: MessagePack typeless ====

    // A distributed cache layer storing typeless payloads (Redis is shared with other services): one finding per read.
    [Fact]
    public async Task Detect_TypelessDistributedCacheLayer()
    {
        await Typeless.VerifyAnalyzerAsync(
            """
            using System.Threading.Tasks;
            using global::MessagePack;
            using global::MessagePack.Resolvers;
            using Microsoft.Extensions.Caching.Distributed;
            public sealed class CacheStore
            {
                private readonly IDistributedCache _cache;

                public CacheStore(IDistributedCache cache) => _cache = cache;

                public Task SetAsync(string key, object value)
                    => _cache.SetAsync(key, MessagePackSerializer.Typeless.Serialize(value));

                public async Task<object?> GetAsync(string key)
                {
                    var bytes = await _cache.GetAsync(key);
                    return bytes is null ? null : [|MessagePackSerializer.Typeless.Deserialize(bytes, TypelessContractlessStandardResolver.Options.WithCompression(MessagePackCompression.Lz4BlockArray))|];
                }
            }
            """,
            DeserializationReferences.Serializers);
    }

    // Contract types with untrusted-data security: the recommended cache shape.
    [Fact]
    public async Task Safe_ContractlessCacheOfConcreteTypes()
    {
        await Typeless.VerifyAnalyzerAsync(
            """
            using global::MessagePack;
            using global::MessagePack.Resolvers;
            public sealed class CacheEntry { public string Key { get; set; } = ""; public byte[] Data { get; set; } = []; }
            public static class CacheCodec
            {
                private static readonly MessagePackSerializerOptions Options = ContractlessStandardResolver.Options
                    .WithSecurity(MessagePackSecurity.UntrustedData)
                    .WithCompression(MessagePackCompression.Lz4BlockArray);

                public static byte[] Write(CacheEntry entry) => MessagePackSerializer.Serialize(entry, Options);

                public static CacheEntry Read(byte[] bytes) => MessagePackSerializer.Deserialize<CacheEntry>(bytes, Options);
            }
            """,
            DeserializationReferences.Serializers);
    }

    // ==== SCR3006: YamlDotNet ====

    // A gateway configuration file read into its own types.
    [Fact]
    public async Task Safe_ConfigurationFileDeserializer()
    {
        await YamlRules.VerifyAnalyzerAsync(
            """
            using System.Collections.Generic;
            using System.IO;
            using YamlDotNet.Serialization;
            using YamlDotNet.Serialization.NamingConventions;
            public sealed class GatewayConfig
            {
                public string Name { get; set; } = "";
                public List<DeviceConfig> Devices { get; set; } = new();
            }
            public sealed class DeviceConfig { public string Address { get; set; } = ""; public int PollMs { get; set; } }
            public static class ConfigLoader
            {
                public static GatewayConfig Load(string path)
                {
                    var deserializer = new DeserializerBuilder()
                        .WithNamingConvention(UnderscoredNamingConvention.Instance)
                        .IgnoreUnmatchedProperties()
                        .Build();
                    return deserializer.Deserialize<GatewayConfig>(File.ReadAllText(path));
                }
            }
            """,
            DeserializationReferences.Serializers);
    }

    // Tag mappings registered by scanning the application's own assembly for step types, and a constant type name:
    // the document chooses among the application's own types only.
    [Fact]
    public async Task Safe_TagMappingsFromOwnAssemblyScanAndConstantName()
    {
        await YamlRules.VerifyAnalyzerAsync(
            """
            using System;
            using System.Linq;
            using System.Reflection;
            using YamlDotNet.Serialization;
            public interface IPipelineStep { }
            public sealed class BuildStep : IPipelineStep { }
            public sealed class TestStep : IPipelineStep { }
            public static class PipelineYaml
            {
                public static IDeserializer Create()
                {
                    var builder = new DeserializerBuilder();
                    foreach (var type in typeof(IPipelineStep).Assembly.GetTypes().Where(t => typeof(IPipelineStep).IsAssignableFrom(t) && !t.IsAbstract))
                    {
                        builder.WithTagMapping("!" + type.Name.Replace("Step", "").ToLowerInvariant(), type);
                    }

                    foreach (var type in Assembly.GetExecutingAssembly().GetExportedTypes())
                    {
                        if (type.GetCustomAttribute<ObsoleteAttribute>() is null)
                        {
                            builder.WithTagMapping("!" + type.Name, type);
                        }
                    }

                    builder.WithTagMapping("!legacy-build", Type.GetType("BuildStep", throwOnError: true)!);
                    return builder.Build();
                }
            }
            """,
            DeserializationReferences.Serializers);
    }

    // Every loaded assembly's types: the document picks any type in the process.
    [Fact]
    public async Task Detect_TagMappingsForEveryLoadedType()
    {
        await YamlRules.VerifyAnalyzerAsync(
            """
            using System;
            using YamlDotNet.Serialization;
            public static class AnyTypeYaml
            {
                public static IDeserializer Create()
                {
                    var builder = new DeserializerBuilder();
                    foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
                    {
                        foreach (var type in assembly.GetTypes())
                        {
                            builder.WithTagMapping("!" + type.FullName, [|type|]);
                        }
                    }

                    return builder.Build();
                }
            }
            """,
            DeserializationReferences.Serializers);
    }
}
