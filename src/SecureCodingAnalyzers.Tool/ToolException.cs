using System;

namespace SecureCodingAnalyzers.Tool;

/// <summary>A problem with the user's input or environment: printed as "error: message", never as a stack trace.</summary>
public sealed class ToolException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ToolException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public ToolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
