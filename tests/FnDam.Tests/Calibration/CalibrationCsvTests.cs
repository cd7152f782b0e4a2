using FnDam.Calibration;
using FnDam.Numerics;

namespace FnDam.Tests.Calibration;

public sealed class CalibrationCsvTests
{
    [Fact]
    public void UnitSuffixes_AreConvertedToSeconds_AndVolts()
    {
        var set = TraceCsv.Parse("# comment\ntrace,t_h,v_mV\nA,0,7600\nA,0.5,7500\n\nB,0,8000\nA,1,7400.5\n", "data.csv", cancellation: TestContext.Current.CancellationToken);
        Assert.Equal(2, set.Traces.Count);
        var a = set.Traces[0];
        Assert.Equal("A", a.Name);
        Assert.Equal([0.0, 1800.0, 3600.0], a.Times);
        Assert.Equal(7.6, a.Voltages[0], 12);
        Assert.Equal(7.4005, a.Voltages[2], 12);
        Assert.Equal("B", set.Traces[1].Name);
    }

    [Theory]
    [InlineData("t (s),v [V]", 1.0, 1.0)]
    [InlineData("time [s],voltage_V", 1.0, 1.0)]
    [InlineData("t_ms,v_uV", 1e-3, 1e-6)]
    [InlineData("time (min),voltage [V]", 60.0, 1.0)]
    [InlineData("T_S,V_V", 1.0, 1.0)]
    [InlineData("t_us,Vfg_mv", 1e-6, 1e-3)]
    [InlineData("t_d,v (µV)", 86400.0, 1e-6)]
    [InlineData("time (h),V_mV", 3600.0, 1e-3)]
    public void HeaderGrammar_GivesTheUnitFactors(string header, double timeFactor, double voltageFactor)
    {
        var set = TraceCsv.Parse($"{header}\n1,2\n3,4\n", "x.csv", cancellation: TestContext.Current.CancellationToken);
        var trace = Assert.Single(set.Traces);
        Assert.Equal("x", trace.Name);
        Assert.Equal(3 * timeFactor, trace.Times[1], 12);
        Assert.Equal(4 * voltageFactor, trace.Voltages[1], 12);
    }

