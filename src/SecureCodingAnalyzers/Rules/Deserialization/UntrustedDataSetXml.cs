using System.Collections.Immutable;
using SecureCodingAnalyzers.Dataflow;
using static SecureCodingAnalyzers.Dataflow.ApiSpec;

namespace SecureCodingAnalyzers.Rules.Deserialization;

/// <summary>
/// SCR3004: untrusted XML read into a <c>DataSet</c> or <c>DataTable</c> (<c>ReadXml</c> and <c>ReadXmlSchema</c>, from
/// a stream, reader or file name). The inline schema of the document chooses the column types, so the schema read is
/// a sink as much as the data read. Served by the shared engine (<see cref="DataflowAnalyzer"/>): XML from a request,
/// the network, a pipe or a serial port, or from a file whose path is not a constant, is reported; embedded resources,
/// constant paths and strings built in code are not sources. Command-line arguments and environment variables do not
/// count by default (the user who runs the tool chooses its input).
/// </summary>
internal static class UntrustedDataSetXml
{
    private const string DataSet = "System.Data.DataSet";
    private const string DataTable = "System.Data.DataTable";

    public static TaintRule Rule { get; } = new(
        Catalog.Rules.UntrustedDataSetXml,
        SinkKind.DataSetXml,
        ImmutableArray.Create(
            Sink(SinkKind.DataSetXml, DataSet, "ReadXml", "DataSet.ReadXml", "stream", "reader", "textReader", "xmlReader", "fileName"),
            Sink(SinkKind.DataSetXml, DataSet, "ReadXmlSchema", "DataSet.ReadXmlSchema", "stream", "reader", "textReader", "xmlReader", "fileName"),
            Sink(SinkKind.DataSetXml, DataTable, "ReadXml", "DataTable.ReadXml", "stream", "reader", "textReader", "xmlReader", "fileName"),
            Sink(SinkKind.DataSetXml, DataTable, "ReadXmlSchema", "DataTable.ReadXmlSchema", "stream", "reader", "textReader", "xmlReader", "fileName")),
        ImmutableArray<ApiSpec>.Empty,
        disabledByDefault: SourceGroup.Process | SourceGroup.Environment);
}
