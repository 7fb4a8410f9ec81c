using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;

namespace SecureCodingAnalyzers.Benchmarks;

/// <summary>One C# file of a corpus.</summary>
internal sealed record SourceDocument(string Path, string Text)
{
    public int Lines { get; } = CountLines(Text);

    private static int CountLines(string text)
    {
        var lines = 0;
        foreach (var c in text)
        {
            if (c == '\n')
            {
                lines++;
            }
        }

        return text.Length > 0 && text[^1] != '\n' ? lines + 1 : lines;
    }
}

/// <summary>
/// Generates a deterministic corpus of realistic application code: domain model, repositories, services, background
/// workers, ASP.NET Core controllers, mappers, crypto helpers, TLS clients, operations controllers, web front ends and
/// partner-exchange hosts. Security-relevant
/// code has a realistic low density (a few insecure members per thousand lines): every crypto helper and TLS client
/// carries one insecure member (every third crypto helper two), taken round-robin over the variants of the
/// SCR1001-SCR1013 rules, among secure idioms that must stay silent; every operations controller carries two injection
/// flows (round-robin over the sink kinds, from web, socket and console input) among safe look-alikes, with
/// <see cref="GroundTruth"/> markers. Every web front end (startup class and MVC controller) and every partner-exchange
/// host carries one planted member (two in every second file), round-robin over the variants of the web, secrets,
/// deserialization/XML and code-integrity rules, among the documented safe idioms, with <see cref="PlantedFindings"/>
/// markers. Most methods have no untrusted source at all. The first document is the domain model every other file depends on, so any
/// prefix of the result compiles.
/// </summary>
internal sealed class CorpusGenerator
{
    public const int DefaultSeed = 624431;

    private static readonly string[] Entities =
    [
        "Customer", "Order", "Invoice", "Product", "Shipment", "Device", "Sensor", "Tenant", "Account", "Payment",
        "Ticket", "Subscription", "Warehouse", "Supplier", "Contract", "Meter", "Firmware", "Alarm", "Gateway", "Report",
    ];

    private enum Kind
    {
        Service,
        Repository,
        Controller,
        Mapper,
        Worker,
        Crypto,
        Tls,
        Operations,
        WebApp,
        Integration,
    }

    /// <summary>
    /// Per eleven files: the mix of a typical line-of-business code base. The web front end takes the place of one API
    /// controller and the partner-exchange host the place of one application service, so the number of crypto, TLS and
    /// operations files (and with it every variant planted in them at the default size) stays what it was before
    /// those kinds existed.
    /// </summary>
    private static readonly Kind[] Mix =
    [
        Kind.Service, Kind.WebApp, Kind.Repository, Kind.Repository, Kind.Controller,
        Kind.Integration, Kind.Mapper, Kind.Worker, Kind.Crypto, Kind.Tls, Kind.Operations,
    ];

    private readonly Random _random;
    private int _nextInsecureCrypto;
    private int _cryptoFiles;
    private int _nextInsecureTls;
    private int _nextInjection;
    private int _nextInsecureWeb;
    private int _webFiles;
    private int _nextInsecureIntegration;
    private int _integrationFiles;

    private CorpusGenerator(int seed) => _random = new Random(seed);

    /// <summary>Generates about <paramref name="lines"/> lines in <paramref name="files"/> files (plus the domain model).</summary>
    public static ImmutableArray<SourceDocument> Generate(int lines, int files, int seed)
    {
        var generator = new CorpusGenerator(seed);
        var documents = ImmutableArray.CreateBuilder<SourceDocument>(files + 1);
        documents.Add(DomainModel());
        var remaining = Math.Max(0, lines - documents[0].Lines);
        var kinds = new List<Kind>();
        for (var index = 1; index <= files; index++)
        {
            if (kinds.Count == 0)
            {
                kinds.AddRange(Mix.OrderBy(_ => generator._random.Next()));
            }

            var kind = kinds[^1];
            kinds.RemoveAt(kinds.Count - 1);
            var target = Math.Max(40, remaining / (files - index + 1));
            var document = generator.File(kind, index, target);
            documents.Add(document);
            remaining = Math.Max(0, remaining - document.Lines);
        }

        return documents.MoveToImmutable();
    }

