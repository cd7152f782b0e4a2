using FnDam.Devices;
using FnDam.Learning;
using FnDam.Learning.Backends;

namespace FnDam.Tests.Learning;

/// <summary>The back-end catalog: one row per back-end decides its name, family, encoder and default comparison, and
/// the factory, the FN-DAM back-end's own name and the comparison all follow it.</summary>
public sealed class BackendNameTests
{
    private static readonly StaticMemory[] Technologies = [new("TEST-RRAM", 1e-12, "test row")];

    [Fact]
    public void EveryKindButStatic_HasOneFixedName_AndEveryEncoderOneBackEnd()
    {
        var kinds = Enum.GetValues<BackendKind>().Where(k => k != BackendKind.Static).ToArray();
        Assert.Equal(kinds, BackendName.Fixed.Select(n => n.Kind).Order().ToArray());
        Assert.Equal(kinds.Length, BackendName.FixedNames.Names.Count);
        var encoders = BackendName.Fixed.Where(n => n.Encoder is not null).Select(n => n.Encoder!.Value).Order().ToArray();
        Assert.Equal(Enum.GetValues<FnDamEncoder>(), encoders);
    }

    public static TheoryData<string> AllNames() => [.. BackendFactory.AllNames(Technologies).Select(n => n.ToString())];

    /// <summary>What the factory builds agrees with the name's family and encoder, and the built back-end names itself
    /// by the name it was made from.</summary>
    [Theory]
    [MemberData(nameof(AllNames))]
    public void TheFactoryBuilds_WhatTheFamilyAndEncoderSay_AndTheBackEndKeepsItsName(string text)
    {
        var name = BackendName.Parse(text);
        var config = TrainingTestData.SmokeConfig("iris", text, 1);
        var backend = BackendFactory.Create(name, Presets.Default, config, Technologies);
        Assert.Equal(text, backend.Name);
        switch (name.Family)
        {
            case BackendFamily.FnDam:
                Assert.Equal(name.Encoder, Assert.IsType<FnDamBackend>(backend).Encoder);
                Assert.Equal(name, BackendName.Of(name.Encoder!.Value));
                break;
            case BackendFamily.Pulsed:
                Assert.IsType<PulsedDeviceBackend>(backend);
                Assert.Null(name.Encoder);
                break;
            case BackendFamily.Static:
                Assert.IsType<StaticMemoryBackend>(backend);
                Assert.Null(name.Encoder);
                break;
            default:
                Assert.Equal(BackendFamily.FloatingPoint, name.Family);
                Assert.True(backend is FloatBackend or AnnealedBackend or AsymmetricFloatBackend, $"{text}: {backend.GetType().Name}");
                Assert.Null(name.Encoder);
                break;
        }
    }

    [Fact]
    public void FnDamBackEnds_AreTheFiveEncoders_AndTheRestAreNot()
    {
        string[] fnDam = ["fndam-matched", "fndam-compensated", "fndam-matched-count", "fndam-compensated-count", "fndam-compensated-amplitude"];
        var names = BackendFactory.AllNames(Technologies);
        Assert.Equal(fnDam, names.Where(n => n.Family == BackendFamily.FnDam).Select(n => n.ToString()).ToArray());
        Assert.Equal(["pulsed-constant", "pulsed-softbounds", "pulsed-expstep"], names.Where(n => n.Family == BackendFamily.Pulsed).Select(n => n.ToString()).ToArray());
        Assert.Equal(["static:TEST-RRAM"], names.Where(n => n.Family == BackendFamily.Static).Select(n => n.ToString()).ToArray());
        Assert.Equal(["float", "annealed", "float-asymmetric"], names.Where(n => n.Family == BackendFamily.FloatingPoint).Select(n => n.ToString()).ToArray());
    }

    /// <summary>The default comparison leaves out the pair in whole nominal pulses and the amplitude-compensated
    /// encoder, and nothing else; every static memory is in it.</summary>
    [Fact]
    public void TheDefaultComparison_LeavesOutTheCountPairAndTheAmplitudeEncoder_Only()
    {
        var all = BackendFactory.AllNames(Technologies);
        var compared = BackendFactory.DefaultCompareNames(Technologies);
        var leftOut = all.Where(n => !compared.Contains(n)).Select(n => n.ToString()).ToArray();
        Assert.Equal(["fndam-matched-count", "fndam-compensated-count", "fndam-compensated-amplitude"], leftOut);
        Assert.Contains(BackendName.Static("TEST-RRAM"), compared);
        Assert.All(compared, n => Assert.True(n.InDefaultComparison, n.ToString()));
    }

    [Fact]
    public void AnEncoderOutsideTheEnumeration_IsRefused_WithTheValidOnesNamed()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => BackendName.Of((FnDamEncoder)99));
        Assert.Contains("MatchedByCount", e.Message, StringComparison.Ordinal);
    }
}
