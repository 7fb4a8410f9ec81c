using System.Threading.Tasks;
using Xunit;
using VerifyCS = SecureCodingAnalyzers.Tests.Verifiers.CSharpVerifier<
    SecureCodingAnalyzers.Rules.Deserialization.NewtonsoftTypeNameHandlingAnalyzer,
    SecureCodingAnalyzers.CodeFixes.Rules.Deserialization.NewtonsoftTypeNameHandlingCodeFixProvider>;

namespace SecureCodingAnalyzers.Tests.Rules.Deserialization;

/// <summary>SCR3002, Json.NET TypeNameHandling without an allow-list binder.</summary>
public class NewtonsoftTypeNameHandlingTests
{
    // ---- Detect ----

    [Fact]
    public async Task Detect_SettingsInitializerPassedToDeserialize()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using Newtonsoft.Json;
            class Api
            {
                object? Read(string json)
                {
                    var settings = new JsonSerializerSettings { TypeNameHandling = {|#0:TypeNameHandling.All|} };
                    return JsonConvert.DeserializeObject(json, settings);
                }
            }
            """,
            DeserializationReferences.Serializers,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments("'Api.Read'", "TypeNameHandling.All without an allow-list binder"));
    }

    [Fact]
    public async Task Detect_PropertyAssignmentsFieldInitializerSerializerAndDefaultSettings()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.IO;
            using Newtonsoft.Json;
            using Newtonsoft.Json.Serialization;
            class Api
            {
                private static readonly JsonSerializerSettings Shared = new() { TypeNameHandling = [|TypeNameHandling.Auto|] };

                object? A(string json)
                {
                    var settings = new JsonSerializerSettings();
                    settings.TypeNameHandling = [|TypeNameHandling.Objects|];
                    return JsonConvert.DeserializeObject(json, settings);
                }

                object? B(TextReader reader)
                {
                    var serializer = new JsonSerializer();
                    serializer.TypeNameHandling = [|TypeNameHandling.Arrays|];
                    return serializer.Deserialize(reader, typeof(object));
                }

                object? C(string json)
                {
                    // DefaultSerializationBinder resolves any type: not an allow-list.
                    var settings = new JsonSerializerSettings { TypeNameHandling = [|TypeNameHandling.All|], SerializationBinder = new DefaultSerializationBinder() };
                    var serializer = JsonSerializer.Create(settings);
                    return serializer.Deserialize(new JsonTextReader(new StringReader(json)));
                }

                void D() => JsonConvert.DefaultSettings = () => new JsonSerializerSettings { TypeNameHandling = [|TypeNameHandling.Auto|] };
            }
            """,
            DeserializationReferences.Serializers);
    }

    // The shape of AddNewtonsoftJson(o => o.SerializerSettings...) and other configuration callbacks.
    [Fact]
    public async Task Detect_OptionsCallbacksAndBinderDerivedFromDefault()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using Newtonsoft.Json;
            using Newtonsoft.Json.Serialization;
            public class JsonOptions { public JsonSerializerSettings SerializerSettings { get; } = new(); }
            class NamedBinder : DefaultSerializationBinder { }
            static class Setup
            {
                static void AddJson(Action<JsonOptions> configure) { }
                static void AddSerializer(Action<JsonSerializer> configure) { }