    /// <summary>One class with one method of about <paramref name="lines"/> lines (method-size scaling).</summary>
    public static SourceDocument LargeMethod(int lines, int seed)
    {
        var random = new Random(seed);
        var w = new CodeWriter();
        Usings(w, "System", "System.Collections.Generic", "System.Globalization", "System.Linq", "System.Security.Cryptography", "System.Text");
        w.Line("namespace Contoso.Batch;");
        w.Line();
        w.Block(CorpusTemplates.ImportSummary);
        w.Line();
        w.Line("/// <summary>Imports a legacy export in one pass (the kind of method code generators and migrations produce).</summary>");
        w.Open("public static class LegacyImportJob");
        w.Open("public static ImportSummary Run(IReadOnlyList<string[]> rows, byte[] hmacKey)");
        w.Block(CorpusTemplates.LargeMethodPrologue);
        for (var block = 0; w.Lines < lines - 3; block++)
        {
            w.Line();
            var template = CorpusTemplates.LargeMethodBlocks[random.Next(CorpusTemplates.LargeMethodBlocks.Length)];
            w.Block(template(block));
        }

        w.Line();
        w.Line("return summary;");
        w.Close();
        w.Close();
        return new SourceDocument("Batch/LegacyImportJob.cs", w.ToString());
    }

    private SourceDocument File(Kind kind, int index, int targetLines)
    {
        var entity = Entities[_random.Next(Entities.Length)];
        return kind switch
        {
            Kind.Service => Service(entity, index, targetLines, worker: false),
            Kind.Worker => Service(entity, index, targetLines, worker: true),
            Kind.Repository => Repository(entity, index, targetLines),
            Kind.Controller => Controller(entity, index, targetLines),
            Kind.Mapper => Mapper(entity, index, targetLines),
            Kind.Crypto => Crypto(entity, index, targetLines),
            Kind.Operations => Operations(entity, index, targetLines),
            Kind.WebApp => WebApp(entity, index, targetLines),
            Kind.Integration => Integration(entity, index, targetLines),
            _ => Tls(entity, index, targetLines),
        };
    }

    private static SourceDocument DomainModel()
    {
        var w = new CodeWriter();
        Usings(w, "System", "System.Collections.Concurrent", "System.Collections.Generic", "System.Linq", "System.Threading", "System.Threading.Tasks");
        w.Line("namespace Contoso.Core;");
        w.Line();
        w.Block(CorpusTemplates.CoreTypes);
        foreach (var entity in Entities)
        {
            w.Line();
            w.Block(CorpusTemplates.Entity(entity));
        }

        return new SourceDocument("Core/Domain.cs", w.ToString());
    }

    private SourceDocument Repository(string entity, int index, int targetLines)
    {
        var name = Invariant($"{entity}Repository{index}");
        var w = new CodeWriter();
        Usings(w, "System", "System.Collections.Generic", "System.Linq", "System.Threading", "System.Threading.Tasks", "Contoso.Core");
        w.Line("namespace Contoso.Data;");
        w.Line();
        w.Line(Invariant($"/// <summary>In-memory store of <see cref=\"{entity}\"/> with the queries the services need.</summary>"));
        w.Open(Invariant($"public sealed class {name} : InMemoryRepository<{entity}>"));
        Fill(w, targetLines, CorpusTemplates.RepositoryMembers, new MemberContext(entity, name, 0));
        w.Close();
        return new SourceDocument("Data/" + name + ".cs", w.ToString());
    }

