using System.Numerics.Tensors;
using FnDam.Devices;
using FnDam.Energy;
using FnDam.Numerics;

namespace FnDam.Arrays;

/// <summary>
/// A rows × columns array of differential FN-DAM synapses with a clock in seconds (model.md sections 2 and 3).
/// </summary>
/// <remarks>
/// <para>Synapse <c>i = r·Columns + c</c> holds the weight <c>w_i = g·(V⁺_i − V⁻_i)</c>. The state is held as
/// struct-of-arrays in double precision: the two voltages of every synapse and their "ahead" times; with mismatch on, each
/// element also keeps its k1 and δ, derived once from its sampled factors as <see cref="MismatchSample.Apply"/> does, and
/// its factors on C_T and t_ox (drawn in single precision, so floats hold them exactly), from which the kernels form its
/// k2 and C_T (decision 0091). Free evolution is the exact closed form
/// <c>V' = V − V·s/(L + s)</c>, <c>s = log1p(k1·Δt·exp(−L))</c>, <c>L = k2/V</c>, never stepped.</para>
/// <para>Temperature acts as a common factor on every k1 (<see cref="K1Factor"/>), so a differential pair cancels
/// it to first order.</para>
/// <para>Pulses do not move the clock: each pulsed element is "ahead" of the clock by its pulse width, and the next
/// <see cref="AdvanceTo"/> evolves it freely only for the remainder, so a step of duration Δt is exact (pulse for T,
/// free for Δt − T). Reads see each element's present state, i.e. the end of a pulse still "ahead".</para>
/// <para>Not thread-safe. Pulses and free evolution may use <see cref="SynapseArrayOptions.Threads"/> workers, each on
/// whole chunks of <see cref="ChunkSize"/> synapses, and partial sums are combined in chunk order, so results do not
/// depend on the number of threads.</para>
/// </remarks>
public sealed partial class SynapseArray
{
    private readonly double[] _plus;
    private readonly double[] _minus;
    private readonly double[] _aheadPlus;
    private readonly double[] _aheadMinus;
    private readonly double[] _leakageParts;
    private readonly bool[] _aheadParts;
    private readonly double[] _weights;
    private readonly HalfFactors? _plusParameters;
    private readonly HalfFactors? _minusParameters;
    private readonly NominalElement _nominal;
    private readonly double _floor;
    private readonly double _gain;
    private readonly bool _readOut;
    private readonly SeededRandom _readNoise;
    private readonly double _largestK1;
    private double _k1Factor = 1.0;
    private bool _anyAhead;
    private bool _weightsValid;
    private double _referenceVoltage;

