using FnDam.Datasets;
using FnDam.Numerics;

namespace FnDam.Tests.Datasets;

/// <summary>Which column of a CSV data file is the label: named, given, or the last; and the refusals when the column
/// taken does not look like a class.</summary>
public sealed class CsvLabelColumnTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fndam-label-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string text)
    {
        var path = Path.Combine(_folder, "data.csv");
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Label first, then two features: six rows, classes 0..2, the measurements continuous.</summary>
    private const string LabelFirst = "0,1.5,20.25\n1,2.5,30.5\n2,3.5,40.75\n0,1.25,21.5\n1,2.25,31.75\n2,3.25,41.125\n";

    private static InputException Refused(string path, CsvLayout? layout = null) =>
        Assert.Throws<InputException>(() => CsvDatasetReader.Read(path, layout: layout));

    [Theory]
    [InlineData("label")]
    [InlineData("Class")]
    [InlineData("TARGET")]
    [InlineData("y")]
    public void AHeaderNamedLikeALabel_IsTheLabel_WhereverItStands(string name)
    {
        var data = CsvDatasetReader.Read(Write($"{name},a,b\n" + LabelFirst), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(2, data.FeatureCount);
        Assert.Equal(3, data.ClassCount);
        Assert.Equal([0, 1, 2, 0, 1, 2], data.Labels);
        Assert.Equal([1.5f, 20.25f], data.Row(0).ToArray());
    }

    [Fact]
    public void Class_IsPreferredToY_SoAPointSetWithAYCoordinateKeepsIt()
    {
        var data = CsvDatasetReader.Read(Write("x,y,class\n0.5,1.5,0\n0.25,2.5,1\n0.75,3.5,0\n1.5,4.5,1\n"), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal([0.5f, 1.5f], data.Row(0).ToArray());
        Assert.Equal([0, 1, 0, 1], data.Labels);
    }

    [Fact]
    public void LabelFirst_WithoutALabelHeader_IsRefused_NamingTheColumnTaken_AndHowToChoose()
    {
        var path = Write("kind,a,b\n" + LabelFirst);
        var e = Refused(path);
        Assert.Contains($"{path}, line 2, column 3 'b' (label): 20.25 is not an integer class index, so the label column looks continuous", e.Message, StringComparison.Ordinal);
        Assert.Contains("the label was taken from column 3 'b' (the last column, as no column is named label, class, target or y)", e.Message, StringComparison.Ordinal);
        Assert.Contains("--label-column first|last|NAME|INDEX", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("first")]
    [InlineData("FIRST")]
    [InlineData("1")]
    [InlineData(" kind ")]
    public void TheLabelColumnGiven_ByKeywordIndexOrName_IsTaken(string given)
    {
        var data = CsvDatasetReader.Read(Write("kind,a,b\n" + LabelFirst), layout: new CsvLayout(given), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(2, data.FeatureCount);
        Assert.Equal(3, data.ClassCount);
        Assert.Equal([3.5f, 40.75f], data.Row(2).ToArray());
    }

    [Fact]
    public void NoHeader_ReadsTheFirstLineAsData_AndRefusesAFirstLineOfText()
    {
        var path = Write(LabelFirst);
        var data = CsvDatasetReader.Read(path, layout: new CsvLayout("first", NoHeader: true), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(6, data.Count);
        Assert.Equal(0, data.Labels[0]);
        var text = Write("kind,a,b\n" + LabelFirst);
        Assert.Contains($"{text}, line 1, column 2: 'a' is not a finite number", Refused(text, new CsvLayout("first", NoHeader: true)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoHeader_RefusesALabelColumnGivenByName_ListingWhatIsValid()
    {
        var e = Refused(Write(LabelFirst), new CsvLayout("kind", NoHeader: true));
        Assert.Contains("--label-column 'kind' (config field 'labelColumn') names a column, but with --no-header (config field 'noHeader') the file has no header; valid: first, last or a column index 1..3", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("4", "--label-column '4' (config field 'labelColumn'): the file has 3 columns; valid: first, last, a column name (kind, a, b) or a column index 1..3.")]
    [InlineData("-1", "--label-column '-1' (config field 'labelColumn'): the file has 3 columns; valid: first, last, a column name (kind, a, b) or a column index 1..3.")]
    [InlineData("species", "--label-column 'species' (config field 'labelColumn'): no column is named so; valid: first, last, a column name (kind, a, b) or a column index 1..3.")]
    public void AnIndexOutOfRange_OrAnUnknownName_IsRefused_ListingTheChoices(string given, string expected)
    {
        var path = Write("kind,a,b\n" + LabelFirst);
        Assert.Equal($"{path}: {expected}", Refused(path, new CsvLayout(given)).Message);
    }

    [Fact]
    public void ALabelColumnWithMoreDistinctValuesThanHalfTheRows_IsRefused_AsAFeature()
    {
        var path = Write("a,b,count\n1,2,10\n3,4,11\n5,6,12\n7,8,10\n");
        var e = Refused(path);
        Assert.Contains("the label column holds 3 distinct values in 4 rows, more than half the rows, so it looks like a feature or a measurement, not a class", e.Message, StringComparison.Ordinal);
        Assert.Contains("column 3 'count'", e.Message, StringComparison.Ordinal);
        Assert.Contains("--label-column", e.Message, StringComparison.Ordinal);
        var headerless = Write("1,2,10\n3,4,11\n5,6,12\n7,8,10\n");
        Assert.Contains("the label was taken from column 3 (the last column, as the file has no header naming a label)", Refused(headerless).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnIntegerMeasurementLast_IsRefusedAsAFeature_BeforeItsValuesCouldBeTakenForClassIndices()
    {
        var path = Write("class_id,alcohol,proline\n1,14.23,1065\n1,13.2,1050\n2,12.37,520\n2,12.33,680\n3,12.86,630\n3,12.88,530\n");
        var e = Refused(path);
        Assert.Equal($"{path}: the label column holds 6 distinct values in 6 rows, more than half the rows, so it looks like a feature or a measurement, not a class; the label was taken from column 3 'proline' (the last column, as no column is named label, class, target or y); choose the label column with --label-column first|last|NAME|INDEX (config field 'labelColumn').", e.Message);
        var data = CsvDatasetReader.Read(path, layout: new CsvLayout("class_id"), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(4, data.ClassCount);
        Assert.Equal([14.23f, 1065f], data.Row(0).ToArray());
    }

    [Fact]
    public void IntegerValuedLabels_WrittenWithADecimalPoint_AreClasses()
    {
        var data = CsvDatasetReader.Read(Write("1,2,0.0\n3,4,1.0\n5,6,0\n7,8,1\n"), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal([0, 1, 0, 1], data.Labels);
    }

    [Fact]
    public void TwoColumnsWithTheLabelName_AreRefused_RatherThanOneChosen()
    {
        var e = Refused(Write("label,a,label\n0,1,0\n1,2,1\n0,3,0\n1,4,1\n"));
        Assert.Contains("columns 1 and 3 are all named 'label'; choose the label column with --label-column", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ALayoutGivenForAnIdxFile_IsRefused()
    {
        var e = Assert.Throws<InputException>(() => BundledDatasets.LoadFile(Path.Combine(_folder, "x-images-idx3-ubyte"), 1, new CsvLayout("first"), cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("--label-column and --no-header", e.Message, StringComparison.Ordinal);
    }
}