    private SourceDocument Service(string entity, int index, int targetLines, bool worker)
    {
        var name = Invariant($"{entity}{(worker ? "SyncWorker" : "Service")}{index}");
        var w = new CodeWriter();
        string[] hosting = worker ? ["Microsoft.Extensions.Hosting"] : [];
        Usings(w, ["System", "System.Collections.Generic", "System.Globalization", "System.Linq", "System.Text", "System.Threading", "System.Threading.Tasks", "Contoso.Core", .. hosting, "Microsoft.Extensions.Logging"]);
        w.Line(worker ? "namespace Contoso.Workers;" : "namespace Contoso.Services;");
        w.Line();
        w.Line(Invariant($"/// <summary>Application logic for <see cref=\"{entity}\"/>.</summary>"));
        w.Open(Invariant($"public sealed class {name}{(worker ? " : BackgroundService" : string.Empty)}"));
        var context = new MemberContext(entity, name, 0);
        w.Block(CorpusTemplates.ServiceHeader(context));
        if (worker)
        {
            w.Line();
            w.Block(CorpusTemplates.WorkerLoop(context));
        }

        Fill(w, targetLines, CorpusTemplates.ServiceMembers, context);
        w.Close();
        return new SourceDocument((worker ? "Workers/" : "Services/") + name + ".cs", w.ToString());
    }

    private SourceDocument Controller(string entity, int index, int targetLines)
    {
        var name = Invariant($"{entity}sController{index}");
        var w = new CodeWriter();
        Usings(w, "System", "System.Collections.Generic", "System.Globalization", "System.Linq", "System.Security.Cryptography", "System.Text.Json", "System.Threading", "System.Threading.Tasks", "Contoso.Core", "Microsoft.AspNetCore.Http", "Microsoft.AspNetCore.Mvc", "Microsoft.Extensions.Logging");
        w.Line("namespace Contoso.Api;");
        w.Line();
        w.Line(Invariant($"/// <summary>HTTP API for <see cref=\"{entity}\"/>.</summary>"));
        w.Line("[ApiController]");
        w.Line(Invariant($"[Route(\"api/v{index % 3 + 1}/{entity.ToLowerInvariant()}s\")]"));
        w.Open(Invariant($"public sealed class {name} : ControllerBase"));
        var context = new MemberContext(entity, name, 0);
        w.Block(CorpusTemplates.ControllerHeader(context));
        Fill(w, targetLines, CorpusTemplates.ControllerMembers, context);
        w.Close();
        return new SourceDocument("Api/" + name + ".cs", w.ToString());
    }

    private SourceDocument Mapper(string entity, int index, int targetLines)
    {
        var name = Invariant($"{entity}Mapping{index}");
        var w = new CodeWriter();
        Usings(w, "System", "System.Collections.Generic", "System.Globalization", "System.Linq", "System.Text", "System.Text.RegularExpressions", "Contoso.Core");
        w.Line("namespace Contoso.Mapping;");
        w.Line();
        w.Line(Invariant($"/// <summary>Mapping, parsing and validation for <see cref=\"{entity}\"/>.</summary>"));
        w.Open(Invariant($"public static class {name}"));
        Fill(w, targetLines, CorpusTemplates.MapperMembers, new MemberContext(entity, name, 0));
        w.Close();
        return new SourceDocument("Mapping/" + name + ".cs", w.ToString());
    }

    private SourceDocument Crypto(string entity, int index, int targetLines)
    {
        var name = Invariant($"{entity}Protector{index}");
        var w = new CodeWriter();
        Usings(w, "System", "System.Collections.Generic", "System.Globalization", "System.IO", "System.Linq", "System.Security.Cryptography", "System.Text", "System.Threading", "System.Threading.Tasks", "Contoso.Core", "Microsoft.Extensions.Configuration");
        w.Line("namespace Contoso.Security;");
        w.Line();
        w.Line(Invariant($"/// <summary>Protects <see cref=\"{entity}\"/> data at rest and derives credentials.</summary>"));
        w.Open(Invariant($"public sealed class {name}"));
        var context = new MemberContext(entity, name, 0);
        w.Block(CorpusTemplates.CryptoHeader(context));
        // One insecure member per helper, two in every third one: all variants of all rules appear in the default corpus.
        var insecure = new List<Func<MemberContext, string>> { NextInsecureCrypto() };
        if (++_cryptoFiles % 3 == 0)
        {
            insecure.Add(NextInsecureCrypto());
        }

        FillWithInsecure(w, targetLines, CorpusTemplates.SecureCryptoMembers, insecure, context);
        w.Close();
        return new SourceDocument("Security/" + name + ".cs", w.ToString());
    }

