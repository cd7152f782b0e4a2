using FnDam.Devices;
using FnDam.Numerics;

namespace FnDam.Tests.Numerics;

/// <summary>
/// The lane math and the model rules at every lane width, on every machine: a width without vector hardware runs in
/// software, so nothing here depends on the processor. Each width must agree with the scalar lane bit for bit, and the
/// rules must agree with 60-digit references.
/// </summary>
public sealed class LaneRuleTests
{
    /// <summary>Relative error bound of a few ulps (2^−52 ≈ 2.2e−16).</summary>
    private const double Ulps4 = 4 * 2.220446049250313e-16;

    /// <summary>k1 (1/s), k2 (V) and C_T (F) of the references below (those of the mehta2022 preset, rounded).</summary>
    private const double K1 = 5.32184e13;
    private const double K2 = 276.459;
    private const double Capacitance = 50e-15;

    /// <summary>
    /// V0 (V), T (s), δ (V), then ΔV_free, ΔU = U1 − U0 (with U0 = V0 + δ rounded to double), ΔU − ΔV_free and
    /// C_T·(U0² − U1²)/2, each evaluated from the exact double inputs (k1·T as the double product) with 60-digit decimal
    /// arithmetic (<c>k2/(L + ln(1 + k1·T·e^{−L})) − V</c>, <c>L = k2/V</c>) and rounded to double.
    /// </summary>
    private static readonly double[][] References =
    [
        [4.0, 1e-09, 0.105, -2.9675395804865424e-27, -1.8309351079777367e-26, -1.5341811499290825e-26, 3.7579943091243056e-39],
        [4.0, 1e-09, 2.0, -2.9675395804865424e-27, -6.760267577074754e-17, -6.760267576778e-17, 2.0280802731224264e-29],
        [4.0, 1e-06, 0.105, -2.9675395804865423e-24, -1.8309351079777367e-23, -1.5341811499290826e-23, 3.7579943091243054e-36],
        [4.0, 1e-06, 2.0, -2.9675395804865423e-24, -6.760267577072925e-14, -6.760267576776172e-14, 2.0280802731218662e-26],
        [4.0, 0.001, 0.105, -2.967539580486542e-21, -1.8309351079777368e-20, -1.5341811499290826e-20, 3.757994309124305e-33],
        [4.0, 0.001, 2.0, -2.967539580486542e-21, -6.760267575243793e-11, -6.76026757494704e-11, 2.028080272561713e-23],
        [4.0, 1.0, 0.105, -2.967539580486542e-18, -1.8309351079777365e-17, -1.5341811499290823e-17, 3.757994309124305e-30],
        [4.0, 1.0, 2.0, -2.967539580486542e-18, -6.760265746113243e-08, -6.760265745816489e-08, 2.0280797124086747e-20],
        [5.0, 1e-09, 0.105, -4.671404285759455e-21, -1.5184428317720465e-20, -1.0513024031961011e-20, 3.87582532809815e-33],
        [5.0, 1e-09, 2.0, -4.671404285759455e-21, -6.645671199117638e-14, -6.645670731977211e-14, 2.3259849196911626e-26],
        [5.0, 1e-06, 0.105, -4.671404285759455e-18, -1.5184428317720465e-17, -1.0513024031961011e-17, 3.875825328098149e-30],
        [5.0, 1e-06, 2.0, -4.671404285759455e-18, -6.645671197809958e-11, -6.645670730669528e-11, 2.325984919222444e-23],
        [5.0, 0.001, 0.105, -4.67140428575933e-15, -1.5184428317719197e-14, -1.0513024031959869e-14, 3.87582532809782e-27],
        [5.0, 0.001, 2.0, -4.67140428575933e-15, -6.64566989012888e-08, -6.64566942298845e-08, 2.3259844505038757e-20],
        [5.0, 1.0, 0.105, -4.671404285634432e-12, -1.5184428316452357e-11, -1.0513024030817926e-11, 3.875825327768701e-24],
        [5.0, 1.0, 2.0, -4.671404285634432e-12, -6.644362544307537e-05, -6.644362077167109e-05, 2.325515853619233e-17],
        [6.0, 1e-09, 0.105, -6.760267577074754e-17, -1.5459601464262586e-16, -8.699333887187832e-17, 4.719043346966155e-29],
        [6.0, 1e-09, 2.0, -6.760267577074754e-17, -1.2092992487608014e-11, -1.2092924884932245e-11, 4.8371969950395504e-24],
        [6.0, 1e-06, 0.105, -6.760267577072925e-14, -1.5459601464253338e-13, -8.699333887180415e-14, 4.719043346963273e-26],
        [6.0, 1e-06, 2.0, -6.760267577072925e-14, -1.2092992153806686e-08, -1.2092924551130916e-08, 4.837196857866664e-21],
        [6.0, 0.001, 0.105, -6.760267575243793e-11, -1.545960145500719e-10, -8.699333879763397e-11, 4.7190433440811954e-23],
        [6.0, 0.001, 2.0, -6.760267575243793e-11, -1.2092658364448698e-05, -1.2092590761772946e-05, 4.8370596899698216e-18],
        [6.0, 1.0, 0.105, -6.760265746113243e-08, -1.545959220886534e-07, -8.699326462752098e-08, 4.719040462006398e-20],
        [6.0, 1.0, 2.0, -6.760265746113243e-08, -0.011770379851927382, -0.01177031224926992, 4.704688394724486e-15],
        [7.6, 1e-09, 0.105, -1.7704439817999444e-12, -2.987359170955661e-12, -1.2169151891557168e-12, 1.1508801206104454e-24],
        [7.6, 1e-09, 2.0, -1.7704439817999444e-12, -5.5238577135938304e-09, -5.522087269612031e-09, 2.6514517017622135e-21],
        [7.6, 1e-06, 0.105, -1.7704439738941035e-09, -2.987359149040077e-09, -1.2169151751459733e-09, 1.1508801119445817e-21],
        [7.6, 1e-06, 2.0, -1.7704439738941035e-09, -5.523808818629927e-06, -5.522038374656033e-06, 2.6514274701307683e-18],
        [7.6, 0.001, 0.105, -1.7704360680991708e-06, -2.9873372336648116e-06, -1.2169011655656408e-06, 1.150871446164775e-18],
        [7.6, 0.001, 2.0, -1.7704360680991708e-06, -0.005475466327695179, -0.00547369589162708, 2.627474319006043e-15],
        [7.6, 1.0, 0.105, -0.001762575899673785, -0.002965628723491373, -0.0012030528238175877, 1.1422885918819114e-15],
        [7.6, 1.0, 2.0, -0.001762575899673785, -0.8689869724814072, -0.8672243965817334, 3.9823528783251543e-13],
        [10.0, 1e-09, 0.105, -1.896571635960363e-08, -2.5810699468752988e-08, -6.844983109149357e-09, 1.3040855889932643e-20],
        [10.0, 1e-09, 2.0, -1.896571635960363e-08, -2.7378363456507224e-06, -2.718870629291119e-06, 1.6427016199967372e-18],
        [10.0, 1e-06, 0.105, -1.8965183732950724e-05, -2.5809732720073336e-05, -6.84454898712261e-06, 1.3040350803259477e-17],
        [10.0, 1e-06, 2.0, -1.8965183732950724e-05, -0.002730052627920054, -0.002711087444187103, 1.637845247068252e-15],
        [10.0, 0.001, 0.105, -0.018451124183382888, -0.024887346837431466, -0.006436222654048577, 1.2558847488797085e-14],
        [10.0, 0.001, 2.0, -0.018451124183382888, -0.8846550977435309, -0.8662039735601481, 5.112276925970282e-13],
        [10.0, 1.0, 0.105, -1.2580248853670197, -1.3617299099809121, -0.10370502461389226, 6.416563283244403e-13],
        [10.0, 1.0, 2.0, -1.2580248853670197, -3.2528518997757274, -1.9948270144087075, 1.6871850028185724e-12],
        [12.5, 1e-09, 0.105, -7.465837364971507e-06, -9.127564108932254e-06, -1.6617267439607467e-06, 5.7526451968438894e-18],
        [12.5, 1e-09, 2.0, -7.465837364971507e-06, -0.00021221771681833579, -0.00020475187945336428, 1.5385671878431017e-16],
        [12.5, 1e-06, 0.105, -0.0074126117558328776, -0.009049417798681418, -0.0016368060428485405, 5.701348268556587e-15],
        [12.5, 1e-06, 2.0, -0.0074126117558328776, -0.18481249898561602, -0.17739988722978314, 1.331351702700389e-13],
        [12.5, 0.001, 0.105, -1.3392483880774908, -1.4388788088735853, -0.0996304207960944, 8.550940636269406e-13],
        [12.5, 0.001, 2.0, -1.3392483880774908, -3.3078928492049657, -1.968644461127475, 2.1246684381280667e-12],
        [12.5, 1.0, 0.105, -3.7528202018629333, -3.8578166768671056, -0.10499647500417254, 2.0593202227876447e-12],
        [12.5, 1.0, 2.0, -3.7528202018629333, -5.7528002428685445, -1.9999800410056112, 3.3434124102209853e-12],
        [15.0, 1e-09, 0.105, -0.0004287251007001572, -0.0004941526117788225, -6.542751107866522e-05, 3.732026553758625e-16],
        [15.0, 1e-09, 2.0, -0.0004287251007001572, -0.004803779460765251, -0.004375054360065094, 4.082635634222771e-15],
        [15.0, 1e-06, 0.105, -0.3367427040741937, -0.37766910656823294, -0.040926402494039206, 2.8166874388425674e-13],
        [15.0, 1e-06, 2.0, -0.3367427040741937, -1.6295071972648256, -1.292764493190632, 1.318698775026655e-12],
        [15.0, 0.001, 0.105, -3.807131276300788, -3.912028044643811, -0.10489676834302299, 2.5719600951652464e-12],
        [15.0, 0.001, 2.0, -3.807131276300788, -5.806370388686666, -1.9992391123858781, 4.092566403118232e-12],
        [15.0, 1.0, 0.105, -6.252799776441675, -6.357799713282365, -0.10499993684068917, 3.791187803601173e-12],
        [15.0, 1.0, 2.0, -6.252799776441675, -8.25279931127911, -1.9999995348374349, 5.31216200278102e-12],
    ];

