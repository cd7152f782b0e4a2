using FnDam.Configuration;
using FnDam.Results;

namespace FnDam.Calibration;

/// <summary>
/// The data of a fit as result tables, figures and a JSON summary (what <c>fndam fit</c> writes); never files.
/// </summary>
/// <remarks>
/// Tables: <c>fit_parameters</c> (estimate, standard error, relative standard error, 3σ interval, fixed flag; units
/// k1 1/s, k2 V, a0 s, V0 V, kappa 1), <c>fit_correlation</c> (of ln k1, ln k2, ln a0), <c>fit_points</c> (every
/// measured point with its fitted value and residual), <c>fit_over_data</c> (measured points merged with a dense
/// fitted curve, NaN where a row has no measurement) and, with pulses, <c>pulse_points</c>. Figures:
/// <c>fit_over_data</c>, <c>fit_residuals</c> and, with pulses, <c>pulse_fit</c>. The time axis is logarithmic
/// when the positive times span more than two decades (t = 0 is then left out of the figure, not of the fit).
/// </remarks>
public static class FitReport
{
    private const int CurvePoints = 200;

    /// <summary>Builds the tables, figures and scalars of a fit.</summary>
    /// <param name="trajectory">The trace fit.</param>
    /// <param name="couplingRatio">The κ fit, or null.</param>
    /// <returns>The result, named <c>fit</c>.</returns>
    public static ExperimentResult Build(TrajectoryFitResult trajectory, CouplingRatioFitResult? couplingRatio)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        var provenance = $"Levenberg–Marquardt fit of V = k2/ln(k1·(t + a0)) to {Path.GetFileName(trajectory.Data.Source)}";
        var parameters = new ResultTable(
            "fit_parameters",
            "Fitted parameters",
            provenance,
            [
                new ResultColumn("estimate", "SI", "Estimate (k1 1/s, k2 V, a0 s, V0 V, kappa 1)"),
                new ResultColumn("standard_error", "SI", "Standard error by the delta method"),
                new ResultColumn("relative_standard_error", "", "Standard error relative to the estimate (of the logarithm for k1, k2, a0)"),
                new ResultColumn("lower_3sigma", "SI", "Lower end of the 3σ interval"),
                new ResultColumn("upper_3sigma", "SI", "Upper end of the 3σ interval"),
                new ResultColumn("fixed", "", "1 when the value was given, not fitted"),
            ],
            "parameter");
        var all = trajectory.Parameters.ToList();
        if (couplingRatio is not null)
        {
            all.Add(couplingRatio.Kappa);
        }

        foreach (var p in all)
        {
            parameters.Add(p.Name, p.Estimate, p.StandardError, p.RelativeStandardError, p.Lower, p.Upper, p.Fixed ? 1 : 0);
        }

        var names = trajectory.CorrelationNames;
        var correlation = new ResultTable(
            "fit_correlation",
            "Correlation of the fitted parameters (of their logarithms)",
            provenance,
            [.. names.Select(n => new ResultColumn(n, "", $"Correlation with {n}"))],
            "parameter");
        for (var i = 0; i < names.Count; i++)
        {
            correlation.Add(names[i], [.. Enumerable.Range(0, names.Count).Select(j => trajectory.Correlation(i, j))]);
        }

