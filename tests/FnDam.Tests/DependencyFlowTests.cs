namespace FnDam.Tests;

/// <summary>The checker of the flow, on made-up sources: it must catch what it exists to catch.</summary>
public sealed class DependencyFlowTests
{
    private const string Markdown = """
        # Architecture

        ```dependency-flow
        core:       FnDam.Numerics → FnDam.Results → FnDam.Devices
                    → FnDam.Arrays -> FnDam.Experiments
        assemblies: FnDam → FnDam.Reporting → FnDam.Cli
        ```
        """;

    private static readonly DependencyFlow Flow = DependencyFlow.Parse(Markdown, "test.md");

    private static FlowViolation[] Check(string assembly, string text) => [.. Flow.Check("src/X.cs", assembly, text)];

    [Fact]
    public void Parse_ReadsBothChains_AcrossContinuationLines()
    {
        Assert.Equal(["FnDam.Numerics", "FnDam.Results", "FnDam.Devices", "FnDam.Arrays", "FnDam.Experiments"], Flow.Core);
        Assert.Equal(["FnDam", "FnDam.Reporting", "FnDam.Cli"], Flow.Assemblies);
    }

    [Theory]
    [InlineData("no block here", "no ```dependency-flow block")]
    [InlineData("```dependency-flow\ncore: FnDam.A → FnDam.B\n```", "no 'assemblies:' line")]
    [InlineData("```dependency-flow\ncore: FnDam.A → FnDam.A\nassemblies: FnDam\n```", "must be distinct dotted names")]
    [InlineData("```dependency-flow\ncore: Other.A\nassemblies: FnDam\n```", "inside the first assembly 'FnDam'")]
    [InlineData("```dependency-flow\ncore: FnDam.A\nstages: FnDam\n```", "line 3: expected 'core:'")]
    [InlineData("```dependency-flow\ncore: FnDam.A\nassemblies: FnDam\n", "not closed")]
    public void Parse_RefusesAMalformedBlock_SayingWhere(string markdown, string expected)
    {
        var e = Assert.Throws<FormatException>(() => DependencyFlow.Parse(markdown, "doc.md"));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("doc.md", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ImportsToTheLeft_AndWithinTheStage_AreAllowed()
    {
        const string Source = """
            using System.Globalization;
            using FnDam.Devices;
            using static FnDam.Numerics.Guard;
            using Table = FnDam.Results.ResultTable;

            namespace FnDam.Arrays.Kernels;

            internal static class A
            {
                public static double V() => FnDam.Devices.FnPhysics.Age(1, 2, 3) + FnDam.Arrays.Other.X;
            }
            """;
        Assert.Empty(Check("FnDam", Source));
    }

    [Fact]
    public void ABackImport_IsReported_WithFileLineAndName()
    {
        const string Source = """
            using FnDam.Devices;
            using FnDam.Experiments;

            namespace FnDam.Arrays;
            """;
        var v = Assert.Single(Check("FnDam", Source));
        Assert.Equal(("src/X.cs", 2, "FnDam.Experiments"), (v.File, v.Line, v.Import));
        Assert.Contains("FnDam.Arrays may not use FnDam.Experiments", v.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AFullyQualifiedBackReference_IsReported_SubNamespacesCountingAsTheirStage()
    {
        const string Source = """
            namespace FnDam.Devices.Presets;

            internal static class A
            {
                public static object R() =>
                    new FnDam.Arrays.Sub.Thing();
            }
            """;
        var v = Assert.Single(Check("FnDam", Source));
        Assert.Equal((6, "FnDam.Arrays.Sub.Thing"), (v.Line, v.Import));
        Assert.Contains("FnDam.Devices may not use FnDam.Arrays", v.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ACrefToTheRight_IsReported_ButProseStringsAndCommentsAreNot()
    {
        const string Source = """"
            namespace FnDam.Results;

            /// <summary>Built by <see cref="FnDam.Experiments.Runner"/>; see FnDam.Experiments in the docs.</summary>
            internal static class A
            {
                // FnDam.Experiments builds these.
                /* FnDam.Experiments
                   FnDam.Arrays */
                private const string Resource = "FnDam.Experiments.table.csv";
                private const string Verbatim = @"FnDam.Arrays ""quoted"" FnDam.Devices";
                private const char Quote = '"';
                private const string Raw = """FnDam.Arrays""";
                private static string Text(int x) => $"{x} FnDam.Arrays {{FnDam.Devices}}";
            }
            """";
        var v = Assert.Single(Check("FnDam", Source));
        Assert.Equal((3, "FnDam.Experiments.Runner"), (v.Line, v.Import));
    }

    [Fact]
    public void CodeInsideAnInterpolationHole_IsChecked()
    {
        const string Source = """
            namespace FnDam.Devices;

            internal static class A
            {
                private static string Text(int x) => $"value {(x > 0 ? "up" : "down")}: {FnDam.Experiments.Names.Value}";
            }
            """;
        var v = Assert.Single(Check("FnDam", Source));
        Assert.Equal((5, "FnDam.Experiments.Names.Value"), (v.Line, v.Import));
    }

    [Fact]
    public void CoreUsingReportingOrCli_AndReportingUsingCli_AreReported()
    {
        var core = Check("FnDam", "using FnDam.Reporting;\nusing FnDam.Cli;\nnamespace FnDam.Experiments;\n");
        Assert.Equal(["FnDam.Reporting", "FnDam.Cli"], core.Select(v => v.Import));
        Assert.All(core, v => Assert.Contains("FnDam may not use", v.Reason, StringComparison.Ordinal));

        var reporting = Assert.Single(Check("FnDam.Reporting", "using FnDam.Experiments;\nusing FnDam.Cli;\nnamespace FnDam.Reporting;\n"));
        Assert.Equal((2, "FnDam.Cli"), (reporting.Line, reporting.Import));
        Assert.Contains("FnDam.Reporting may not use FnDam.Cli", reporting.Reason, StringComparison.Ordinal);

        Assert.Empty(Check("FnDam.Cli", "using FnDam.Experiments;\nusing FnDam.Reporting;\nnamespace FnDam.Cli;\n"));
    }

    [Fact]
    public void NamesOutsideTheFlow_AreReported()
    {
        Assert.Contains("not a stage of the flow", Assert.Single(Check("FnDam", "namespace FnDam.Plotting;\n")).Reason, StringComparison.Ordinal);
        Assert.Contains("no stage of the flow", Assert.Single(Check("FnDam", "using FnDam.Plotting;\nnamespace FnDam.Experiments;\n")).Reason, StringComparison.Ordinal);
        Assert.Contains("declares a namespace of FnDam.Reporting", Assert.Single(Check("FnDam", "namespace FnDam.Reporting;\n")).Reason, StringComparison.Ordinal);
        Assert.Contains("not among the assemblies", Assert.Single(Check("FnDam.Gui", "namespace FnDam.Gui;\n")).Reason, StringComparison.Ordinal);
        Assert.Contains("declares a namespace", Assert.Single(Check("FnDam", "internal static class A { }\n")).Reason, StringComparison.Ordinal);
    }
}
