using FnDam.Learning;
using FnDam.Numerics;
using ScottPlot;

namespace FnDam.Reporting;

/// <summary>The family a series belongs to; a family is drawn with one line pattern.</summary>
public enum SeriesFamily
{
    /// <summary>Any other series (a label that is not a back-end name): solid lines.</summary>
    Other,

    /// <summary>Device back-ends: <c>float</c>, <c>annealed</c>, <c>fndam-*</c> (also <c>NAME@PRESET</c>): solid lines.</summary>
    Device,

    /// <summary>Static memories charged per write, <c>static:TECH</c>: dashed lines.</summary>
    Static,

    /// <summary>Pulsed device models, <c>pulsed-*</c>: dotted lines.</summary>
    Pulsed,
}

/// <summary>How one series is drawn: colour, marker and line pattern.</summary>
/// <param name="Color">Line and marker colour.</param>
/// <param name="Marker">Marker shape.</param>
/// <param name="Line">Line pattern (from the series' family).</param>
/// <param name="Family">The series' family.</param>
public sealed record SeriesLook(Color Color, MarkerShape Marker, LinePattern Line, SeriesFamily Family);

/// <summary>
/// One palette of distinct colours and markers for every figure: no two series of a figure share a (colour, marker)
/// pair, a family is told by its line pattern, and a back-end gets the same look in every figure.
/// </summary>
/// <remarks>
/// A look is a slot <c>i</c>: colour <c>i mod C</c>, marker <c>(i + ⌊i/C⌋) mod M</c> of the palette's C colours and M
/// markers. Two slots of one colour differ by k·C in index and so by k·(C + 1) mod M in marker, never 0 as C + 1 and M
/// are coprime; the first C·M slots are therefore distinct pairs. Back-end names (the fixed ones and <c>static:TECH</c>
/// of the shipped technology table) own the slots <see cref="ReservedNames"/> gives them, so each has its look in every
/// figure and in every later version; any other name takes,
/// in order of first appearance in the figure, the lowest slot not yet used in that figure, so a figure of labels that
/// are not back-ends starts at the first colour.
/// </remarks>
public static class SeriesStyles
{
    /// <summary>The colours, in slot order: the ten of Tableau 10, then six darker ones, a periwinkle and a dark teal,
    /// one for each back-end of the shipped table.</summary>
    public static IReadOnlyList<Color> Colors { get; } =
    [
        Color.FromHex("#1f77b4"), Color.FromHex("#ff7f0e"), Color.FromHex("#2ca02c"), Color.FromHex("#d62728"),
        Color.FromHex("#9467bd"), Color.FromHex("#8c564b"), Color.FromHex("#e377c2"), Color.FromHex("#7f7f7f"),
        Color.FromHex("#bcbd22"), Color.FromHex("#17becf"), Color.FromHex("#000000"), Color.FromHex("#393b79"),
        Color.FromHex("#637939"), Color.FromHex("#843c39"), Color.FromHex("#7b4173"), Color.FromHex("#bd9e39"),
        Color.FromHex("#6b6ecf"), Color.FromHex("#00796b"),
    ];

    /// <summary>The markers, in slot order (filled shapes; their open forms mark a second series of the same name).</summary>
    public static IReadOnlyList<MarkerShape> Markers { get; } =
        [MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond, MarkerShape.FilledTriangleDown];

    /// <summary>Number of distinct (colour, marker) slots.</summary>
    public static int SlotCount => Colors.Count * Markers.Count;

    private static readonly MarkerShape[] OpenMarkers =
        [MarkerShape.OpenCircle, MarkerShape.OpenSquare, MarkerShape.OpenTriangleUp, MarkerShape.OpenDiamond, MarkerShape.OpenTriangleDown];

    private static readonly MarkerShape[] LineMarkers =
        [MarkerShape.Cross, MarkerShape.Eks, MarkerShape.Asterisk, MarkerShape.HashTag, MarkerShape.TriUp];

    /// <summary>The back-ends that own a slot, in slot order: every fixed back-end (devices first, so that they take the
    /// clearest colours, then the pulsed models) and <c>static:TECH</c> of the shipped technology table. The list is
    /// written out rather than derived from the catalog's order, so that a back-end added to the catalog is appended
    /// here and no other back-end's look changes (a test checks that every back-end has a slot).</summary>
    public static IReadOnlyList<string> ReservedNames { get; } =
    [
        "float", "annealed", "float-asymmetric", "fndam-matched", "fndam-compensated", "fndam-matched-count",
        "fndam-compensated-count", "fndam-compensated-amplitude", "pulsed-constant", "pulsed-softbounds", "pulsed-expstep",
        "static:RRAM", "static:PCM", "static:FeFET", "static:ECRAM", "static:MRAM", "static:STT-MRAM", "static:SRAM",
    ];

    private static readonly Dictionary<string, int> Reserved =
        ReservedNames.Select((name, slot) => (name, slot)).ToDictionary(p => p.name, p => p.slot, StringComparer.Ordinal);