    public static TheoryData<string> Widths => [.. LaneDispatch.All.Select(w => w.ToString())];

    [Theory]
    [MemberData(nameof(Widths))]
    public void Exp_MatchesMathExp_ToAFewUlps_AndTheScalarLaneBitForBit(string widthName)
    {
        var width = Enum.Parse<KernelWidth>(widthName);
        var random = new SeededRandom(11);
        var x = new double[4001];
        for (var i = 0; i < x.Length; i++)
        {
            // Mostly the kernels' range (−L with L = k2/V in 1..200), plus the whole clamped range.
            x[i] = i % 2 == 0 ? -(1.0 + (199.0 * random.NextDouble())) : -708.0 + (1416.0 * random.NextDouble());
        }

        var lanes = LaneRun.Map<ExpOp>(width, x);
        var scalar = LaneRun.Map<ExpOp>(KernelWidth.Scalar, x);
        var worst = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(scalar[i]), BitConverter.DoubleToInt64Bits(lanes[i]));
            var error = FnMath.RelativeDifference(Math.Exp(x[i]), lanes[i]);
            worst = Math.Max(worst, error);
            Assert.True(error < Ulps4, $"exp({x[i]:R}) = {lanes[i]:R}, Math.Exp {Math.Exp(x[i]):R}");
        }

        Assert.True(worst > 0.0, "the comparison must see rounding differences somewhere, or it compares nothing");
    }

    /// <summary>log1p in every band (x from 2^−24 to 2^1000) and its correctly rounded value, from 60-digit arithmetic.</summary>
    private static readonly double[][] Log1PReference =
    [
        [4.470962725704796e-06, 4.470952730980739e-06],
        [1.0192517027967215e-05, 1.0192465084618487e-05],
        [1.4758807219771852e-05, 1.4758698309648165e-05],
        [4.0957944431962534e-05, 4.095710567825883e-05],
        [1.0059971526890756e-05, 1.0059920925716558e-05],
        [0.0007873539664848159, 0.0007870441659549983],
        [6.614634256106041e-05, 6.614415498820941e-05],
        [0.0002219451214135223, 0.0002219204952387682],
        [0.000834631428761944, 0.0008342833176338647],
        [0.0003689973849551773, 0.0003689293221629389],
        [0.0034048359014272798, 0.0033990525714777432],
        [0.0011425016223971414, 0.0011418494640992297],
        [0.001871146321676386, 0.0018693979080831877],
        [0.0013745219539996203, 0.00137357816344018],
        [0.0020752800041526627, 0.0020731295852384735],
        [0.09417771328498574, 0.09000313439499688],
        [0.004200898129616401, 0.004192098991316875],
        [0.012992639899846014, 0.012908959593405106],
        [0.018400119269595495, 0.01823288537573814],
        [0.6288391631939134, 0.48786759128559476],
        [0.27277883469770087, 0.24120256897302456],
        [27.62928591487906, 3.354430176950527],
        [15810829.71295571, 16.576205751319254],
        [17.914086246273094, 2.9399069485000804],
        [376835.56746780855, 12.839566864395422],
        [13.938244636675531, 2.7039246786032622],
        [3541261747.449131, 21.98774892670297],
        [3.022020458232418e+263, 606.6858050910275],
        [1.555873080594918e+70, 161.6229933642715],
    ];

    /// <summary>exp over the kernels' range (−200 to −1), the clamped range and ±ln2/2 (the reduction's edges), and its
    /// correctly rounded value, from 60-digit arithmetic.</summary>
    private static readonly double[][] ExpReference =
    [
        [-43.88075267572172, 8.766601211853084e-20],
        [-196.50180065635914, 4.5745912072506216e-86],
        [-174.60914532192356, 1.4730303561080415e-76],
        [-58.57172838163837, 3.652763616150547e-26],
        [-192.3341198010666, 2.9536095847631003e-84],
        [-108.30547030529131, 9.194579801472419e-48],
        [-135.88826497286786, 9.648868038637168e-60],
        [-41.75112339222478, 7.374243897978343e-19],
        [-188.2542242165118, 1.7467438698781342e-82],
        [-138.43774628027475, 7.537905756872973e-61],
        [-193.34629815112189, 1.073419836204557e-84],
        [-178.85459383771922, 2.1107501714960586e-78],
        [-60.45899067291968, 5.533424253526198e-27],
        [-72.87679700975444, 2.2387685630357918e-32],
        [-473.00622310428025, 3.767102176677223e-206],
        [-501.68609609039356, 1.319765649142971e-218],
        [-615.7621658600424, 3.783460482341207e-268],
        [-281.2755133104411, 6.975842631724543e-123],
        [146.00375632923863, 2.5622748331506653e+63],
        [-703.2095029659108, 3.981009738529118e-306],
        [251.95489735953072, 2.646193581791429e+109],
        [-229.53804393494295, 2.0553894933416273e-100],
        [-0.3465735902799726, 0.7071067811865476],
        [0.3465735902799726, 1.414213562373095],
    ];

    /// <summary>Doubles between two positive finite values (0 for the same value, 1 for neighbours).</summary>
    private static long UlpsApart(double expected, double actual) =>
        Math.Abs(BitConverter.DoubleToInt64Bits(expected) - BitConverter.DoubleToInt64Bits(actual));

    [Theory]
    [MemberData(nameof(Widths))]
    public void ExpAndLog1P_AreWithinTwoUlpsOfTheCorrectlyRoundedValue(string widthName)
    {
        // Independent of the library's own references (Math.Exp, FnMath.Log1P, themselves off by up to an ulp or so):
        // the bound holds with and without hardware fused multiply-adds (CI runs both).
        var width = Enum.Parse<KernelWidth>(widthName);
        foreach (var (table, name, exp) in new[] { (Log1PReference, "log1p", false), (ExpReference, "exp", true) })
        {
            var x = table.Select(row => row[0]).ToArray();
            var result = exp ? LaneRun.Map<ExpOp>(width, x) : LaneRun.Map<Log1POp>(width, x);
            for (var i = 0; i < x.Length; i++)
            {
                Assert.True(UlpsApart(table[i][1], result[i]) <= 2, $"{name}({x[i]:R}) = {result[i]:R}, correctly rounded {table[i][1]:R}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Exp_ClampsArgumentsBelowTheNormalRange(string widthName)
    {
        var width = Enum.Parse<KernelWidth>(widthName);
        var result = LaneRun.Map<ExpOp>(width, [-2000.0, -708.0, 0.0]);
        Assert.True(result[0] > 0.0 && result[0] < 1e-307, $"exp(−2000) clamps to about 3e−308; got {result[0]:R}");
        Assert.Equal(result[1], result[0]);
        Assert.Equal(1.0, result[2]);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Log1P_IsAccurate_InEveryBand_AndEachLaneTakesItsOwnBand(string widthName)
    {
        var width = Enum.Parse<KernelWidth>(widthName);
        // Neighbouring elements in different bands (x ≤ 2^−14, ≤ 2^−10, ≤ 2^−8, above), so every vector mixes bands;
        // a lane's result must not depend on its neighbours.
        var random = new SeededRandom(23);
        var x = new double[3001];
        for (var i = 0; i < x.Length; i++)
        {
            var exponent = (i % 5) switch
            {
                0 => -20.0 + (5.5 * random.NextDouble()),
                1 => -14.0 + (3.9 * random.NextDouble()),
                2 => -10.0 + (1.9 * random.NextDouble()),
                3 => -8.0 + (10.0 * random.NextDouble()),
                _ => -300.0 + (300.0 * random.NextDouble()),
            };
            x[i] = Math.Pow(2.0, exponent);
        }

        var lanes = LaneRun.Map<Log1POp>(width, x);
        var scalar = LaneRun.Map<Log1POp>(KernelWidth.Scalar, x);
        for (var i = 0; i < x.Length; i++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(scalar[i]), BitConverter.DoubleToInt64Bits(lanes[i]));
            var error = FnMath.RelativeDifference(FnMath.Log1P(x[i]), lanes[i]);
            Assert.True(error < Ulps4, $"log1p({x[i]:R}) = {lanes[i]:R}, reference {FnMath.Log1P(x[i]):R}");
        }

        Assert.Equal(0.0, LaneRun.Map<Log1POp>(width, [0.0])[0]);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Rules_MatchSixtyDigitReferences_FromFourToFifteenVolts(string widthName)
    {
        var width = Enum.Parse<KernelWidth>(widthName);
        var n = References.Length;
        double[] v = new double[n], k1T = new double[n], delta = new double[n], k2 = new double[n], c = new double[n];
        for (var i = 0; i < n; i++)
        {
            (v[i], k1T[i], delta[i], k2[i], c[i]) = (References[i][0], K1 * References[i][1], References[i][2], K2, Capacitance);
        }

        var free = LaneRun.Map<FreeChangeOp>(width, v, k1T, k2);
        var shifted = LaneRun.Map<ShiftedChangeOp>(width, v, delta, k1T, k2);
        var realised = LaneRun.Map<RealisedChangeOp>(width, v, delta, k1T, k2);
        var u0 = v.Zip(delta, static (a, b) => a + b).ToArray();
        var dissipation = LaneRun.Map<DissipationOp>(width, c, u0, shifted);
        var smallest = double.PositiveInfinity;
        for (var i = 0; i < n; i++)
        {
            var label = $"V0 = {v[i]} V, T = {References[i][1]} s, δ = {delta[i]} V";
            Approx.Relative(References[i][3], free[i], 1e-14, $"ΔV_free at {label}");
            Approx.Relative(References[i][4], shifted[i], 1e-14, $"ΔU at {label}");
            Approx.Relative(References[i][5], realised[i], 1e-13, $"ΔU − ΔV_free at {label}");
            Approx.Relative(References[i][6], dissipation[i], 1e-13, $"dissipation at {label}");
            smallest = Math.Min(smallest, Math.Abs(References[i][5]));
        }

        Assert.True(smallest < 1e-15, $"the references must reach updates below 1e−15 V; smallest {smallest:R}");
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void FreeChange_EveryLengthFrom0To257_AgreesWithTheScalarLane(string widthName)
    {
        var width = Enum.Parse<KernelWidth>(widthName);
        var random = new SeededRandom(31);
        for (var n = 0; n <= 257; n++)
        {
            double[] v = new double[n], k1T = new double[n], k2 = new double[n];
            for (var i = 0; i < n; i++)
            {
                (v[i], k1T[i], k2[i]) = (4.0 + (11.0 * random.NextDouble()), K1 * Math.Pow(10.0, -9.0 + (9.0 * random.NextDouble())), K2);
            }

            var lanes = LaneRun.Map<FreeChangeOp>(width, v, k1T, k2);
            var scalar = LaneRun.Map<FreeChangeOp>(KernelWidth.Scalar, v, k1T, k2);
            Assert.Equal(n, lanes.Length);
            for (var i = 0; i < n; i++)
            {
                Assert.True(BitConverter.DoubleToInt64Bits(scalar[i]) == BitConverter.DoubleToInt64Bits(lanes[i]), $"n = {n}, i = {i}: {lanes[i]:R} against {scalar[i]:R}");
            }
        }
    }

    [Fact]
    public void PulseOutcome_KeepsItsDigits_WhenTheUpdateIsFarBelowTheVoltage()
    {
        // A 1 µs pulse at 4 V: the update is about 1.5e−23 V, which V_after − V_free loses entirely.
        var element = new FnDamElement(new FnDamParameters(K1, K2, Capacitance, 0.1, 1.0), 4.0);
        var outcome = element.Preview(new ProgrammingPulse(1.05, 1e-6));
        var reference = References.Single(r => r[0] == 4.0 && r[1] == 1e-6 && r[2] == 0.105);
        Approx.Relative(reference[5], outcome.Change, 1e-13, "change of a 1 µs pulse at 4 V");
        Approx.Relative(reference[6], outcome.TunnelingDissipation, 1e-13, "dissipation of a 1 µs pulse at 4 V");

        // Resolution: log2((V − V_floor)/|ΔV_min|) with no read noise, about 77 bits here (0 with the cancelling form).
        var bits = element.ResolutionBits(1.05, 1e-6, 0.0);
        Assert.Equal(Math.Log2(3.0 / Math.Abs(reference[5])), bits, 9);
        Assert.True(bits > 60.0, $"resolution at 4 V: {bits} bits");
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void SolveWidth_RealisesTheRequestedChange_AndAgreesWithTheScalarLane(string widthName)
    {
        var width = Enum.Parse<KernelWidth>(widthName);
        var random = new SeededRandom(5);
        var count = 37;
        double[] v = new double[count], k1 = new double[count], k2 = new double[count], delta = new double[count], target = new double[count];
        for (var i = 0; i < count; i++)
        {
            v[i] = 6.5 + (1.5 * random.NextDouble());
            k1[i] = K1 * (1.0 + (0.05 * random.NextNormal()));
            k2[i] = K2;
            delta[i] = 0.105;

            // From far below a driver step to beyond δ (unreachable), with exact zeros.
            target[i] = i % 9 == 4 ? 0.0 : i % 11 == 7 ? 0.2 : Math.Pow(10.0, -12.0 + (9.0 * random.NextDouble()));
        }

        var widths = LaneRun.Map<SolveWidthOp>(width, v, k1, k2, delta, target);
        var scalar = LaneRun.Map<SolveWidthOp>(KernelWidth.Scalar, v, k1, k2, delta, target);
        for (var i = 0; i < count; i++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(scalar[i]), BitConverter.DoubleToInt64Bits(widths[i]));
            if (target[i] >= delta[i])
            {
                Assert.True(double.IsPositiveInfinity(widths[i]), $"a change beyond δ has no width; got {widths[i]:R}");
                continue;
            }

            if (target[i] == 0.0)
            {
                Assert.Equal(0.0, widths[i]);
                continue;
            }

            // The width realises the change: −(ΔU − ΔV_free) at that width is the target.
            var realised = -FnPhysics.RealisedChange(k1[i], k2[i], v[i], delta[i], widths[i]);
            Approx.Relative(target[i], realised, 1e-12, $"element {i}: width {widths[i]:R} s");
        }
    }

    private readonly struct ExpOp : ILaneOperation
    {
        public V Invoke<V, L>(V a, V b, V c, V d, V e)
            where V : unmanaged
            where L : struct, ILane<V> => LaneMath.Exp<V, L>(a);
    }

    private readonly struct Log1POp : ILaneOperation
    {
        public V Invoke<V, L>(V a, V b, V c, V d, V e)
            where V : unmanaged
            where L : struct, ILane<V> => LaneMath.Log1P<V, L>(a);
    }

    private readonly struct FreeChangeOp : ILaneOperation
    {
        public V Invoke<V, L>(V a, V b, V c, V d, V e)
            where V : unmanaged
            where L : struct, ILane<V> => FnRules.FreeChange<V, L>(a, b, c);
    }

    private readonly struct ShiftedChangeOp : ILaneOperation
    {
        public V Invoke<V, L>(V a, V b, V c, V d, V e)
            where V : unmanaged
            where L : struct, ILane<V> => FnRules.ShiftedChange<V, L>(a, b, c, d);
    }

    private readonly struct RealisedChangeOp : ILaneOperation
    {
        public V Invoke<V, L>(V a, V b, V c, V d, V e)
            where V : unmanaged
            where L : struct, ILane<V> => FnRules.RealisedChange<V, L>(a, b, c, d);
    }

    private readonly struct DissipationOp : ILaneOperation
    {
        public V Invoke<V, L>(V a, V b, V c, V d, V e)
            where V : unmanaged
            where L : struct, ILane<V> => FnRules.Dissipation<V, L>(a, b, c);
    }

    private readonly struct SolveWidthOp : ILaneOperation
    {
        public V Invoke<V, L>(V a, V b, V c, V d, V e)
            where V : unmanaged
            where L : struct, ILane<V> => FnRules.SolveWidth<V, L>(a, b, c, d, e);
    }
}