        var points = new ResultTable(
            "fit_points",
            "Measured points, fitted values and residuals",
            provenance,
            [
                new ResultColumn("time_s", "s", "Time since the start of the trace"),
                new ResultColumn("voltage_v", "V", "Measured voltage"),
                new ResultColumn("fitted_v", "V", "Fitted voltage"),
                new ResultColumn("residual_uv", "µV", "Measured minus fitted"),
            ],
            "trace");
        var overlay = new ResultTable(
            "fit_over_data",
            "Measured points and the fitted trajectory",
            provenance,
            [
                new ResultColumn("time_s", "s", "Time since the start of the trace"),
                new ResultColumn("measured_v", "V", "Measured voltage (NaN on rows of the fitted curve only)"),
                new ResultColumn("fitted_v", "V", "Fitted voltage"),
            ],
            "trace");
        var logTime = UseLogTime(trajectory);
        for (var i = 0; i < trajectory.Traces.Count; i++)
        {
            var trace = trajectory.Traces[i];
            var rows = new List<(double T, double Measured, double Fitted)>();
            for (var j = 0; j < trace.Times.Count; j++)
            {
                points.Add(trace.Name, trace.Times[j], trace.Voltages[j], trace.Fitted[j], (trace.Voltages[j] - trace.Fitted[j]) * 1e6);
                rows.Add((trace.Times[j], trace.Voltages[j], trace.Fitted[j]));
            }

            foreach (var t in CurveTimes(trace, logTime))
            {
                rows.Add((t, double.NaN, trajectory.Voltage(i, t)));
            }

            foreach (var row in rows.OrderBy(r => r.T))
            {
                overlay.Add(trace.Name, row.T, row.Measured, row.Fitted);
            }
        }

        var scale = logTime ? AxisScale.Log10 : AxisScale.Linear;
        var tables = new List<ResultTable> { parameters, correlation, points, overlay };
        var figures = new List<FigureSpec>
        {
            new(
                "fit_over_data",
                "Measured traces and the fitted FN trajectory",
                "fit_over_data",
                "time_s",
                [new FigureSeries("measured_v", Legend: "measured", Style: SeriesStyle.Markers), new FigureSeries("fitted_v", Legend: "fit", Style: SeriesStyle.Line)],
                "time since start of trace (s)",
                "floating-gate voltage (V)",
                XScale: scale,
                SplitByLabel: true),
            new(
                "fit_residuals",
                "Residuals of the trajectory fit",
                "fit_points",
                "time_s",
                [new FigureSeries("residual_uv", Style: SeriesStyle.Markers)],
                "time since start of trace (s)",
                "measured − fitted (µV)",
                XScale: scale,
                SplitByLabel: true),
        };

        var scalars = new List<ResultScalar>
        {
            new("k1_per_s", trajectory.K1.Estimate, "1/s", provenance),
            new("k2_v", trajectory.K2.Estimate, "V", trajectory.K2.Fixed ? "fixed" : provenance),
            new("rmse_v", trajectory.Rmse, "V", provenance),
            new("r_squared", trajectory.RSquared, string.Empty, provenance),
        };

        if (couplingRatio is not null)
        {
            var pulseProvenance = $"Levenberg–Marquardt fit of κ in FnPhysics.PulseChange to {Path.GetFileName(couplingRatio.Data.Source)}";
            var pulses = new ResultTable(
                "pulse_points",
                "Measured pulse responses and the fitted steps",
                pulseProvenance,
                [
                    new ResultColumn("width_s", "s", "Pulse width"),
                    new ResultColumn("amplitude_v", "V", "Pulse amplitude"),
                    new ResultColumn("before_v", "V", "Voltage before the pulse"),
                    new ResultColumn("measured_step_uv", "µV", "Measured step"),
                    new ResultColumn("fitted_step_uv", "µV", "Fitted step"),
                    new ResultColumn("residual_uv", "µV", "Measured minus fitted"),
                ]);
            for (var j = 0; j < couplingRatio.Data.Pulses.Count; j++)
            {
                var p = couplingRatio.Data.Pulses[j];
                var fitted = couplingRatio.Predicted[j];
                pulses.Add(p.Width, p.Amplitude, p.VoltageBefore, p.Step * 1e6, fitted * 1e6, (p.Step - fitted) * 1e6);
            }

            tables.Add(pulses);
            figures.Add(new FigureSpec(
                "pulse_fit",
                "Pulse steps: fitted against measured",
                "pulse_points",
                "measured_step_uv",
                [new FigureSeries("fitted_step_uv", Legend: "fit", Style: SeriesStyle.Markers), new FigureSeries("measured_step_uv", Legend: "fitted = measured", Style: SeriesStyle.Line)],
                "measured step (µV)",
                "fitted step (µV)"));
            scalars.Add(new ResultScalar("coupling_ratio", couplingRatio.Kappa.Estimate, string.Empty, pulseProvenance));
        }

