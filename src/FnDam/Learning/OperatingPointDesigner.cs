using System.Globalization;
using FnDam.Devices;
using FnDam.Numerics;

namespace FnDam.Learning;

/// <summary>A training workload as the operating-point designer needs it.</summary>
/// <param name="Steps">Minibatch steps of the run, positive.</param>
/// <param name="StepSeconds">Simulated duration of one step Δt (s), positive.</param>
/// <param name="LearningRate">η, positive.</param>
/// <param name="Synapses">Synapses of the network (for the run's total energy), positive.</param>
/// <param name="Updates">The workload's requested update scale (<see cref="UpdateScaleProbe"/>).</param>
public sealed record TrainingWorkload(long Steps, double StepSeconds, double LearningRate, long Synapses, UpdateScale Updates)
{
    /// <summary>Physical duration of the run T = steps·Δt (s).</summary>
    public double Duration => Steps * StepSeconds;
}

/// <summary>What the designer is asked for.</summary>
/// <param name="Device">The device law and periphery (a built-in or fitted preset); its V0 and g are replaced.</param>
/// <param name="Workload">The training workload.</param>
/// <param name="ScheduleRatio">Target ratio r of the final to the initial effective learning rate over the run, in (0, 1).</param>
/// <param name="PulseAmplitude">Pulse amplitude V_p (V), below <see cref="FnDamPreset.LargestPulseAmplitude"/>, or null for the device's nominal amplitude.</param>
/// <param name="SynapseGain">Synapse gain g (1/V), at most <see cref="FnDamPreset.MaximumSynapseGain"/>, or null to choose it (the largest typical update fills one T_max pulse).</param>
/// <param name="StepTimeIsFree">Whether the designer may lengthen a step that is shorter than T_max to T_max.</param>
/// <param name="Calibration">How the array's pairs are zeroed (<see cref="Backends.PairCalibration"/>): with drift
/// calibration the gain is limited by the drift left after calibration, not by the raw drift.</param>
public sealed record DesignRequest(
    FnDamPreset Device,
    TrainingWorkload Workload,
    double ScheduleRatio = OperatingPointDesigner.DefaultScheduleRatio,
    double? PulseAmplitude = null,
    double? SynapseGain = null,
    bool StepTimeIsFree = false,
    Backends.PairCalibrationMethod Calibration = Backends.PairCalibrationMethod.Drift);

/// <summary>One time of the predicted schedule.</summary>
/// <param name="Time">Time since the start of the run (s).</param>
/// <param name="Voltage">Voltage of a free element (V).</param>
/// <param name="LearningRateRatio">Effective learning rate over η: s(t)/s(0), the update per second of a pulse at t over that at 0.</param>
/// <param name="AnnealedRatio">The annealed-SGD guide a0/(t + a0).</param>
/// <param name="DecayPerStep">Intrinsic weight decay per step λ(t)·Δt, λ = (1 + 2V/k2)/a.</param>
/// <param name="L2Coefficient">The same decay as an L2 coefficient c of SGD at the effective rate: λΔt/(η·s(t)/s(0)).</param>
public readonly record struct SchedulePoint(double Time, double Voltage, double LearningRateRatio, double AnnealedRatio, double DecayPerStep, double L2Coefficient);