    private SourceDocument Tls(string entity, int index, int targetLines)
    {
        var name = Invariant($"{entity}GatewayClient{index}");
        var w = new CodeWriter();
        Usings(w, "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net", "System.Net.Http", "System.Net.Http.Json", "System.Net.Security", "System.Net.Sockets", "System.Security.Authentication", "System.Security.Cryptography", "System.Security.Cryptography.X509Certificates", "System.Threading", "System.Threading.Tasks", "Contoso.Core", "Microsoft.Extensions.Logging");
        w.Line("namespace Contoso.Integration;");
        w.Line();
        w.Line(Invariant($"/// <summary>Client of the partner gateway that exchanges <see cref=\"{entity}\"/> data.</summary>"));
        w.Open(Invariant($"public sealed class {name} : IDisposable"));
        var context = new MemberContext(entity, name, 0);
        w.Block(CorpusTemplates.TlsHeader(context));
        var insecure = CorpusTemplates.InsecureTlsMembers[_nextInsecureTls++ % CorpusTemplates.InsecureTlsMembers.Length];
        FillWithInsecure(w, targetLines, CorpusTemplates.SecureTlsMembers, [insecure.Template], context);
        w.Close();
        return new SourceDocument("Integration/" + name + ".cs", w.ToString());
    }

    private SourceDocument Operations(string entity, int index, int targetLines)
    {
        var name = Invariant($"{entity}OperationsController{index}");
        var w = new CodeWriter();
        Usings(w, InjectionTemplates.Usings);
        w.Line("namespace Contoso.Operations;");
        w.Line();
        w.Line(Invariant($"/// <summary>Operations console for <see cref=\"Contoso.Core.{entity}\"/> hosts: audit, logs, diagnostics.</summary>"));
        w.Line("[ApiController]");
        w.Line(Invariant($"[Route(\"ops/{entity.ToLowerInvariant()}/{index}\")]"));
        w.Open(Invariant($"public sealed class {name} : ControllerBase"));
        var context = new MemberContext(entity, name, 0);
        w.Block(InjectionTemplates.Header(context));
        var insecure = Enumerable.Range(0, 2)
            .Select(_ => InjectionTemplates.InsecureMembers[_nextInjection++ % InjectionTemplates.InsecureMembers.Length])
            .ToList();
        FillWithInsecure(w, targetLines, InjectionTemplates.SafeMembers, insecure, context);
        w.Close();
        return new SourceDocument("Operations/" + name + ".cs", w.ToString());
    }

    private SourceDocument WebApp(string entity, int index, int targetLines)
    {
        var setup = Invariant($"{entity}PortalSetup{index}");
        var name = Invariant($"{entity}PortalController{index}");
        var planted = NextPlanted(WebAppTemplates.InsecureMembers, ref _nextInsecureWeb, ref _webFiles);
        var w = new CodeWriter();
        Usings(w, WebAppTemplates.Usings);
        w.Line("namespace Contoso.Web;");
        w.Line();
        w.Line(Invariant($"/// <summary>Services and request pipeline of the <see cref=\"{entity}\"/> portal.</summary>"));
        w.Open(Invariant($"public static class {setup}"));

        // About a third of the file is configuration, as in a Program.cs with a few extension methods.
        FillWithInsecure(w, targetLines / 3, WebAppTemplates.SafeStartupMembers, Part(WebAppPart.Startup), new MemberContext(entity, setup, 0));
        w.Close();
        w.Line();
        w.Line(Invariant($"/// <summary>Browser front end for <see cref=\"{entity}\"/>: views and form posts.</summary>"));
        w.Line("[Authorize]");
        w.Line(Invariant($"[Route(\"portal/{entity.ToLowerInvariant()}/{index}\")]"));
        w.Open(Invariant($"public sealed class {name} : Controller"));
        var context = new MemberContext(entity, name, 0);
        w.Block(WebAppTemplates.ControllerHeader(context));
        FillWithInsecure(w, targetLines, WebAppTemplates.SafeControllerMembers, Part(WebAppPart.Controller), context);
        w.Close();
        return new SourceDocument("Web/" + name + ".cs", w.ToString());

        List<Func<MemberContext, string>> Part(WebAppPart part) => planted.Where(m => m.Part == part).Select(m => m.Template).ToList();
    }