    /// <summary>Creates an array with every element at the preset's initial voltage (plus its mismatch offset) at
    /// <see cref="SynapseArrayOptions.StartTime"/>; every weight starts at about zero.</summary>
    /// <param name="rows">Rows (outputs of <see cref="Forward"/>), at least 1.</param>
    /// <param name="columns">Columns (inputs of <see cref="Forward"/>), at least 1.</param>
    /// <param name="preset">The operating point: element constants, pulse amplitude, widths, gain, read-out, spreads.</param>
    /// <param name="options">Seed, mismatch, read-out and start time; defaults when null.</param>
    public SynapseArray(int rows, int columns, FnDamPreset preset, SynapseArrayOptions? options = null)
    {
        if (rows < 1)
        {
            throw Guard.Invalid("rows", rows, $"rows must be an integer >= 1; got {rows}.");
        }

        if (columns < 1)
        {
            throw Guard.Invalid("columns", columns, $"columns must be an integer >= 1; got {columns}.");
        }

        if ((long)rows * columns > Array.MaxLength / 2)
        {
            throw Guard.Invalid("rows × columns", (long)rows * columns, $"rows × columns must be at most {Array.MaxLength / 2}; got {(long)rows * columns}.");
        }

        Preset = preset ?? throw new ArgumentNullException(nameof(preset));
        Options = options ?? new SynapseArrayOptions();
        Guard.Finite(Options.StartTime, "start time", "(s)");
        if (Options.Threads < 1)
        {
            throw Guard.Invalid("threads", Options.Threads, $"threads must be an integer >= 1; got {Options.Threads}.");
        }

        Rows = rows;
        Columns = columns;
        Count = rows * columns;
        var p = preset.Parameters;
        _nominal = NominalOf(p, preset.PulseAmplitude);
        _floor = p.FloorVoltage;
        _gain = preset.SynapseGain;
        _readOut = Options.ReadOut;
        _readNoise = SeededRandom.Derive(Options.Seed, "read-noise");
        _plus = new double[Count];
        _minus = new double[Count];
        _aheadPlus = new double[Count];
        _aheadMinus = new double[Count];
        _leakageParts = new double[ChunkCount];
        _aheadParts = new bool[ChunkCount];
        _weights = new double[Count];
        Time = Options.StartTime;
        _referenceVoltage = preset.InitialVoltage;
        Ledger = new EnergyLedger("array");
        ReferenceUpdatePerSecond = preset.OperatingPointAt(0.0).UpdatePerSecond;

        if (Options.Mismatch && !preset.Mismatch.IsNone)
        {
            _plusParameters = new HalfFactors(Count);
            _minusParameters = new HalfFactors(Count);
            var stream = SeededRandom.Derive(Options.Seed, "mismatch");
            for (var i = 0; i < Count; i++)
            {
                _plus[i] = _plusParameters.Set(i, preset, _nominal, stream.Fork(2UL * (ulong)i));
                _minus[i] = _minusParameters.Set(i, preset, _nominal, stream.Fork((2UL * (ulong)i) + 1UL));
            }
        }
        else
        {
            Array.Fill(_plus, preset.InitialVoltage);
            Array.Fill(_minus, preset.InitialVoltage);
        }

        _largestK1 = _plusParameters is null || _minusParameters is null
            ? _nominal.K1
            : Math.Max(TensorPrimitives.Max<double>(_plusParameters.K1), TensorPrimitives.Max<double>(_minusParameters.K1));
    }

    /// <summary>Synapses per unit of work of the pulse and evolution kernels (a multiple of eight); the split into
    /// chunks, and the order in which their partial sums are added, is the same whatever the thread count.</summary>
    public const int ChunkSize = 16384;

    /// <summary>Rows (outputs of <see cref="Forward"/>).</summary>
    public int Rows { get; }

    /// <summary>Columns (inputs of <see cref="Forward"/>).</summary>
    public int Columns { get; }

    /// <summary>Number of synapses, <c>Rows·Columns</c> (twice as many elements).</summary>
    public int Count { get; }

    /// <summary>The operating point.</summary>
    public FnDamPreset Preset { get; }

    /// <summary>The options the array was built with.</summary>
    public SynapseArrayOptions Options { get; }

    /// <summary>Whether elements carry their own k1, k2, C_T and κ (mismatch on and a preset with spreads).</summary>
    public bool HasMismatch => _plusParameters is not null;

    /// <summary>The array clock (s).</summary>
    public double Time { get; private set; }

    /// <summary>Voltages V⁺ of the plus halves (V), row-major, <c>Rows·Columns</c>.</summary>
    public ReadOnlySpan<double> PlusVoltages => _plus;

    /// <summary>Voltages V⁻ of the minus halves (V), row-major.</summary>
    public ReadOnlySpan<double> MinusVoltages => _minus;

    /// <summary>Energy of every pulse and of every interval's free leakage.</summary>
    public EnergyLedger Ledger { get; }

    /// <summary>Common factor on k1 of every element for the present temperature (1 at the reference temperature).</summary>
    /// <remarks>Effective <c>k1 = k1_i·factor</c>; see <see cref="TemperatureModel"/>. It acts from the next event on. It must
    /// keep <c>k1_i·factor·max(1 s, T_max)</c> a finite number for the array's largest k1_i, so that every pulse's and
    /// interval's closed form is (for the built-in presets, any factor up to about 1e282).</remarks>
    public double K1Factor
    {
        get => _k1Factor;
        set => _k1Factor = CheckK1Factor(Guard.Positive(value, "k1 temperature factor", "(dimensionless)"), "k1 temperature factor", value);
    }