/// <summary>A designed operating point and what the closed forms predict for it.</summary>
/// <param name="Preset">The designed preset (the device with V0, V_p and g replaced).</param>
/// <param name="Request">The request.</param>
/// <param name="StepSeconds">Δt used (the request's, or T_max where the step time is free and was shorter).</param>
/// <param name="Duration">T = steps·Δt (s).</param>
/// <param name="InitialAge">a0 (s).</param>
/// <param name="ReferenceUpdatePerSecond">s_ref = |ΔV(T_nom)|/T_nom of a fresh element (V/s).</param>
/// <param name="Schedule">The predicted schedule at 11 times from 0 to T.</param>
/// <param name="FinalLearningRateRatio">s(T)/s(0), the achieved r.</param>
/// <param name="WeightRetention">exp(−∫λ dt) over the run: what is left of a weight that receives no update.</param>
/// <param name="PairRateMismatch">ε: standard deviation of the relative difference of the two halves' leakage rates at V0.</param>
/// <param name="DriftBound">g·ε·(V0²/k2)·ln((a0 + T)/a0): the RMS drift of a pair's weight over the run from mismatch.</param>
/// <param name="CalibratedDrift">The RMS drift left after drift calibration (the calibration reads' noise carried over the
/// run), or <see cref="DriftBound"/> when the pairs are only trimmed at the start.</param>
/// <param name="TypicalWidth">Pulse width of the median request at the start (s).</param>
/// <param name="EnergyPerUpdate">Source energy of that pulse at the start (J).</param>
/// <param name="EnergyPerUpdateLargest">Source energy of a T_max pulse at the start (J).</param>
/// <param name="SmallestWeightStep">g·s_ref·T_min: the smallest realisable weight change at the start.</param>
/// <param name="LargestWeightStep">g·s_ref·T_max: the largest weight change of one step at the start.</param>
/// <param name="ResolutionBits">Resolution at the start, model.md 1.5: log2((V0 − V_floor)/max(|ΔV(T_min)|, σ_read)).</param>
/// <param name="EffectiveBits">The same with the read noise taken as a Gaussian: log2((V0 − V_floor)/max(|ΔV(T_min)|, 2√2·σ_read)),
/// never above <paramref name="ResolutionBits"/>.</param>
/// <param name="TotalUpdateEnergyBound">Energy per update × steps × synapses: the run's update energy if every synapse were pulsed every step (J).</param>
/// <param name="FinalVoltage">Free voltage at T (V).</param>
/// <param name="CalibrationTime">Idle time the pairs' drift calibration takes before training (s; 0 without it).</param>
/// <param name="CalibrationEnergy">Energy of the calibration's reads for the whole network (J; 0 without it).</param>
public sealed record OperatingPointDesign(
    FnDamPreset Preset,
    DesignRequest Request,
    double StepSeconds,
    double Duration,
    double InitialAge,
    double ReferenceUpdatePerSecond,
    IReadOnlyList<SchedulePoint> Schedule,
    double FinalLearningRateRatio,
    double WeightRetention,
    double PairRateMismatch,
    double DriftBound,
    double CalibratedDrift,
    double TypicalWidth,
    double EnergyPerUpdate,
    double EnergyPerUpdateLargest,
    double SmallestWeightStep,
    double LargestWeightStep,
    double ResolutionBits,
    double EffectiveBits,
    double TotalUpdateEnergyBound,
    double FinalVoltage,
    double CalibrationTime,
    double CalibrationEnergy)
{
    /// <summary>One line: the designed point and its main predictions.</summary>
    public string Summary => string.Create(
        CultureInfo.InvariantCulture,
        $"operating point designed for {Request.Workload.Steps} steps of {StepSeconds:G4} s (requests |Δw|: median {Request.Workload.Updates.Median:G3}, 99th percentile {Request.Workload.Updates.P99:G3}, 99.99th {Request.Workload.Updates.P9999:G3}): V0 = {Preset.InitialVoltage:G5} V (a0 = {InitialAge:G4} s), V_p = {Preset.PulseAmplitude:G4} V, g = {Preset.SynapseGain:G4} 1/V; "
        + $"learning rate falls to {FinalLearningRateRatio:G3} of its start, weights keep {WeightRetention:G3} without updates, mismatch drift ≤ {DriftBound:G3} RMS ({CalibratedDrift:G3} after calibration), {EnergyPerUpdate * 1e15:G4} fJ per update, {ResolutionBits:G4} bits");
}

/// <summary>
/// Chooses the operating point at which an FN-DAM array's own dynamics match a training run (model.md, "Designing the
/// operating point"): V0 (hence a0) so that the device anneals the effective learning rate by the target ratio over
/// the run, and the gain g so that the workload's large requests fit one pulse; then predicts, from the closed forms,
/// the schedule, the intrinsic decay, the mismatch drift, the energy and the resolution.
/// </summary>
public static class OperatingPointDesigner
{
    /// <summary>Default target ratio of final to initial effective learning rate (model.md explains the choice).</summary>
    public const double DefaultScheduleRatio = 0.8;

