namespace FnDam.Tests;

/// <summary>
/// Data flows one way: every source file under src/ imports only stages to the left of its own, in the order that
/// docs/architecture.md gives, and no assembly uses one to its right.
/// </summary>
public sealed class ArchitectureTests
{
    private const string Document = "docs/architecture.md";

    private static DependencyFlow RepositoryFlow() =>
        DependencyFlow.Parse(File.ReadAllText(Path.Combine(Repository.Root(), Document)), Document);

    /// <summary>Every .cs file of every project under src/ (build outputs left out), with its project's name.</summary>
    private static List<(string Path, string Assembly)> SourceFiles()
    {
        var root = Repository.Root();
        var files = new List<(string Path, string Assembly)>();
        foreach (var project in Directory.GetDirectories(Path.Combine(root, "src")))
        {
            foreach (var file in Directory.EnumerateFiles(project, "*.cs", SearchOption.AllDirectories))
            {
                var inProject = Path.GetRelativePath(project, file).Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
                if (inProject[0] is "bin" or "obj")
                {
                    continue;
                }

                files.Add((Path.GetRelativePath(root, file).Replace('\\', '/'), Path.GetFileName(project)));
            }
        }

        return files;
    }

    [Fact]
    public void EverySourceFile_ImportsOnlyToTheLeftOfItsStage()
    {
        var flow = RepositoryFlow();
        var files = SourceFiles();
        Assert.True(files.Count > 100, $"found only {files.Count} source files under src/");

        var violations = files
            .SelectMany(f => flow.Check(f.Path, f.Assembly, File.ReadAllText(Path.Combine(Repository.Root(), f.Path))))
            .Select(v => v.ToString())
            .ToArray();

        Assert.True(violations.Length == 0, $"imports against the flow of {Document}:\n" + string.Join('\n', violations));
    }

    [Fact]
    public void TheDocumentedFlow_NamesEveryStageAndProject_AsTheCodeHasThem()
    {
        var flow = RepositoryFlow();
        Assert.Equal(["FnDam", "FnDam.Reporting", "FnDam.Cli"], flow.Assemblies);
        Assert.Equal("FnDam.Numerics", flow.Core[0]);
        Assert.Equal("FnDam.Experiments", flow.Core[^1]);
        var core = flow.Core.ToList();
        Assert.True(core.IndexOf("FnDam.Results") < core.IndexOf("FnDam.Devices"), "the result model lies below every stage that builds results");

        var root = Repository.Root();
        var projects = Directory.GetDirectories(Path.Combine(root, "src")).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(flow.Assemblies.Order(StringComparer.Ordinal), projects);

        // A stage listed in the document but absent from the code is a stale document.
        var declared = SourceFiles()
            .Where(f => f.Assembly == flow.Assemblies[0])
            .SelectMany(f => File.ReadLines(Path.Combine(root, f.Path)).Where(l => l.StartsWith("namespace ", StringComparison.Ordinal)))
            .Select(l => l["namespace ".Length..].TrimEnd(';', ' '))
            .ToHashSet(StringComparer.Ordinal);
        Assert.All(flow.Core, stage => Assert.Contains(stage, declared));
    }
}