        var summary = $"Fit of {trajectory.Traces.Count} trace(s), {trajectory.PointCount} points, k2 {(trajectory.K2.Fixed ? "fixed" : "fitted")}: "
            + $"RMSE {trajectory.Rmse:G3} V, R² {trajectory.RSquared:G6}, {trajectory.Warnings.Count} warning(s).";
        return new ExperimentResult("fit", "Calibration from measured traces", summary, tables, figures, scalars);
    }

    /// <summary>The JSON summary of a fit: every estimate with its error, correlations, goodness of fit, warnings.</summary>
    /// <param name="trajectory">The trace fit.</param>
    /// <param name="couplingRatio">The κ fit, or null.</param>
    /// <returns>Indented JSON; non-finite numbers are written as null.</returns>
    public static string SummaryJson(TrajectoryFitResult trajectory, CouplingRatioFitResult? couplingRatio)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        var names = trajectory.CorrelationNames;
        var document = new FitSummaryDocument(
            Path.GetFileName(trajectory.Data.Source),
            couplingRatio is null ? null : Path.GetFileName(couplingRatio.Data.Source),
            "V = k2/ln(k1·(t + a0)), k1 and k2 shared, a0 per trace",
            trajectory.K2.Fixed,
            trajectory.Converged,
            trajectory.Solver.Termination.ToString(),
            trajectory.Solver.Iterations,
            FitSummaryDocument.Finite(trajectory.Solver.ConditionNumber),
            trajectory.PointCount,
            trajectory.ParameterCount,
            FitSummaryDocument.Finite(trajectory.Rmse),
            FitSummaryDocument.Finite(trajectory.RSquared),
            [.. trajectory.Parameters.Select(FitEstimateDocument.Of), .. couplingRatio is null ? [] : new[] { FitEstimateDocument.Of(couplingRatio.Kappa) }],
            new FitCorrelationDocument(
                [.. names],
                [.. Enumerable.Range(0, names.Count).Select(i => (IReadOnlyList<double?>)[.. Enumerable.Range(0, names.Count).Select(j => FitSummaryDocument.Finite(trajectory.Correlation(i, j)))])]),
            [.. trajectory.Traces.Select(t => new FitTraceDocument(t.Name, t.Times.Count, FitSummaryDocument.Finite(t.Times[^1] - t.Times[0]), FitSummaryDocument.Finite(t.Rmse)))],
            couplingRatio is null ? null : new FitPulseDocument(
                couplingRatio.Data.Pulses.Count,
                FitSummaryDocument.Finite(couplingRatio.Rmse),
                FitSummaryDocument.Finite(couplingRatio.RSquared),
                FitSummaryDocument.Finite(couplingRatio.ConditionalStandardError),
                couplingRatio.Solver.Converged),
            [.. trajectory.Warnings.Concat(couplingRatio?.Warnings ?? []).Select(w => new FitWarningDocument(w.Message, [.. w.Parameters]))]);
        return JsonDocuments.Write(document, CalibrationJson.Relaxed.FitSummaryDocument);
    }

    private static bool UseLogTime(TrajectoryFitResult trajectory)
    {
        var positive = trajectory.Traces.SelectMany(t => t.Times).Where(t => t > 0).ToArray();
        return positive.Length > 0 && positive.Max() / positive.Min() > 100;
    }

    private static IEnumerable<double> CurveTimes(TraceFit trace, bool logTime)
    {
        var first = trace.Times[0];
        var last = trace.Times[^1];
        if (logTime)
        {
            var lo = first > 0 ? first : trace.Times.First(t => t > 0);
            for (var k = 0; k < CurvePoints; k++)
            {
                yield return lo * Math.Pow(last / lo, k / (double)(CurvePoints - 1));
            }
        }
        else
        {
            for (var k = 0; k < CurvePoints; k++)
            {
                yield return first + ((last - first) * k / (CurvePoints - 1));
            }
        }
    }
}
