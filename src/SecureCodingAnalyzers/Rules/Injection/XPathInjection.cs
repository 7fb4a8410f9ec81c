using System.Collections.Immutable;
using SecureCodingAnalyzers.Dataflow;
using static SecureCodingAnalyzers.Dataflow.ApiSpec;

namespace SecureCodingAnalyzers.Rules.Injection;

/// <summary>
/// SCR2005: untrusted data in XPath expressions: <c>XmlNode.SelectNodes</c>/<c>SelectSingleNode</c> (and so
/// <c>XmlDocument</c>, <c>XmlElement</c>), <c>XPathNavigator</c> queries, <c>XPathExpression.Compile</c> and the
/// LINQ to XML XPath extensions. Compiled <c>XPathExpression</c> arguments are not sinks (their text was checked
/// where it was compiled), and LINQ to XML queries (<c>Descendants</c>, <c>Attribute</c>) are not XPath.
/// <c>SecurityElement.Escape</c> cleans a value placed inside a quoted XPath literal: it turns both quote characters
/// into entities, which XPath does not decode, so the value cannot end the literal.
/// </summary>
internal static class XPathInjection
{
    private const string Expression = "an XPath expression";

    public static TaintRule Rule { get; } = new(
        Catalog.Rules.XPathInjection,
        SinkKind.XPath,
        ImmutableArray.Create(
            Sink(SinkKind.XPath, "System.Xml.XmlNode", "SelectNodes", Expression, "xpath"),
            Sink(SinkKind.XPath, "System.Xml.XmlNode", "SelectSingleNode", Expression, "xpath"),
            Sink(SinkKind.XPath, "System.Xml.XPath.XPathNavigator", "Select", Expression, "xpath"),
            Sink(SinkKind.XPath, "System.Xml.XPath.XPathNavigator", "SelectSingleNode", Expression, "xpath"),
            Sink(SinkKind.XPath, "System.Xml.XPath.XPathNavigator", "Evaluate", Expression, "xpath"),
            Sink(SinkKind.XPath, "System.Xml.XPath.XPathNavigator", "Compile", Expression, "xpath"),
            Sink(SinkKind.XPath, "System.Xml.XPath.XPathNavigator", "Matches", Expression, "xpath"),
            Sink(SinkKind.XPath, "System.Xml.XPath.XPathExpression", "Compile", Expression, "xpath"),
            Sink(SinkKind.XPath, "System.Xml.XPath.Extensions", "XPathSelectElement", Expression, "expression"),
            Sink(SinkKind.XPath, "System.Xml.XPath.Extensions", "XPathSelectElements", Expression, "expression"),
            Sink(SinkKind.XPath, "System.Xml.XPath.Extensions", "XPathEvaluate", Expression, "expression")),
        ImmutableArray.Create(
            Sanitizer(SinkKind.XPath, "System.Security.SecurityElement", "Escape")));
}
