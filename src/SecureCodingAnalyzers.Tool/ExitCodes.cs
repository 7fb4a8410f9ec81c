namespace SecureCodingAnalyzers.Tool;

/// <summary>The tool's exit codes (documented in the README).</summary>
public static class ExitCodes
{
    /// <summary>Done (fixes applied, or nothing to fix).</summary>
    public const int Success = 0;

    /// <summary><c>--check</c>: something would change.</summary>
    public const int ChangesNeeded = 1;

    /// <summary><c>evidence verify</c>: a file of the bundle differs from its manifest, is missing, or is not listed in it.</summary>
    public const int VerificationFailed = 1;

    /// <summary><c>evidence diff --fail-on</c>: the release gate failed (e.g. a new unsuppressed result); same value as <see cref="ChangesNeeded"/>.</summary>
    public const int GateFailed = 1;

    /// <summary>Bad input or a failure: a usage error, a missing path, a project that does not evaluate, an unreadable build file.</summary>
    public const int Error = 2;
}
