using System.Globalization;
using System.Text.RegularExpressions;
using FnDam.Devices;

namespace FnDam.Tests.Devices;

/// <summary>The numbers docs/model.md quotes for the presets are the ones the code computes (the page stays in step).</summary>
public sealed class ModelDocTests
{
    private static readonly string Text = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "model.md"));

    public static TheoryData<string, string> Quoted()
    {
        var m = Presets.Mehta2022();
        var mo = m.OperatingPointAt(0.0);
        var t = Presets.TextbookSiO2();
        var to = t.OperatingPointAt(0.0);
        return new TheoryData<string, string>
        {
            { "mehta2022 k1", $"| {Sci(m.Parameters.K1)} 1/s |" },
            { "mehta2022 k2", $"| {G6(m.Parameters.K2)} V |" },
            { "mehta2022 a0", $"| {G6(m.InitialAge)} s |" },
            { "mehta2022 update", $"update of the nominal pulse −{G6(-mo.NominalUpdate * 1e6)} µV" },
            { "mehta2022 source energy", $"**source energy per\nupdate {G6(mo.SourceEnergy * 1e15)} fJ**" },
            { "mehta2022 dissipation", $"dissipation {G6(mo.TunnelingDissipation * 1e15)} fJ" },
            { "mehta2022 smallest update", $"smallest update (T_min) −{G6(-mo.SmallestUpdate * 1e9)} nV" },
            { "mehta2022 resolution", $"**resolution {mo.ResolutionBits.ToString("F2", CultureInfo.InvariantCulture)} bits**" },
            { "textbook k1 k2", $"| {Sci(t.Parameters.K1)} 1/s, {G6(t.Parameters.K2)} V |" },
            { "textbook a0", $"| 10 V, {G6(t.InitialAge)} s |" },
            { "textbook source energy", $"source energy {G6(to.SourceEnergy * 1e15)} fJ" },
            { "textbook dissipation", $"tunnelling dissipation {G6(to.TunnelingDissipation * 1e15)} fJ" },
            { "textbook resolution", $"resolution {to.ResolutionBits.ToString("F2", CultureInfo.InvariantCulture)} bits" },
        };
    }

    [Theory]
    [MemberData(nameof(Quoted))]
    public void ModelPage_QuotesTheComputedValue(string what, string expected)
    {
        var normalized = Text.ReplaceLineEndings("\n");
        Assert.True(normalized.Contains(expected, StringComparison.Ordinal), $"docs/model.md should quote {what} as \"{expected}\"");
    }

    /// <summary>Every section of model.md that the code cites by number (<c>model.md 1.4</c>, <c>model.md section 2</c>,
    /// <c>model.md sections 2 and 3</c>, in comments and in the provenance it writes into reports and preset files) is a
    /// numbered heading of the page.</summary>
    [Fact]
    public void SectionsTheCodeCites_AreNumberedHeadingsOfThePage()
    {
        var headings = Text.ReplaceLineEndings("\n").Split('\n')
            .Select(l => Regex.Match(l, @"^#{2,3} (\d+(?:\.\d+)?) "))
            .Where(m => m.Success)
            .Select(m => m.Groups[1].Value)
            .ToHashSet(StringComparer.Ordinal);
        var cited = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryRoot(), "src"), "*.cs", SearchOption.AllDirectories))
        {
            foreach (Match m in Regex.Matches(File.ReadAllText(file), @"model\.md (?:sections? )?(\d+(?:\.\d+)?(?:(?:, |–| and )\d+(?:\.\d+)?)*)"))
            {
                cited.AddRange(Regex.Matches(m.Groups[1].Value, @"\d+(?:\.\d+)?").Select(n => $"{Path.GetFileName(file)}: {n.Value}"));
            }
        }

        Assert.NotEmpty(cited);
        Assert.All(cited, c => Assert.Contains(c[(c.IndexOf(": ", StringComparison.Ordinal) + 2)..], headings));
    }

    private static string G6(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    private static string Sci(double value)
    {
        var exponent = (int)Math.Floor(Math.Log10(value));
        var mantissa = value / Math.Pow(10, exponent);
        return $"{mantissa.ToString("0.#####", CultureInfo.InvariantCulture)}e{exponent}";
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "FnDam.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("cannot find the repository root (FnDam.slnx).");
    }
}
