using System.Text;

namespace SecureCodingAnalyzers.Benchmarks;

/// <summary>Indenting line writer for the corpus generator; counts the lines it writes.</summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    public int Lines { get; private set; }

    public void Line(string line = "")
    {
        if (line.Length > 0)
        {
            _text.Append(' ', _indent * 4).Append(line);
        }

        _text.Append('\n');
        Lines++;
    }

    /// <summary>Writes a multi-line template (written at column 0) at the current indentation.</summary>
    public void Block(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            Line(line.TrimEnd('\r', ' '));
        }
    }

    public void Open(string header)
    {
        Line(header);
        Line("{");
        _indent++;
    }

    public void Close(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
    }

    public override string ToString() => _text.ToString();
}