    /// <summary>Sets <see cref="K1Factor"/> from a temperature through the preset's temperature model.</summary>
    /// <param name="kelvin">Temperature (K), positive.</param>
    public void SetTemperature(double kelvin) => _k1Factor = CheckK1Factor(Preset.Temperature.K1Factor(kelvin), "temperature", kelvin);

    /// <summary>Voltage a fresh nominal element would have now, had it only evolved freely since the start (V).</summary>
    /// <remarks>The reference of <see cref="Usage"/>; it follows the same clock and temperature factor as the array.</remarks>
    public double ReferenceVoltage => _referenceVoltage;

    /// <summary>Evolves every element exactly and freely until the clock reads <paramref name="time"/>; records the
    /// free leakage <c>Σ C_T·(V_a² − V_b²)/2</c> in the ledger.</summary>
    /// <param name="time">Target time (s), at or after <see cref="Time"/>.</param>
    /// <remarks>An element that is ahead of the clock by <c>τ</c> (after a pulse) evolves for <c>max(0, Δt − τ)</c> and
    /// stays ahead by <c>max(0, τ − Δt)</c>.</remarks>
    public void AdvanceTo(double time)
    {
        Guard.Finite(time, "time", "(s)");
        if (time < Time)
        {
            throw Guard.Invalid("time", time, $"time must not go backwards: the array's clock reads {Guard.Format(Time)} s; got {Guard.Format(time)} s.");
        }

        var dt = time - Time;
        if (dt == 0.0)
        {
            return;
        }

        if (!double.IsFinite(_largestK1 * _k1Factor * dt))
        {
            throw Guard.Invalid(
                "time",
                time,
                $"time must be at most {Guard.Format(Time + (double.MaxValue / (_largestK1 * _k1Factor)))} s for this array (clock at {Guard.Format(Time)} s, largest k1 = {Guard.Format(_largestK1 * _k1Factor)} 1/s), so that k1·Δt stays a finite number; got {Guard.Format(time)} s.");
        }

        ForEachChunk(chunk =>
        {
            var (start, end) = ChunkRange(chunk);
            var plus = EvolveChunk(_plus, _aheadPlus, _plusParameters, start, end, dt, out var plusAhead);
            var minus = EvolveChunk(_minus, _aheadMinus, _minusParameters, start, end, dt, out var minusAhead);
            _leakageParts[chunk] = plus + minus;
            _aheadParts[chunk] = plusAhead || minusAhead;
        });

        var drop = 0.0;
        var anyAhead = false;
        for (var chunk = 0; chunk < ChunkCount; chunk++)
        {
            drop += _leakageParts[chunk];
            anyAhead |= _aheadParts[chunk];
        }

        var leakage = Math.Max(0.0, drop);
        _anyAhead = anyAhead;
        _referenceVoltage = FnPhysics.VoltageAfter(_nominal.K1 * _k1Factor, _nominal.K2, _referenceVoltage, dt);
        Time = time;
        _weightsValid = false;
        Ledger.RecordLeakage(leakage);
    }

    /// <summary>Pre-programs the array to <paramref name="weights"/> at the clock: for each synapse the half that must
    /// fall is lowered so that <c>g·(V⁺ − V⁻) = w</c> exactly (initialisation; not counted as pulses or in the ledger).</summary>
    /// <param name="weights">Target weights, row-major, <c>Rows·Columns</c>, finite.</param>
    /// <exception cref="InputException">A weight is not finite, or would need a half below its floor; nothing
    /// is changed then.</exception>
    public void SetWeights(ReadOnlySpan<double> weights)
    {
        CheckLength(weights.Length, Count, "weights");
        for (var i = 0; i < Count; i++)
        {
            var w = weights[i];
            if (!double.IsFinite(w))
            {
                throw Guard.Invalid($"weights[{i}]", w, $"weights[{i}] must be a finite number; got {Guard.Format(w)}.");
            }

            var lowered = LoweredVoltage(i, w / _gain, out _);
            if (lowered <= _floor)
            {
                var reach = _gain * (Math.Max(_plus[i], _minus[i]) - _floor);
                throw Guard.Invalid(
                    $"weights[{i}]",
                    w,
                    $"weights[{i}] = {Guard.Format(w)} needs a half below the floor voltage {Guard.Format(_floor)} V; |w| must stay below about {Guard.Format(reach)} at this state.");
            }
        }

        for (var i = 0; i < Count; i++)
        {
            var lowered = LoweredVoltage(i, weights[i] / _gain, out var lowerMinus);
            if (lowerMinus)
            {
                _minus[i] = lowered;
            }
            else
            {
                _plus[i] = lowered;
            }
        }

        _weightsValid = false;
    }