                public static void Configure(JsonSerializerSettings target)
                {
                    AddJson(o => o.SerializerSettings.TypeNameHandling = [|TypeNameHandling.Auto|]);
                    AddSerializer(s => s.TypeNameHandling = [|TypeNameHandling.All|]);
                    var settings = new JsonSerializerSettings { TypeNameHandling = [|TypeNameHandling.All|] };
                    settings.SerializationBinder = new NamedBinder();
                    JsonConvert.PopulateObject("{}", target, settings);
                }
            }
            """,
            DeserializationReferences.Serializers);
    }

    [Fact]
    public async Task Detect_AttributesOnOpenMembers()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Collections;
            using System.Collections.Generic;
            using Newtonsoft.Json;
            public class Message
            {
                [JsonProperty(TypeNameHandling = {|#0:TypeNameHandling.All|})]
                public object? Payload { get; set; }

                [JsonProperty(ItemTypeNameHandling = [|TypeNameHandling.Auto|])]
                public List<object> Items { get; set; } = new();

                [JsonProperty(TypeNameHandling = [|TypeNameHandling.Auto|])]
                public IEnumerable? Legacy { get; set; }
            }

            [JsonObject(ItemTypeNameHandling = [|TypeNameHandling.Objects|])]
            public class Envelope
            {
                public object? Body { get; set; }
            }
            """,
            DeserializationReferences.Serializers,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments("[JsonProperty] on 'Message.Payload'", "TypeNameHandling.All on a member of an open type"));
    }

    // ---- Safe ----

    [Fact]
    public async Task Safe_NoneAndAllowListBinders()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Collections.Generic;
            using Newtonsoft.Json;
            using Newtonsoft.Json.Serialization;
            public class Order { }
            public class JsonOptions { public JsonSerializerSettings SerializerSettings { get; } = new(); }
            sealed class KnownTypesBinder : ISerializationBinder
            {
                private static readonly Dictionary<string, Type> Known = new() { ["order"] = typeof(Order) };
                public Type BindToType(string? assemblyName, string typeName) => Known[typeName];
                public void BindToName(Type serializedType, out string? assemblyName, out string? typeName) { assemblyName = null; typeName = serializedType.Name; }
            }
            class CheckedBinder : DefaultSerializationBinder
            {
                public override Type BindToType(string? assemblyName, string typeName)
                    => typeName.StartsWith("Contoso.", StringComparison.Ordinal) ? base.BindToType(assemblyName, typeName) : throw new JsonSerializationException(typeName);
            }
            class Api
            {
                private readonly ISerializationBinder _binder = new KnownTypesBinder();

                static void AddJson(Action<JsonOptions> configure) { }

                void Configure() => AddJson(o =>
                {
                    o.SerializerSettings.TypeNameHandling = TypeNameHandling.Auto;
                    o.SerializerSettings.SerializationBinder = new KnownTypesBinder();
                });

                object? A(string json) => JsonConvert.DeserializeObject(json, new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.None });
                object? B(string json) => JsonConvert.DeserializeObject(json, new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.Auto, SerializationBinder = new KnownTypesBinder() });
                object? C(string json)
                {
                    var settings = new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.All };
                    settings.SerializationBinder = _binder;
                    return JsonConvert.DeserializeObject(json, settings);
                }

                object? D(string json)
                {
                    var serializer = new JsonSerializer { TypeNameHandling = TypeNameHandling.Objects, SerializationBinder = new CheckedBinder() };
                    return serializer.Deserialize(new JsonTextReader(new System.IO.StringReader(json)));
                }
            }
            """,
            DeserializationReferences.Serializers);
    }

    [Fact]
    public async Task Safe_SerializationOnlyAndBinderSetElsewhere()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.IO;
            using Newtonsoft.Json;
            class Api
            {
                private readonly JsonSerializerSettings _settings = new();

                string A(object value) => JsonConvert.SerializeObject(value, new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.All });

                void B(TextWriter writer, object value)
                {
                    var serializer = new JsonSerializer { TypeNameHandling = TypeNameHandling.Auto };
                    serializer.Serialize(writer, value);
                }

                // Configured by the caller, or in a helper that may set the binder: not visible here.
                void C(JsonSerializerSettings settings) => settings.TypeNameHandling = TypeNameHandling.Auto;
                void D() => _settings.TypeNameHandling = TypeNameHandling.Auto;
                object? E(string json)
                {
                    var settings = new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.Auto };
                    ApplyBinder(settings);
                    return JsonConvert.DeserializeObject(json, settings);
                }

                static void ApplyBinder(JsonSerializerSettings settings) { }
            }
            """,
            DeserializationReferences.Serializers);
    }

    [Fact]
    public async Task Safe_AttributesOnOwnBaseTypesAndSystemTextJsonPolymorphism()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Collections.Generic;
            using System.Text.Json.Serialization;
            using Newtonsoft.Json;
            public abstract class Shape { }
            public interface IHandler { }
            public class Drawing
            {
                [JsonProperty(TypeNameHandling = TypeNameHandling.Auto)]
                public Shape? Main { get; set; }

                [JsonProperty(ItemTypeNameHandling = TypeNameHandling.Auto)]
                public List<Shape> Shapes { get; set; } = new();

                [JsonProperty(TypeNameHandling = TypeNameHandling.Objects)]
                public IHandler? Handler { get; set; }

                [JsonProperty(TypeNameHandling = TypeNameHandling.None)]
                public object? Tag { get; set; }
            }

            [JsonPolymorphic]
            [JsonDerivedType(typeof(Circle), "circle")]
            public class Figure { }
            public class Circle : Figure { }
            """,
            DeserializationReferences.Serializers);
    }

    // ---- Fix ----

    [Fact]
    public async Task Fix_SetsTypeNameHandlingNone()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using Newtonsoft.Json;
            public class Message
            {
                [JsonProperty(TypeNameHandling = [|TypeNameHandling.All|])]
                public object? Payload { get; set; }

                object? Read(string json)
                {
                    var settings = new JsonSerializerSettings { TypeNameHandling = [|TypeNameHandling.Auto|], MaxDepth = 32 };
                    return JsonConvert.DeserializeObject(json, settings);
                }
            }
            """,
            """
            using Newtonsoft.Json;
            public class Message
            {
                [JsonProperty(TypeNameHandling = TypeNameHandling.None)]
                public object? Payload { get; set; }

                object? Read(string json)
                {
                    var settings = new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.None, MaxDepth = 32 };
                    return JsonConvert.DeserializeObject(json, settings);
                }
            }
            """,
            DeserializationReferences.Serializers);
    }

    [Fact]
    public async Task Fix_NotOfferedForANamedConstant()
    {
        await VerifyCS.VerifyNoCodeFixAsync(
            """
            using Newtonsoft.Json;
            class Api
            {
                private const TypeNameHandling Handling = TypeNameHandling.Auto;

                object? Read(string json)
                    => JsonConvert.DeserializeObject(json, new JsonSerializerSettings { TypeNameHandling = [|Handling|] });
            }
            """,
            DeserializationReferences.Serializers);
    }
}
