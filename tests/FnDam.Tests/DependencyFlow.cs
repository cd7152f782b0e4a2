using System.Text;
using System.Text.RegularExpressions;

namespace FnDam.Tests;

/// <summary>An import of a source file that goes against the dependency flow.</summary>
/// <param name="File">The file, relative to the repository root.</param>
/// <param name="Line">One-based line of the import.</param>
/// <param name="Import">The name imported, as written.</param>
/// <param name="Reason">Which rule it breaks.</param>
internal sealed record FlowViolation(string File, int Line, string Import, string Reason)
{
    public override string ToString() => $"{File}:{Line}: {Import} ({Reason})";
}

/// <summary>
/// The allowed direction of dependencies, as docs/architecture.md states it: the core library's namespaces in order
/// (each may use those to its left, never those to its right; a sub-namespace belongs to its stage) and the assemblies
/// in order (FnDam → FnDam.Reporting → FnDam.Cli).
/// </summary>
internal sealed partial class DependencyFlow
{
    /// <summary>Info string of the fenced block of docs/architecture.md that holds the flow.</summary>
    public const string BlockName = "dependency-flow";

    private DependencyFlow(IReadOnlyList<string> core, IReadOnlyList<string> assemblies)
    {
        Core = core;
        Assemblies = assemblies;
    }

    /// <summary>The core library's namespaces, left (bottom) to right (top).</summary>
    public IReadOnlyList<string> Core { get; }

    /// <summary>The assemblies, left (bottom) to right (top); the first is the core library.</summary>
    public IReadOnlyList<string> Assemblies { get; }

    /// <summary>Reads the flow from the <c>dependency-flow</c> block of a Markdown document.</summary>
    /// <remarks>
    /// The block holds a <c>core:</c> and an <c>assemblies:</c> line, each a chain of names joined by → (or ->); a line
    /// that starts with → continues the chain above it.
    /// </remarks>
    public static DependencyFlow Parse(string markdown, string source)
    {
        var lines = markdown.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        var start = Array.FindIndex(lines, l => l.Trim() == "```" + BlockName);
        if (start < 0)
        {
            throw new FormatException($"{source}: no ```{BlockName} block.");
        }

        var sections = new Dictionary<string, StringBuilder>(StringComparer.Ordinal);
        StringBuilder? current = null;
        var end = -1;
        for (var i = start + 1; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                end = i;
                break;
            }

            if (line.Length == 0)
            {
                continue;
            }

            var label = SectionLabel().Match(line);
            if (label.Success)
            {
                current = new StringBuilder();
                if (!sections.TryAdd(label.Groups[1].Value, current))
                {
                    throw new FormatException($"{source}, line {i + 1}: '{label.Groups[1].Value}:' appears twice.");
                }

                current.Append(line[label.Length..]);
            }
            else if (current is not null && (line.StartsWith('→') || line.StartsWith("->", StringComparison.Ordinal)))
            {
                current.Append(' ').Append(line);
            }
            else
            {
                throw new FormatException($"{source}, line {i + 1}: expected 'core:', 'assemblies:' or a line starting with →; got '{line}'.");
            }
        }

        if (end < 0)
        {
            throw new FormatException($"{source}: the ```{BlockName} block is not closed.");
        }

        IReadOnlyList<string> Chain(string name)
        {
            if (!sections.TryGetValue(name, out var text))
            {
                throw new FormatException($"{source}: the ```{BlockName} block has no '{name}:' line.");
            }

            var names = text.ToString().Replace("->", "→", StringComparison.Ordinal).Split('→', StringSplitOptions.TrimEntries);
            if (names.Any(n => !QualifiedName().IsMatch(n)) || names.Distinct(StringComparer.Ordinal).Count() != names.Length)
            {
                throw new FormatException($"{source}: '{name}:' must be distinct dotted names joined by →; got '{text.ToString().Trim()}'.");
            }

            return names;
        }

        var core = Chain("core");
        var assemblies = Chain("assemblies");
        var outside = core.Where(n => !n.StartsWith(assemblies[0] + ".", StringComparison.Ordinal)).ToArray();
        if (outside.Length > 0)
        {
            throw new FormatException($"{source}: core namespaces must lie inside the first assembly '{assemblies[0]}'; {string.Join(", ", outside)} do not.");
        }

