using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SecureCodingAnalyzers.Options;

/// <summary>
/// A typed rule option read from <c>.editorconfig</c> / <c>.globalconfig</c>. The rule-specific key
/// <c>dotnet_diagnostic.&lt;ID&gt;.&lt;name&gt;</c> wins over the shared key <c>secure_coding.&lt;name&gt;</c>.
/// Options are declared as static fields next to the rule; the docs generator lists them on the rule's page.
/// </summary>
public abstract class RuleOption
{
    private protected RuleOption(string ruleId, string name, string description)
    {
        RuleId = ruleId;
        Name = name;
        Description = description;
        RuleKey = "dotnet_diagnostic." + ruleId + "." + name;
        SharedKey = "secure_coding." + name;
    }

    /// <summary>The rule the option belongs to.</summary>
    public string RuleId { get; }

    /// <summary>The option name (snake_case).</summary>
    public string Name { get; }

    /// <summary>What the option does, for the docs.</summary>
    public string Description { get; }

    /// <summary><c>dotnet_diagnostic.&lt;ID&gt;.&lt;name&gt;</c>.</summary>
    public string RuleKey { get; }

    /// <summary><c>secure_coding.&lt;name&gt;</c>.</summary>
    public string SharedKey { get; }

    /// <summary>The default as written in config files.</summary>
    public abstract string DefaultText { get; }

    private protected string? ReadRaw(AnalyzerConfigOptions options)
    {
        if (options.TryGetValue(RuleKey, out var value) || options.TryGetValue(SharedKey, out value))
        {
            return value.Trim();
        }

        return null;
    }
}

/// <summary>An integer option with a lower bound; unparsable or out-of-range values fall back to the default.</summary>
public sealed class IntegerRuleOption : RuleOption
{
    /// <summary>Creates the option.</summary>
    public IntegerRuleOption(string ruleId, string name, int defaultValue, int minimum, string description)
        : base(ruleId, name, description)
    {
        Default = defaultValue;
        Minimum = minimum;
    }

    /// <summary>The default value.</summary>
    public int Default { get; }

    /// <summary>The smallest value accepted.</summary>
    public int Minimum { get; }

    /// <inheritdoc/>
    public override string DefaultText => Default.ToString(CultureInfo.InvariantCulture);

    /// <summary>Reads the option for a syntax tree.</summary>
    public int Read(AnalyzerOptions options, SyntaxTree tree)
        => Read(options.AnalyzerConfigOptionsProvider.GetOptions(tree));

    /// <summary>Reads the option from a set of config options.</summary>
    public int Read(AnalyzerConfigOptions options)
    {
        var raw = ReadRaw(options);
        if (raw is not null
            && int.TryParse(raw.Replace("_", string.Empty), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            && value >= Minimum)
        {
            return value;
        }

        return Default;
    }
}
