using System;
using System.Collections.Frozen;
using System.Collections.Generic;

namespace SecureCodingAnalyzers.Benchmarks;

/// <summary>
/// Why a C# rule can have no finding on the generated corpus: the corpus compiles against the .NET and ASP.NET Core
/// reference assemblies only, so rules about third-party or .NET Framework APIs have nothing to see, and a few rules
/// read inputs a C# corpus does not have. The report prints the reason next to a zero count instead of asking for
/// more templates; every rule not listed here is expected to have findings (the harness warns otherwise).
/// </summary>
internal static class RuleCoverage
{
    /// <summary>The reason per rule id; kept short, it is printed on the rule's line of "Findings per rule".</summary>
    public static readonly FrozenDictionary<string, string> WhyNoFinding = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["SCR2000"] = "budget rule: reports bodies over the dataflow budget; the realistic corpus stays within it",
        ["SCR2004"] = "needs a package the reference set lacks (System.DirectoryServices)",
        ["SCR2010"] = "needs a package the reference set lacks (Roslyn scripting, System.CodeDom, System.Linq.Dynamic.Core)",
        ["SCR3002"] = "needs a package the reference set lacks (Newtonsoft.Json)",
        ["SCR3003"] = "needs .NET Framework (JavaScriptSerializer, System.Web.Extensions)",
        ["SCR3005"] = "needs a package the reference set lacks (MessagePack)",
        ["SCR3006"] = "needs a package the reference set lacks (YamlDotNet)",
        ["SCR3012"] = "only for .NET Framework targets before 4.5.2 (the corpus targets .NET 10, whose XML defaults are safe)",
        ["SCR4021"] = "needs a package the reference set lacks (System.Security.Cryptography.Pkcs: SignedCms)",
        ["SCR4030"] = "reads .NET Framework configuration files (AdditionalFiles: app.config, web.config)",
        ["SCR6003"] = "needs a package the reference set lacks (Microsoft.IdentityModel.Tokens: SymmetricSecurityKey, JsonWebKey)",
        ["SCR6006"] = "reads appsettings files (AdditionalFiles)",
        ["SCR7009"] = "needs a package the reference set lacks (Microsoft.IdentityModel.Tokens: TokenValidationParameters)",
        ["SCR9001"] = "governance rule: reports #pragma and SuppressMessage suppressions without a reason; the corpus suppresses nothing",
        ["SCR9002"] = "governance rule: reads rule severities switched off in .editorconfig/.globalconfig or NoWarn; the harness passes none",
    }.ToFrozenDictionary(StringComparer.Ordinal);
}