        return new DependencyFlow(core, assemblies);
    }

    /// <summary>Every import of one source file that goes against the flow.</summary>
    /// <param name="file">The file's path, for the report.</param>
    /// <param name="assembly">The assembly (project folder under src/) the file belongs to.</param>
    /// <param name="text">The file's text.</param>
    public IReadOnlyList<FlowViolation> Check(string file, string assembly, string text)
    {
        var violations = new List<FlowViolation>();
        var assemblyIndex = IndexOf(Assemblies, assembly);
        if (assemblyIndex < 0)
        {
            violations.Add(new FlowViolation(file, 1, assembly, $"project '{assembly}' is not among the assemblies of the flow ({string.Join(" → ", Assemblies)})"));
            return violations;
        }

        var lines = CodeOnly(text).Split('\n');
        var declared = new List<(int Line, string Name)>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (NamespaceDeclaration().Match(lines[i]) is { Success: true } m)
            {
                declared.Add((i + 1, m.Groups[1].Value));
            }
        }

        if (declared.Count == 0)
        {
            violations.Add(new FlowViolation(file, 1, "(no namespace)", "every source file declares a namespace of its stage"));
            return violations;
        }

        var home = int.MaxValue;
        foreach (var (line, name) in declared)
        {
            var owner = AssemblyOf(name);
            var stage = StageOf(name);
            if (owner != assemblyIndex)
            {
                violations.Add(new FlowViolation(file, line, name, $"a file of {assembly} declares a namespace of {(owner < 0 ? "no assembly of the flow" : Assemblies[owner])}"));
            }
            else if (assemblyIndex == 0 && stage < 0)
            {
                violations.Add(new FlowViolation(file, line, name, $"namespace '{name}' is not a stage of the flow ({string.Join(" → ", Core)})"));
            }

            home = Math.Min(home, stage);
        }

        for (var i = 0; i < lines.Length; i++)
        {
            if (NamespaceDeclaration().IsMatch(lines[i]))
            {
                continue;
            }

            foreach (Match reference in FnDamName().Matches(lines[i]))
            {
                var name = reference.Value;
                if (name == Assemblies[0])
                {
                    continue;
                }

                var target = AssemblyOf(name);
                if (target < 0)
                {
                    violations.Add(new FlowViolation(file, i + 1, name, "the name lies in no assembly of the flow"));
                }
                else if (target > assemblyIndex)
                {
                    violations.Add(new FlowViolation(file, i + 1, name, $"{assembly} may not use {Assemblies[target]}, which lies to its right"));
                }
                else if (target == 0)
                {
                    var stage = StageOf(name);
                    if (stage < 0)
                    {
                        // A type of the root namespace, or a name of a stage that the flow does not list.
                        violations.Add(new FlowViolation(file, i + 1, name, $"the name lies in no stage of the flow ({string.Join(" → ", Core)})"));
                    }
                    else if (assemblyIndex == 0 && home >= 0 && stage > home)
                    {
                        violations.Add(new FlowViolation(file, i + 1, name, $"{Core[home]} may not use {Core[stage]}, which lies to its right"));
                    }
                }
            }
        }

        return violations;
    }

    /// <summary>
    /// The text with comments, string literals and character literals blanked (line breaks kept, so line numbers
    /// hold), except the <c>cref</c> targets of documentation comments, which bind names as code does, and the holes of
    /// interpolated strings, which are code.
    /// </summary>
    internal static string CodeOnly(string text)
    {
        var output = new StringBuilder(text.Length);
        var i = 0;
        ScanCode(text, ref i, output, inHole: false);
        return output.ToString();
    }

    private static void ScanCode(string s, ref int i, StringBuilder o, bool inHole)
    {
        var depth = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (inHole && c == '{')
            {
                depth++;
            }
            else if (inHole && c == '}')
            {
                if (depth == 0)
                {
                    return;
                }

                depth--;
            }

            if (c == '/' && At(s, i + 1, '/'))
            {
                var lineEnd = s.IndexOf('\n', i);
                lineEnd = lineEnd < 0 ? s.Length : lineEnd;
                var comment = s[i..lineEnd];
                var kept = comment.StartsWith("///", StringComparison.Ordinal)
                    ? string.Join(' ', Cref().Matches(comment).Select(m => m.Groups[1].Value))
                    : string.Empty;
                o.Append(kept.PadRight(comment.Length));
                i = lineEnd;
                continue;
            }

            if (c == '/' && At(s, i + 1, '*'))
            {
                var close = s.IndexOf("*/", i + 2, StringComparison.Ordinal);
                var stop = close < 0 ? s.Length : close + 2;
                Blank(s, i, stop, o);
                i = stop;
                continue;
            }

            if (c == '\'')
            {
                var stop = i + 1;
                while (stop < s.Length && s[stop] != '\'' && s[stop] != '\n')
                {
                    stop += s[stop] == '\\' ? 2 : 1;
                }

                stop = Math.Min(s.Length, stop + 1);
                Blank(s, i, stop, o);
                i = stop;
                continue;
            }

            if (StringStart(s, i) is { } prefix)
            {
                ScanString(s, ref i, o, prefix);
                continue;
            }

            o.Append(c);
            i++;
        }
    }

    /// <summary>The prefix (<c>$</c>, <c>@</c>, <c>$@</c>, <c>@$</c> or empty) when a string literal starts at <paramref name="i"/>.</summary>
    private static string? StringStart(string s, int i)
    {
        if (i > 0 && (char.IsLetterOrDigit(s[i - 1]) || s[i - 1] == '_'))
        {
            return s[i] == '"' ? string.Empty : null;
        }

        var j = i;
        while (j < s.Length && j - i < 2 && s[j] is '$' or '@')
        {
            j++;
        }

        while (j < s.Length && s[j] == '$')
        {
            j++;
        }

        return j < s.Length && s[j] == '"' ? s[i..j] : null;
    }

    private static void ScanString(string s, ref int i, StringBuilder o, string prefix)
    {
        var open = i + prefix.Length;
        var quotes = 0;
        while (open + quotes < s.Length && s[open + quotes] == '"')
        {
            quotes++;
        }

        if (quotes >= 3)
        {
            // Raw string literal: ends at the same run of quotes.
            var close = s.IndexOf(new string('"', quotes), open + quotes, StringComparison.Ordinal);
            var stop = close < 0 ? s.Length : close + quotes;
            Blank(s, i, stop, o);
            i = stop;
            return;
        }

        var verbatim = prefix.Contains('@', StringComparison.Ordinal);
        var interpolated = prefix.Contains('$', StringComparison.Ordinal);
        Blank(s, i, open + 1, o);
        i = open + 1;
        while (i < s.Length)
        {
            var c = s[i];
            if (!verbatim && c == '\\')
            {
                Blank(s, i, Math.Min(s.Length, i + 2), o);
                i += 2;
                continue;
            }

            if (c == '"')
            {
                if (verbatim && At(s, i + 1, '"'))
                {
                    o.Append("  ");
                    i += 2;
                    continue;
                }

                o.Append(' ');
                i++;
                return;
            }

            if (interpolated && c == '{')
            {
                if (At(s, i + 1, '{'))
                {
                    o.Append("  ");
                    i += 2;
                    continue;
                }

                o.Append(' ');
                i++;
                ScanCode(s, ref i, o, inHole: true);
                if (i < s.Length)
                {
                    o.Append(' ');
                    i++;
                }

                continue;
            }

            o.Append(c == '\n' ? '\n' : ' ');
            i++;
        }
    }

    private static bool At(string s, int i, char c) => i < s.Length && s[i] == c;

    private static void Blank(string s, int from, int to, StringBuilder o)
    {
        for (var k = from; k < to && k < s.Length; k++)
        {
            o.Append(s[k] == '\n' ? '\n' : ' ');
        }
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var k = 0; k < names.Count; k++)
        {
            if (names[k] == name)
            {
                return k;
            }
        }

        return -1;
    }

    /// <summary>The longest entry of <paramref name="names"/> that is <paramref name="name"/> or a dotted prefix of it.</summary>
    private static int LongestPrefix(IReadOnlyList<string> names, string name)
    {
        var best = -1;
        for (var k = 0; k < names.Count; k++)
        {
            var n = names[k];
            if ((name == n || name.StartsWith(n + ".", StringComparison.Ordinal)) && (best < 0 || n.Length > names[best].Length))
            {
                best = k;
            }
        }

        return best;
    }

    private int AssemblyOf(string name) => LongestPrefix(Assemblies, name);

    private int StageOf(string name) => LongestPrefix(Core, name);

    [GeneratedRegex(@"^(core|assemblies):")]
    private static partial Regex SectionLabel();

    [GeneratedRegex(@"^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$")]
    private static partial Regex QualifiedName();

    [GeneratedRegex(@"^\s*namespace\s+([\w.]+)")]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"(?<![\w.])FnDam(?!\w)(\.[A-Za-z_]\w*)*")]
    private static partial Regex FnDamName();

    [GeneratedRegex("cref=\"([^\"]*)\"")]
    private static partial Regex Cref();
}