    /// <summary>Largest mismatch drift per step, as a multiple of the median requested update, that the designed gain
    /// allows (model.md explains the choice, made on a validation split of the MNIST training rows).</summary>
    public const double DriftToMedianUpdate = 2.0;

    /// <summary>Designs the operating point.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The design and its predictions.</returns>
    /// <exception cref="InputException">No operating point meets the request; the message names the
    /// constraint and the nearest feasible value.</exception>
    /// <exception cref="InputException">A field of the request is out of range, or no operating point meets it.</exception>
    public static OperatingPointDesign Design(DesignRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var device = request.Device;
        var workload = request.Workload;
        var p = device.Parameters;
        Check(workload.Steps >= 1, "steps", workload.Steps, "a positive step count");
        Check(double.IsFinite(workload.StepSeconds) && workload.StepSeconds > 0, "stepSeconds", workload.StepSeconds, "a positive duration (s)");
        Check(double.IsFinite(workload.LearningRate) && workload.LearningRate > 0, "learningRate", workload.LearningRate, "a positive number");
        Check(request.ScheduleRatio is > 0 and < 1, "scheduleRatio", request.ScheduleRatio, "a ratio in (0, 1)");
        var amplitude = request.PulseAmplitude ?? device.PulseAmplitude;
        var largestAmplitude = FnDamPreset.LargestPulseAmplitude(p, device.MaximumWidth);
        Check(
            double.IsFinite(amplitude) && amplitude > 0 && amplitude < largestAmplitude,
            "pulseAmplitude",
            amplitude,
            $"a positive voltage below {F(largestAmplitude)} V, the largest whose T_max = {F(device.MaximumWidth)} s pulse keeps an element at the floor voltage {F(p.FloorVoltage)} V above 0 V");
        Check(
            request.SynapseGain is null || (double.IsFinite(request.SynapseGain.Value) && request.SynapseGain > 0 && request.SynapseGain <= FnDamPreset.MaximumSynapseGain),
            "synapseGain",
            request.SynapseGain,
            $"a positive gain of at most {F(FnDamPreset.MaximumSynapseGain)} (1/V)");

        var step = workload.StepSeconds;
        if (step < device.MaximumWidth)
        {
            if (!request.StepTimeIsFree)
            {
                throw Infeasible(
                    "step-time",
                    $"the step time {F(step)} s is shorter than the longest pulse T_max = {F(device.MaximumWidth)} s that a step must hold; nearest feasible step time: {F(device.MaximumWidth)} s.");
            }

            step = device.MaximumWidth;
        }

        var duration = workload.Steps * step;
        var delta = p.Shift(amplitude);
        var width = device.PulseWidth;

        // r(a0) = s(T)/s(0) rises with a0 (an older element changes less over the same T). Bisection on ln a0.
        double Ratio(double age) => UpdatePerSecond(p, FnPhysics.VoltageAtAge(p.K1, p.K2, age + duration), delta, width)
            / UpdatePerSecond(p, FnPhysics.VoltageAtAge(p.K1, p.K2, age), delta, width);

        // The oldest start that still ends above the floor: V(a0 + T) = V_floor.
        var floorAge = FnPhysics.Age(p.K1, p.K2, p.FloorVoltage);
        var oldest = floorAge - duration;
        if (oldest <= 0)
        {
            var longest = floorAge * (1 - 1e-9) / step;
            throw Infeasible(
                "floor",
                $"a free element reaches the floor voltage {F(p.FloorVoltage)} V after {F(floorAge)} s even from the youngest state, before the run's {F(duration)} s ({workload.Steps} steps of {F(step)} s) end; nearest feasible: at most {Math.Floor(longest).ToString("F0", CultureInfo.InvariantCulture)} steps of {F(step)} s.");
        }

        var oldestUsable = oldest * (1 - 1e-6);
        var largestRatio = Ratio(oldestUsable);
        if (request.ScheduleRatio >= largestRatio)
        {
            throw Infeasible(
                "floor",
                $"a schedule ratio (scheduleRatio, --schedule-ratio) of {F(request.ScheduleRatio)} needs an initial age so old that the floor voltage {F(p.FloorVoltage)} V is reached before the run's {F(duration)} s end; nearest feasible schedule ratio: {F(Math.Floor(largestRatio * 1000) / 1000)}.");
        }

        // The youngest start searched: 1e-9 of the run, and never above the highest V0 a preset takes. The rate can fall
        // no further over the run than from there; a smaller ratio is refused rather than met at the end of the search.
        var youngest = Math.Max(duration * YoungestStartFraction, FnPhysics.Age(p.K1, p.K2, FnDamPreset.MaximumInitialVoltage));
        var smallestRatio = Ratio(youngest);
        if (request.ScheduleRatio < smallestRatio)
        {
            var nearest = RoundUp(smallestRatio);
            throw Infeasible(
                "youngest-start",
                nearest < largestRatio
                    ? $"a schedule ratio (scheduleRatio, --schedule-ratio) of {F(request.ScheduleRatio)} is below the smallest this run can reach: from the youngest start the designer takes, a0 = {F(youngest)} s (V0 = {F(FnPhysics.VoltageAtAge(p.K1, p.K2, youngest))} V; {YoungestStartFraction:G1} of the run's {F(duration)} s, V0 at most {F(FnDamPreset.MaximumInitialVoltage)} V), the effective learning rate falls only to {F(smallestRatio)} of its start; nearest feasible schedule ratio: {nearest.ToString("G3", CultureInfo.InvariantCulture)}."
                    : $"no schedule ratio (scheduleRatio, --schedule-ratio) is feasible for a run of {F(duration)} s on this device: from the youngest start the designer takes, a0 = {F(youngest)} s, the effective learning rate falls only to {F(smallestRatio)} of its start, and the oldest start that ends above the floor gives {F(largestRatio)}; a longer run (more epochs or steps, or a longer step time) widens the range.");
        }

        var low = Math.Log(youngest);
        var high = Math.Log(oldestUsable);
        for (var iteration = 0; iteration < 200 && high - low > 1e-13; iteration++)
        {
            var middle = 0.5 * (low + high);
            if (Ratio(Math.Exp(middle)) < request.ScheduleRatio)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        var a0 = Math.Exp(0.5 * (low + high));
        var v0 = FnPhysics.VoltageAtAge(p.K1, p.K2, a0);
        var sRef = UpdatePerSecond(p, v0, delta, width);
        var largestRequest = workload.Updates.P9999;
        double gain;
        var capped = false;
        var gainWhy = string.Empty;
        if (request.SynapseGain is { } given)
        {
            gain = given;
        }
        else
        {
            // The largest gain worth having lets the 99.99th-percentile request fit one T_max pulse (one request in 10⁴ is
            // clipped; decision 0115 chose the quantile on a validation split); the mismatch drift, a bias per step
            // proportional to g, caps it at DriftToMedianUpdate times the median request per step.
            var clipGain = largestRequest / (sRef * device.MaximumWidth);
            var driftPerGain = EffectiveDrift(request.Calibration, device, v0, a0, duration) / workload.Steps;
            var driftGain = driftPerGain > 0 ? DriftToMedianUpdate * workload.Updates.Median / driftPerGain : double.PositiveInfinity;
            gain = Math.Min(clipGain, driftGain);
            capped = gain > FnDamPreset.MaximumSynapseGain;
            gain = Math.Min(gain, FnDamPreset.MaximumSynapseGain);
            gainWhy = capped
                ? $"designed: g = {F(gain)} 1/V, the largest gain a preset takes (the 99.99th-percentile request {F(largestRequest)} would need g = {F(clipGain)} 1/V to fit one T_max pulse; larger requests are clipped at T_max)"
                : gain < clipGain
                ? $"designed: g = {F(gain)} 1/V, where the RMS mismatch drift per step ({(request.Calibration == Backends.PairCalibrationMethod.Drift ? "after drift calibration" : "uncalibrated")}) reaches {F(DriftToMedianUpdate)} × the median request {F(workload.Updates.Median)} (the 99.99th-percentile request {F(largestRequest)} would need g = {F(clipGain)} 1/V to fit one T_max pulse; larger requests are clipped at T_max)"
                : $"designed: g = Δw99.99/(s_ref·T_max) = {F(gain)} 1/V, so that the 99.99th-percentile request {F(largestRequest)} fits one T_max pulse";
        }

        // Clipping the largest requests at T_max is tolerated (it acts like gradient clipping); a gain at which even the
        // median request does not fit one T_max pulse leaves most of the learning to the driver's limit.
        var typicalRequest = workload.Updates.Median;
        var needed = typicalRequest / (gain * sRef);
        if ((request.SynapseGain is not null || capped) && needed > device.MaximumWidth)
        {
            var feasibleRate = workload.LearningRate * device.MaximumWidth / needed;
            var smallestGain = typicalRequest / (sRef * device.MaximumWidth);
            throw Infeasible(
                "pulse-width",
                $"at η = {F(workload.LearningRate)} the median update {F(typicalRequest)} needs a {F(needed)} s pulse at V_p = {F(amplitude)} V and g = {F(gain)} 1/V, longer than T_max = {F(device.MaximumWidth)} s; nearest feasible η: {F(feasibleRate)}"
                + (smallestGain <= FnDamPreset.MaximumSynapseGain ? $" (or g ≥ {F(smallestGain)} 1/V, or a higher amplitude)." : $" (a gain large enough, {F(smallestGain)} 1/V, is above the largest a preset takes, {F(FnDamPreset.MaximumSynapseGain)} 1/V; or a higher amplitude)."));
        }

        var schedule = new SchedulePoint[11];
        for (var k = 0; k < schedule.Length; k++)
        {
            var t = duration * k / (schedule.Length - 1);
            var v = FnPhysics.VoltageAtAge(p.K1, p.K2, a0 + t);
            var ratio = UpdatePerSecond(p, v, delta, width) / sRef;
            var lambda = (1 + (2 * v / p.K2)) / (a0 + t);
            schedule[k] = new SchedulePoint(t, v, ratio, a0 / (a0 + t), lambda * step, lambda * step / (workload.LearningRate * ratio));
        }

        // ∫λ dt with λ = (1 + 2V/k2)/a: V changes little over the run, so the mean factor times ln((a0 + T)/a0).
        var vEnd = FnPhysics.VoltageAtAge(p.K1, p.K2, a0 + duration);
        var meanFactor = 1 + ((v0 + vEnd) / p.K2);
        var retention = Math.Exp(-meanFactor * Math.Log((a0 + duration) / a0));

        var epsilon = PairRateMismatch(p, device.Mismatch, v0);
        var drift = gain * PairDrift(p, device.Mismatch, v0, a0, duration);
        var calibratedDrift = gain * EffectiveDrift(request.Calibration, device, v0, a0, duration);

        var fresh = new FnDamElement(p, v0);
        var typicalWidth = Math.Min(device.MaximumWidth, workload.Updates.Median / (gain * sRef));
        var typical = fresh.Preview(new ProgrammingPulse(amplitude, typicalWidth));
        var largest = fresh.Preview(new ProgrammingPulse(amplitude, device.MaximumWidth));
        var smallest = fresh.Preview(new ProgrammingPulse(amplitude, device.MinimumWidth));
        var sigma = device.ReadOut.NoiseSigma;
        var range = v0 - p.FloorVoltage;

        var why = string.Create(CultureInfo.InvariantCulture, $"designed for {workload.Steps} steps of {F(step)} s (T = {F(duration)} s), η = {F(workload.LearningRate)}, schedule ratio {F(request.ScheduleRatio)}");
        var designed = device.WithOperatingPoint(
            "designed-" + device.Name,
            $"{device.Name} at the operating point designed for the workload ({why}).",
            v0,
            amplitude,
            gain,
            new Dictionary<string, string>
            {
                ["initialVoltage"] = $"designed: V0 = k2/ln(k1·a0) with a0 = {F(a0)} s, so that the effective learning rate falls to {F(request.ScheduleRatio)} of its start over T = {F(duration)} s ({why})",
                ["pulseAmplitude"] = request.PulseAmplitude is null ? $"kept from {device.Name}: {F(amplitude)} V" : $"requested: {F(amplitude)} V",
                ["synapseGain"] = request.SynapseGain is null ? $"{gainWhy} ({workload.Updates.Description})" : $"requested: {F(gain)} 1/V",
            });

        return new OperatingPointDesign(
            designed,
            request,
            step,
            duration,
            a0,
            sRef,
            schedule,
            schedule[^1].LearningRateRatio,
            retention,
            epsilon,
            drift,
            calibratedDrift,
            typicalWidth,
            typical.SourceEnergy,
            largest.SourceEnergy,
            gain * Math.Abs(smallest.Change),
            gain * Math.Abs(largest.Change),
            FnPhysics.ResolutionBits(range, smallest.Change, sigma),
            FnPhysics.EffectiveBits(range, smallest.Change, sigma),
            typical.SourceEnergy * workload.Steps * workload.Synapses,
            vEnd,
            request.Calibration == Backends.PairCalibrationMethod.Drift ? Backends.PairCalibration.IntervalFraction * a0 : 0.0,
            request.Calibration == Backends.PairCalibrationMethod.Drift ? Backends.PairCalibration.EnergyFor(workload.Synapses) : 0.0);
    }

    /// <summary>ε: the RMS relative difference of the leakage rates of a pair's two halves at voltage V.</summary>
    /// <remarks>ln(rate) = ln k1 − ln k2 − k2/V + 2 ln V with k1 ∝ A_T/(C_T·t_ox) and k2 ∝ t_ox, so a pair differs by
    /// √2·sqrt(σ_A² + σ_C² + ((2 + k2/V)·σ_t)²): the oxide thickness enters through the exponent and dominates.</remarks>
    /// <param name="parameters">The nominal law.</param>
    /// <param name="mismatch">The spreads.</param>
    /// <param name="voltage">V (V).</param>
    /// <returns>ε.</returns>
    public static double PairRateMismatch(FnDamParameters parameters, MismatchSpread mismatch, double voltage)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(mismatch);
        var thicknessWeight = 2 + (parameters.K2 / voltage);
        return Math.Sqrt(2) * Math.Sqrt((mismatch.AreaSigma * mismatch.AreaSigma) + (mismatch.CapacitanceSigma * mismatch.CapacitanceSigma)
            + (thicknessWeight * thicknessWeight * mismatch.ThicknessSigma * mismatch.ThicknessSigma));
    }

