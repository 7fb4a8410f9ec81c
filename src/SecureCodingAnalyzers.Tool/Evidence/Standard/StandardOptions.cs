using System.Collections.Generic;

namespace SecureCodingAnalyzers.Tool.Evidence.Standard;

/// <summary>The options of <c>secure-coding evidence standard</c>.</summary>
/// <param name="Profile">The package profile the build uses (recommended, strict, audit).</param>
/// <param name="Configs">The supplier's own analyzer configuration files, in order.</param>
/// <param name="Format">markdown or html.</param>
/// <param name="Output">The file to write, or null for standard output.</param>
/// <param name="Product">The product the standard is for (in the title and scope), or null.</param>
/// <param name="Date">The date printed on the document (yyyy-MM-dd), or null for none.</param>
public sealed record StandardOptions(string Profile, IReadOnlyList<string> Configs, string Format, string? Output, string? Product, string? Date);