    /// <summary>The family of a series name: a back-end name (<c>fndam-matched</c>, <c>static:RRAM</c>,
    /// <c>pulsed-constant</c>, optionally with an <c>@PRESET</c> suffix) or <see cref="SeriesFamily.Other"/>.</summary>
    /// <param name="name">The series name.</param>
    /// <returns>The family.</returns>
    public static SeriesFamily FamilyOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var at = name.IndexOf('@', StringComparison.Ordinal);
        var text = at > 0 ? name[..at] : name;
        if (!BackendNameLike(text))
        {
            return SeriesFamily.Other;
        }

        try
        {
            return BackendName.Parse(text).Family switch
            {
                BackendFamily.Static => SeriesFamily.Static,
                BackendFamily.Pulsed => SeriesFamily.Pulsed,
                _ => SeriesFamily.Device,
            };
        }
        catch (InputException)
        {
            return SeriesFamily.Other;
        }
    }

    /// <summary>The line pattern of a family: solid for devices and others, dashed for static memories, dotted for pulsed models.</summary>
    /// <param name="family">The family.</param>
    /// <returns>The pattern.</returns>
    public static LinePattern LineOf(SeriesFamily family) => family switch
    {
        SeriesFamily.Static => LinePattern.Dashed,
        SeriesFamily.Pulsed => LinePattern.Dotted,
        _ => LinePattern.Solid,
    };

    /// <summary>The look of a slot (see the remarks of <see cref="SeriesStyles"/>).</summary>
    /// <param name="slot">Slot, 0 or more; slots at or past <see cref="SlotCount"/> repeat.</param>
    /// <param name="family">The family, for the line pattern.</param>
    /// <param name="variant">0 for a name's first series in a figure; 1, 2 for further series of the same name (open, then line markers).</param>
    /// <returns>The look.</returns>
    public static SeriesLook Slot(int slot, SeriesFamily family = SeriesFamily.Other, int variant = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(slot);
        ArgumentOutOfRangeException.ThrowIfNegative(variant);
        slot %= SlotCount;
        var c = Colors.Count;
        var m = (slot + (slot / c)) % Markers.Count;
        var marker = (variant % 3) switch
        {
            0 => Markers[m],
            1 => OpenMarkers[m],
            _ => LineMarkers[m],
        };
        return new SeriesLook(Colors[slot % c], marker, LineOf(family), family);
    }

    /// <summary>The reserved slot of a back-end name, or null for a name that has none.</summary>
    /// <param name="name">The series name.</param>
    /// <returns>The slot.</returns>
    public static int? ReservedSlot(string name) => Reserved.TryGetValue(name ?? string.Empty, out var slot) ? slot : null;

    /// <summary>
    /// Looks for the series of one figure, in order: a back-end name takes its reserved slot; a back-end name with a
    /// suffix (<c>fndam-matched@mehta2022</c>) keeps the colour of its back-end with the open form of its marker; any
    /// other name takes the lowest slot not used in the figure. A name listed again (a second series of the same label,
    /// such as a fit beside its measured points) keeps its colour and takes the next form of its marker.
    /// </summary>
    /// <param name="names">The series names, in drawing order.</param>
    /// <returns>One look per name, in the same order; distinct (colour, marker) pairs for up to <see cref="SlotCount"/> names.</returns>
    public static IReadOnlyList<SeriesLook> Assign(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var distinct = names.Distinct(StringComparer.Ordinal).ToArray();
        var slotOf = new Dictionary<string, (int Slot, int Variant)>(StringComparer.Ordinal);
        var used = new HashSet<(int, int)>();
        foreach (var name in distinct)
        {
            if (ReservedSlot(name) is { } reserved)
            {
                slotOf[name] = (reserved, 0);
                used.Add((reserved, 0));
            }
        }

        foreach (var name in distinct.Where(n => !slotOf.ContainsKey(n)))
        {
            var at = name.IndexOf('@', StringComparison.Ordinal);
            if (at > 0 && ReservedSlot(name[..at]) is { } baseSlot)
            {
                var variant = 1;
                while (used.Contains((baseSlot, variant)))
                {
                    variant++;
                }

                slotOf[name] = (baseSlot, variant);
                used.Add((baseSlot, variant));
            }
        }

        var next = 0;
        foreach (var name in distinct.Where(n => !slotOf.ContainsKey(n)))
        {
            while (used.Contains((next % SlotCount, 0)) && next < 2 * SlotCount)
            {
                next++;
            }

            slotOf[name] = (next % SlotCount, 0);
            used.Add((next % SlotCount, 0));
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var looks = new SeriesLook[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            var repeat = seen.TryGetValue(names[i], out var count) ? count : 0;
            seen[names[i]] = repeat + 1;
            var (slot, variant) = slotOf[names[i]];
            looks[i] = Slot(slot, FamilyOf(names[i]), variant + repeat);
        }

        return looks;
    }

    private static bool BackendNameLike(string text) =>
        text.Length > 0 && !text.Contains(' ', StringComparison.Ordinal);
}
