using FnDam.Datasets;
using FnDam.Numerics;

namespace FnDam.Tests.Datasets;

/// <summary>Bad shapes, rows and values given to <see cref="Dataset"/> and <see cref="Splits"/> are refused naming the
/// argument, never an OverflowException, an IndexOutOfRangeException, a NullReferenceException, a huge allocation or
/// silently NaN features.</summary>
public sealed class DatasetBoundaryTests
{
    public static TheoryData<string> Cases() => [.. BadCases.Keys];

    private static readonly Dictionary<string, (Action Make, string Parameter, string Text)> BadCases = new()
    {
        ["int.MaxValue classes"] = (() => _ = new Dataset("d", [1f, 2f], [0], 2, int.MaxValue), "classCount", "1000"),
        ["class names of another count"] = (() => _ = new Dataset("d", [1f, 2f], [0], 2, 3, ["a"]), "classNames", "must hold classCount = 3 names; got 1"),
        ["a NaN feature"] = (() => _ = new Dataset("d", [1f, float.NaN], [0], 2, 2), "features", "features[1] (row 0, feature 1) must be a finite number; got NaN"),
        ["no name"] = (() => _ = new Dataset(null!, [1f, 2f], [0], 2, 2), "name", "name"),
        ["take a negative count"] = (() => Two().Take(-1), "count", "non-negative"),
        ["a subset row past the data"] = (() => Two().Subset("s", [int.MinValue]), "rows", "rows[0] must be a row index in [0, 2)"),
        ["a subset past what an array holds"] = (() => Wide().Subset("s", new int[3000]), "rows", "3000 rows of 1048576 features exceed the"),
        ["a subset with no name"] = (() => Two().Subset(null!, [0]), "name", "name"),
        ["standardise from no rows"] = (() => Splits.Standardise(new Dataset("e", [], [], 2, 2), Two()), "train", "no rows"),
        ["standardise another width"] = (() => Splits.Standardise(Two(), new Dataset("o", [1f, 2f, 3f], [0], 3, 2)), "others", "must have the training set's 2 features per row; got 3"),
        ["standardise a null set"] = (() => Splits.Standardise(Two(), [null!]), "others", "others[0] is null"),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void BadArgument_IsRefused_NamingIt(string name)
    {
        var (make, parameter, text) = BadCases[name];
        var e = Assert.ThrowsAny<ArgumentException>(make);
        Assert.Equal(parameter, e.ParamName);
        Assert.Contains(text, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void Scale_ByANonFiniteFactor_IsRefused_AndLeavesTheFeatures(float factor)
    {
        var data = Two();

        var e = Assert.Throws<InputException>(() => Splits.Scale(data, factor));

        Assert.StartsWith("scale factor must be a finite number", e.Message, StringComparison.Ordinal);
        Assert.Equal([1f, 2f, 3f, 4f], data.Features);
    }

    [Fact]
    public void Subset_CopiesTheRowsInOrder_WithTheSourceClasses()
    {
        var data = new Dataset("d", [1f, 2f, 3f, 4f, 5f, 6f], [0, 1, 2], 2, 3, ["a", "b", "c"]);

        var subset = data.Subset("s", [2, 0, 2]);

        Assert.Equal("s", subset.Name);
        Assert.Equal([5f, 6f, 1f, 2f, 5f, 6f], subset.Features);
        Assert.Equal([2, 0, 2], subset.Labels);
        Assert.Equal((2, 3), (subset.FeatureCount, subset.ClassCount));
        Assert.Equal(["a", "b", "c"], subset.ClassNames);
        Assert.Equal([1f, 2f, 3f, 4f], data.Take(2).Features);
    }

    private static Dataset Wide() => new("w", new float[1 << 20], [0], 1 << 20, 2);

    private static Dataset Two() => new("d", [1f, 2f, 3f, 4f], [0, 1], 2, 2);
}