    [Theory]
    [InlineData("t_s,v_V,temp\n0,7,1\n", "column 3 'temp': unknown column")]
    [InlineData("t_s,v_ms\n0,7\n", "line 1, column 2 'v_ms': unit 'ms' is not valid here; expected a voltage unit")]
    [InlineData("t_s,t_ms,v\n0,0,7\n", "column 2 't_ms': duplicates column 1 't_s'")]
    [InlineData("t_s,trace\n0,a\n", "needs a time column (t or time) and a voltage column")]
    [InlineData("t_s,v_V\n0,7\n1\n", "line 3: 1 fields, but the header has 2 columns")]
    [InlineData("t_s,v_V\n0,7\n1,abc\n", "line 3, column 2 'v_V': 'abc' is not a number")]
    [InlineData("t_s,v_V\n0,7.6\n1,7.5999\u0000\n", "line 3, column 2 'v_V': '7.5999\\x00' is not a number")]
    [InlineData("t_s,v_V\n0,7.6\n1\u0000\u0000,7.5\n", "line 3, column 1 't_s': '1\\x00\\x00' is not a number")]
    [InlineData("t_s,v_V\n0,7\nNaN,6.9\n", "line 3, column 1 't_s': NaN is not a finite number")]
    [InlineData("t_s,v_V\n0,7\n1,Infinity\n", "line 3, column 2 'v_V': Infinity is not a finite number")]
    [InlineData("t_s,v_V\n0,7\n1,0\n", "line 3, column 2 'v_V': voltage 0 V must be > 0")]
    [InlineData("t_s,v_V\n0,7\n1,-6.9\n", "line 3, column 2 'v_V': voltage -6.9 V must be > 0")]
    [InlineData("t_s,v_V\n-1,7\n", "line 2, column 1 't_s': time -1 s is negative")]
    [InlineData("t_s,v_V\n0,7\n5,6.9\n5,6.8\n", "line 4, column 1 't_s': time 5 s repeats the previous time 5 s of trace 'f' (line 3)")]
    [InlineData("trace,t_s,v_V\na,0,7\nb,9,7\na,5,6.9\na,2,6.8\n", "line 5, column 2 't_s': time 2 s goes back from the previous time 5 s of trace 'a' (line 4)")]
    [InlineData("t_s,v_V\n", "has a header but no data rows")]
    [InlineData("# only a comment\n", "the file is empty")]
    [InlineData("t_s,v_V\n0,7\n1,\"6.9\n", "line 3: a quoted field is not closed")]
    [InlineData("t_s,v_V\n0,7\n1,6.9,2\n", "line 3: 3 fields, but the header has 2 columns")]
    public void BadTraceFiles_AreRefusedWithLineAndColumn(string text, string expected)
    {
        var e = Assert.Throws<InputException>(() => TraceCsv.Parse(text, "f.csv", cancellation: TestContext.Current.CancellationToken));
        Assert.StartsWith("trace file 'f.csv'", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Theory]
    [InlineData("\uFEFFt_s,v_V\r\n0,7.6\r\n10,7.5\r\n\r\n")]
    [InlineData("\uFEFF# measured on a 5\" wafer\nt_s,v_V\n0,7.6\n10,7.5\n")]
    [InlineData("\"t_s\",\"v_V\"\n0,7.6\n\"10\",7.5\n\n\n")]
    public void ByteOrderMark_CrLf_Quotes_AndTrailingBlankLines_ReadTheSameTrace(string text)
    {
        var trace = Assert.Single(TraceCsv.Parse(text, "x.csv", cancellation: TestContext.Current.CancellationToken).Traces);
        Assert.Equal([0.0, 10.0], trace.Times);
        Assert.Equal([7.6, 7.5], trace.Voltages);
    }

    [Fact]
    public void TraceFileWithAByteOrderMark_IsRead_AndItsErrorsKeepTheFileLine()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("fndam-bom-").FullName, "bom.csv");
        try
        {
            File.WriteAllBytes(path, [.. System.Text.Encoding.UTF8.GetPreamble(), .. "trace,t_s,v_V\r\na,0,7.6\r\na,10,7.5\r\n"u8.ToArray()]);
            var set = TraceCsv.Read(path, cancellation: TestContext.Current.CancellationToken);
            Assert.Equal("a", Assert.Single(set.Traces).Name);
            File.WriteAllBytes(path, [.. System.Text.Encoding.UTF8.GetPreamble(), .. "t_s,v_V\r\n\r\n0,7.6\r\n10,abc\r\n"u8.ToArray()]);
            var e = Assert.Throws<InputException>(() => TraceCsv.Read(path, cancellation: TestContext.Current.CancellationToken));
            Assert.Contains("line 4, column 2 'v_V': 'abc' is not a number", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Fact]
    public void PulseFile_IsReadInSIUnits()
    {
        var set = PulseCsv.Parse("width_ms,amplitude (V),before [V],step_uV\n10,2,7.6,-43.5\n", "p.csv", cancellation: TestContext.Current.CancellationToken);
        var p = Assert.Single(set.Pulses);
        Assert.Equal(0.01, p.Width, 15);
        Assert.Equal(2.0, p.Amplitude);
        Assert.Equal(7.6, p.VoltageBefore);
        Assert.Equal(-43.5e-6, p.Step, 15);
    }

    [Theory]
    [InlineData("width_s,amplitude_V,before_V,step_V,extra\n1,1,7,-1,0\n", "column 5 'extra': unknown column")]
    [InlineData("width_s,amplitude_V,before_V\n1,1,7\n", "missing column(s) step")]
    [InlineData("width,amplitude,before,step\n0,1,7,-1e-6\n", "line 2, column 1 'width': pulse width 0 s must be > 0")]
    [InlineData("width,amplitude,before,step\n1,0,7,-1e-6\n", "line 2, column 2 'amplitude': pulse amplitude 0 V")]
    [InlineData("width,amplitude,before,step\n1,1,-7,-1e-6\n", "line 2, column 3 'before': voltage before -7 V must be > 0")]
    [InlineData("width,amplitude,before,step\n1,1,7,nan\n", "line 2, column 4 'step': nan is not a finite number")]
    public void BadPulseFiles_AreRefusedWithLineAndColumn(string text, string expected)
    {
        var e = Assert.Throws<InputException>(() => PulseCsv.Parse(text, "p.csv", new BareColumnUnits { Time = "s", Voltage = "V" }, cancellation: TestContext.Current.CancellationToken));
        Assert.StartsWith("pulse file 'p.csv'", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }
}