    private double LoweredVoltage(int i, double difference, out bool lowerMinus)
    {
        var current = _plus[i] - _minus[i];
        lowerMinus = difference >= current;
        return lowerMinus ? _plus[i] - difference : _minus[i] + difference;
    }

    private int ChunkCount => (Count + ChunkSize - 1) / ChunkSize;

    private (int Start, int End) ChunkRange(int chunk) => (chunk * ChunkSize, Math.Min(Count, (chunk + 1) * ChunkSize));

    /// <summary>Runs <paramref name="body"/> for every chunk, on up to <see cref="SynapseArrayOptions.Threads"/>
    /// workers; each chunk writes only its own elements and its own partial results.</summary>
    private void ForEachChunk(Action<int> body)
    {
        var chunks = ChunkCount;
        var threads = Math.Min(Options.Threads, chunks);
        if (threads <= 1)
        {
            for (var chunk = 0; chunk < chunks; chunk++)
            {
                body(chunk);
            }

            return;
        }

        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = threads }, body);
    }

    /// <summary>
    /// Free evolution of elements [start, end) of one half in one pass (<see cref="EvolveKernel"/>).
    /// </summary>
    /// <returns><c>Σ C_T·(V_b² − V_a²)/2</c> over the elements (J); <paramref name="stillAhead"/> says whether any
    /// element is still ahead.</returns>
    private double EvolveChunk(double[] voltage, double[] ahead, HalfFactors? own, int start, int end, double dt, out bool stillAhead)
    {
        var kernel = new EvolveKernel(voltage, ahead, own, _nominal, dt, _k1Factor, _anyAhead);
        LaneDispatch.Run(ref kernel, Width, start, end);
        stillAhead = kernel.StillAhead;
        return own is null ? Scaled(LaneDispatch.Total(kernel.Leakage)) : LaneDispatch.Total(kernel.Leakage);
    }

    /// <summary>A sum of <see cref="FnRules.DissipationShape{V, L}"/> over nominal elements as energy: times
    /// <c>−C_T/2</c> (J). With mismatch the kernels sum each element's own <see cref="FnRules.Dissipation{V, L}"/>.</summary>
    private double Scaled(double shapeSum) => -0.5 * _nominal.Capacitance * shapeSum;

    /// <summary>Requires a k1 factor for which k1·factor·max(1 s, T_max) is a finite number for the array's largest k1:
    /// pulse widths are clipped to T_max and intervals are checked against the product.</summary>
    private double CheckK1Factor(double factor, string name, double given)
    {
        var longest = Math.Max(1.0, Preset.MaximumWidth);
        if (!double.IsFinite(_largestK1 * factor * longest))
        {
            var largest = double.MaxValue / (_largestK1 * longest);
            var why = $"for this array (largest k1 = {Guard.Format(_largestK1)} 1/s, T_max = {Guard.Format(Preset.MaximumWidth)} s), so that k1·factor·T_max is a finite number";
            throw Guard.Invalid(
                name,
                given,
                name == "temperature"
                    ? $"temperature must give a k1 temperature factor of at most {Guard.Format(largest)} {why}; got {Guard.Format(given)} K, a factor of {Guard.Format(factor)}."
                    : $"{name} must be a finite number in (0, {Guard.Format(largest)}] (dimensionless) {why}; got {Guard.Format(given)}.");
        }

        return factor;
    }

    private static void CheckLength(int actual, int expected, string name)
    {
        if (actual != expected)
        {
            throw Guard.Invalid($"{name} length", actual, $"{name} must have {expected} elements; got {actual}.");
        }
    }
}