    /// <summary>The RMS drift of a pair's voltage difference over a run: ε·(V0²/k2)·ln((a0 + T)/a0) (V); times g it is the weight's.</summary>
    /// <remarks>The halves' rates differ by ε at the same voltage and the rate is V²/(k2·a), so the difference grows as
    /// ε·∫V²/(k2·(a0 + t)) dt ≤ ε·(V0²/k2)·ln((a0 + T)/a0). A bound: the faster half also falls lower and slows, so the
    /// exact drift of a k1 mismatch is (V²/k2)·ε·T/(a0 + T), which the bound exceeds by 11 % at T = a0/4.</remarks>
    /// <param name="parameters">The nominal law.</param>
    /// <param name="mismatch">The spreads.</param>
    /// <param name="v0">V0 (V).</param>
    /// <param name="a0">a0 (s).</param>
    /// <param name="duration">T (s).</param>
    /// <returns>The drift (V, RMS over pairs).</returns>
    public static double PairDrift(FnDamParameters parameters, MismatchSpread mismatch, double v0, double a0, double duration)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return PairRateMismatch(parameters, mismatch, v0) * (v0 * v0 / parameters.K2) * Math.Log((a0 + duration) / a0);
    }

    /// <summary>The RMS drift of a pair's voltage difference over a run that the periphery leaves (V): the raw
    /// <see cref="PairDrift"/> for a start-only trim; for drift calibration the error of the stored drift, which is the
    /// noise of two calibration reads, 2·σ_read/√n, carried from the interval's drift shape to the run's, and a second-order
    /// term ε²/2 of the raw drift that a first-order store cannot remove.</summary>
    /// <param name="method">The calibration.</param>
    /// <param name="device">The device at the operating point (its law, read noise and spreads).</param>
    /// <param name="v0">V0 (V).</param>
    /// <param name="a0">a0 (s).</param>
    /// <param name="duration">T (s).</param>
    /// <returns>The drift (V, RMS over pairs).</returns>
    public static double EffectiveDrift(Backends.PairCalibrationMethod method, FnDamPreset device, double v0, double a0, double duration)
    {
        ArgumentNullException.ThrowIfNull(device);
        var p = device.Parameters;
        var raw = PairDrift(p, device.Mismatch, v0, a0, duration);
        if (method != Backends.PairCalibrationMethod.Drift || raw == 0)
        {
            return raw;
        }

        var start = Backends.PairCalibration.StartVoltage(p, a0);
        var end = FnPhysics.VoltageAtAge(p.K1, p.K2, a0 + duration);
        var readError = 2 * device.ReadOut.NoiseSigma / Math.Sqrt(Backends.PairCalibration.Reads);
        var noise = readError * Backends.PairCalibration.Shape(v0, end, p.K2) / Backends.PairCalibration.Shape(start, v0, p.K2);

        // The stored drift is first order in the rate mismatch ε; what it leaves is second order, about ε²/2 of the raw drift.
        var epsilon = PairRateMismatch(p, device.Mismatch, v0);
        var secondOrder = 0.5 * epsilon * epsilon * raw;
        return Math.Sqrt((noise * noise) + (secondOrder * secondOrder));
    }

    /// <summary>Update per second of a pulse of width <paramref name="width"/> at voltage <paramref name="voltage"/>:
    /// |PulseChange − FreeChange|/width (V/s), the s of the matched encoder.</summary>
    /// <param name="parameters">The element's constants.</param>
    /// <param name="voltage">Voltage (V).</param>
    /// <param name="delta">δ = κ·V_p (V).</param>
    /// <param name="width">Pulse width (s).</param>
    /// <returns>s (V/s).</returns>
    public static double UpdatePerSecond(FnDamParameters parameters, double voltage, double delta, double width)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var change = FnPhysics.PulseChange(parameters.K1, parameters.K2, voltage, delta, width) - FnPhysics.FreeChange(parameters.K1, parameters.K2, voltage, width);
        return Math.Abs(change) / width;
    }

    private static void Check(bool ok, string field, object? value, string valid)
    {
        if (!ok)
        {
            throw InputException.Stated($"{FieldPrefix}{field}'", value, $"{FieldPrefix}{field}' = {value ?? "null"} is invalid; expected {valid}.", valid);
        }
    }

    /// <summary>The violated constraint of a refused design request (<c>floor</c>, <c>pulse-width</c> or
    /// <c>step-time</c>), or null when <paramref name="e"/> refuses something else.</summary>
    /// <param name="e">A refusal.</param>
    /// <returns>The constraint's short name, or null.</returns>
    public static string? InfeasibleConstraint(InputException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Subject.StartsWith(InfeasiblePrefix, StringComparison.Ordinal) && e.Subject.EndsWith(')') ? e.Subject[InfeasiblePrefix.Length..^1] : null;
    }

    private const string InfeasiblePrefix = "infeasible design (";

    private static InputException Infeasible(string constraint, string message) => new($"{InfeasiblePrefix}{constraint})", message);

    /// <summary>The youngest initial age the designer searches, as a fraction of the run's duration T (decision 0095).</summary>
    public const double YoungestStartFraction = 1e-9;

    /// <summary>The field of the request a refusal names (<c>scheduleRatio</c>, <c>pulseAmplitude</c>, ...), or null when
    /// <paramref name="e"/> refuses something else (an infeasible request, see <see cref="InfeasibleConstraint"/>).</summary>
    /// <param name="e">A refusal.</param>
    /// <returns>The field's name, as a training config spells it, or null.</returns>
    public static string? RefusedField(InputException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Subject.StartsWith(FieldPrefix, StringComparison.Ordinal) && e.Subject.EndsWith('\'') ? e.Subject[FieldPrefix.Length..^1] : null;
    }

    private const string FieldPrefix = "design field '";

    /// <summary><paramref name="value"/> rounded up at its third significant digit, so that the printed value is feasible.</summary>
    private static double RoundUp(double value)
    {
        var scale = Math.Pow(10, Math.Floor(Math.Log10(value)) - 2);
        return Math.Ceiling(value / scale) * scale;
    }

    private static string F(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
