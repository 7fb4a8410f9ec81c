using Xunit;

namespace SecureCodingAnalyzers.Tests.Tool.Browser;

/// <summary>
/// A fact that needs Debian's chromium. Without it the test is skipped with the install hint on a developer machine,
/// and runs (and fails with that hint) in CI (CI=true), where .ci/run installs the browser: CI never skips it silently.
/// xunit 2 has no dynamic skip, so the decision is made when the test is discovered.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when the browser is missing outside CI.</summary>
    public ChromiumFactAttribute()
    {
        if (HeadlessChromium.Executable is null && !HeadlessChromium.OnCi)
        {
            Skip = HeadlessChromium.MissingMessage;
        }
    }
}
