using System.Text.RegularExpressions;
using FnDam.Reporting;
using FnDam.Results;

namespace FnDam.Tests.Reporting;

/// <summary>A figure's SVG text depends on the figure alone, not on what the process drew before or beside it.</summary>
public sealed partial class SvgClipIdsTests
{
    [Fact]
    public void FigureSvg_IsTheSameText_WhateverWasDrawnBeforeAndAlongsideIt()
    {
        var (spec, table) = Figure(0.2);
        var first = FigureRenderer.Svg(spec, table);

        // Other figures, PNG and SVG, on several threads: each moves the counter Skia names clip paths by.
        var (otherSpec, otherTable) = Figure(0.7);
        Parallel.For(0, 4, new ParallelOptions { CancellationToken = TestContext.Current.CancellationToken }, _ =>
        {
            FigureRenderer.Png(otherSpec, otherTable);
            FigureRenderer.Svg(otherSpec, otherTable);
        });

        var again = FigureRenderer.Svg(spec, table);

        Assert.Equal(first, again);
        Assert.Equal(ClipNumbersInOrder(first), ClipIds(first));
    }

    [Fact]
    public void HeatmapSvg_IsTheSameText_WhateverWasDrawnBeforeIt()
    {
        var root = Directory.CreateTempSubdirectory("fndam-svg-ids-");
        try
        {
            double[] values = [0.5, -0.25, 0.125, 0];
            var a = root.CreateSubdirectory("a").FullName;
            var b = root.CreateSubdirectory("b").FullName;
            var (_, firstPath) = HeatmapRenderer.Save(values, 2, 2, "w", "weights", "w", a);
            var (spec, table) = Figure(0.4);
            FigureRenderer.Png(spec, table);
            FigureRenderer.Svg(spec, table);
            var (_, againPath) = HeatmapRenderer.Save(values, 2, 2, "w", "weights", "w", b);

            var first = File.ReadAllText(firstPath);
            Assert.Equal(first, File.ReadAllText(againPath));
            Assert.NotEmpty(ClipIds(first));
            Assert.Equal(ClipNumbersInOrder(first), ClipIds(first));
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Fact]
    public void Number_RenamesClipDefinitionsAndTheirUses_InOrderOfFirstAppearance_AndLeavesTextAlone()
    {
        const string svg = """
            <svg>
                <clipPath id="cl_1f">
                    <rect x="0" y="0" width="1" height="1"/>
                </clipPath>
                <g clip-path="url(#cl_1f)">
                    <text>cl_1f url(#cl_a)</text>
                </g>
                <clipPath id="cl_a">
                </clipPath>
                <g clip-path="url(#cl_a)">
                </g>
                <g clip-path="url(#cl_1f)">
                </g>
            </svg>
            """;

        var numbered = SvgClipIds.Number(svg);

        Assert.Equal(
            svg.Replace("<clipPath id=\"cl_1f\">", "<clipPath id=\"cl_1\">", StringComparison.Ordinal)
                .Replace("<g clip-path=\"url(#cl_1f)\">", "<g clip-path=\"url(#cl_1)\">", StringComparison.Ordinal)
                .Replace("<clipPath id=\"cl_a\">", "<clipPath id=\"cl_2\">", StringComparison.Ordinal)
                .Replace("<g clip-path=\"url(#cl_a)\">", "<g clip-path=\"url(#cl_2)\">", StringComparison.Ordinal),
            numbered);
        Assert.Contains("<text>cl_1f url(#cl_a)</text>", numbered, StringComparison.Ordinal);
    }

    private static (FigureSpec Spec, ResultTable Table) Figure(double level)
    {
        var table = new ResultTable("t", "t", "test", [new ResultColumn("epoch", "", ""), new ResultColumn("accuracy", "", "")], "backend");
        foreach (var backend in new[] { "float", "static:ECRAM" })
        {
            for (var epoch = 0; epoch <= 4; epoch++)
            {
                table.Add(backend, epoch, backend == "float" ? level : 1 - level);
            }
        }

        return (new FigureSpec("f", "f", "t", "epoch", [new FigureSeries("accuracy")], "epoch", "accuracy", SplitByLabel: true, XKind: AxisKind.Count), table);
    }

    // The clip-path ids a document defines, in order.
    private static string[] ClipIds(string svg) => [.. ClipDefinition().Matches(svg).Select(m => m.Groups[1].Value)];

    private static string[] ClipNumbersInOrder(string svg) => [.. Enumerable.Range(1, ClipIds(svg).Length).Select(n => FormattableString.Invariant($"cl_{n}"))];

    [GeneratedRegex("<clipPath id=\"(cl_[0-9a-f]+)\"")]
    private static partial Regex ClipDefinition();
}