    private SourceDocument Integration(string entity, int index, int targetLines)
    {
        var name = Invariant($"{entity}ExchangeHost{index}");
        var w = new CodeWriter();
        Usings(w, IntegrationTemplates.Usings);
        w.Line("namespace Contoso.Exchange;");
        w.Line();
        w.Line(Invariant($"/// <summary>Exchanges <see cref=\"{entity}\"/> data with partners: XML imports, reports, plugins, updates.</summary>"));
        w.Open(Invariant($"public sealed class {name}"));
        var context = new MemberContext(entity, name, 0);
        w.Block(IntegrationTemplates.Header(context));
        var planted = NextPlanted(IntegrationTemplates.InsecureMembers, ref _nextInsecureIntegration, ref _integrationFiles);
        FillWithInsecure(w, targetLines, IntegrationTemplates.SafeMembers, planted, context);
        w.Close();
        return new SourceDocument("Exchange/" + name + ".cs", w.ToString());
    }

    /// <summary>
    /// The planted members of the next file of a kind: one, two in every second file, round-robin over the
    /// interleaved variants so that every variant appears at the default size before any repeats.
    /// </summary>
    private static List<T> NextPlanted<T>((string RuleId, T Variant)[] variants, ref int next, ref int files)
    {
        var planted = new List<T>();
        for (var count = ++files % 2 == 0 ? 2 : 1; count > 0; count--)
        {
            planted.Add(variants[next++ % variants.Length].Variant);
        }

        return planted;
    }

    /// <summary>Adds members until the file reaches its target size (at least one member); no template repeats before all were used.</summary>
    private void Fill(CodeWriter w, int targetLines, Func<MemberContext, string>[] templates, MemberContext context)
    {
        var bag = new List<Func<MemberContext, string>>();
        var member = 1;
        do
        {
            w.Line();
            w.Block(Draw(bag, templates)(context with { Member = member++ }));
        }
        while (w.Lines < targetLines - 1);
    }

    /// <summary>Secure members with the insecure ones (possibly none) placed at random positions among the first five members.</summary>
    private void FillWithInsecure(CodeWriter w, int targetLines, Func<MemberContext, string>[] secure, IReadOnlyList<Func<MemberContext, string>> insecure, MemberContext context)
    {
        var positions = Enumerable.Range(1, 5).OrderBy(_ => _random.Next()).Take(insecure.Count).ToList();
        var bag = new List<Func<MemberContext, string>>();
        var member = 1;
        do
        {
            var slot = positions.IndexOf(member);
            var template = slot >= 0 ? insecure[slot] : Draw(bag, secure);
            w.Line();
            w.Block(template(context with { Member = member++ }));
        }
        while (w.Lines < targetLines - 1 || member <= positions.DefaultIfEmpty(0).Max());
    }

    private Func<MemberContext, string> NextInsecureCrypto()
        => CorpusTemplates.InsecureCryptoMembers[_nextInsecureCrypto++ % CorpusTemplates.InsecureCryptoMembers.Length].Template;

    private Func<MemberContext, string> Draw(List<Func<MemberContext, string>> bag, Func<MemberContext, string>[] templates)
    {
        if (bag.Count == 0)
        {
            bag.AddRange(templates.OrderBy(_ => _random.Next()));
        }

        var template = bag[^1];
        bag.RemoveAt(bag.Count - 1);
        return template;
    }

    private static void Usings(CodeWriter w, params string[] namespaces)
    {
        foreach (var ns in namespaces)
        {
            w.Line("using " + ns + ";");
        }

        w.Line();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>What a member template needs: the entity it works on, the containing class, a member number for unique names.</summary>
internal sealed record MemberContext(string Entity, string Class, int Member)
{
    public string Camel => char.ToLowerInvariant(Entity[0]) + Entity[1..];

    public string Route => Entity.ToLowerInvariant() + "s";

    public string M => Member.ToString(CultureInfo.InvariantCulture);
}
