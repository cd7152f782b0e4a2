namespace FnDam.Configuration;

/// <summary>
/// The spellings of an enumeration in configs and on the command line: each value has exactly one name, read
/// case-insensitively and always written as registered, so that configs and outputs keep their text while code
/// compares values.
/// </summary>
/// <typeparam name="T">The enumeration.</typeparam>
public sealed class NamedValues<T>
    where T : struct, Enum
{
    private readonly (T Value, string Name)[] _entries;

    /// <summary>Registers the spellings.</summary>
    /// <param name="entries">Every value with its name, in the order messages list them.</param>
    public NamedValues(params (T Value, string Name)[] entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Select(e => e.Name.ToLowerInvariant()).Distinct().Count() != entries.Length || entries.Select(e => e.Value).Distinct().Count() != entries.Length)
        {
            throw new ArgumentException("each value needs exactly one name, and each name one value.", nameof(entries));
        }

        _entries = entries;
    }

    /// <summary>The names, in registration order.</summary>
    public IReadOnlyList<string> Names => [.. _entries.Select(e => e.Name)];

    /// <summary>The names as a message lists them: "a, b or c".</summary>
    public string Listed => _entries.Length == 1 ? _entries[0].Name
        : $"{string.Join(", ", _entries[..^1].Select(e => e.Name))} or {_entries[^1].Name}";

    /// <summary>The name of a value.</summary>
    /// <param name="value">A registered value.</param>
    /// <returns>Its name.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value has no name.</exception>
    public string Name(T value)
    {
        foreach (var (v, name) in _entries)
        {
            if (EqualityComparer<T>.Default.Equals(v, value))
            {
                return name;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(value), value, $"no name is registered for {typeof(T).Name} {value}.");
    }

    /// <summary>The value of a name (case-insensitive).</summary>
    /// <param name="name">The name.</param>
    /// <param name="value">The value, when found.</param>
    /// <returns>Whether the name is registered.</returns>
    public bool TryParse(string? name, out T value)
    {
        foreach (var (v, n) in _entries)
        {
            if (string.Equals(n, name, StringComparison.OrdinalIgnoreCase))
            {
                value = v;
                return true;
            }
        }

        value = default;
        return false;
    }
}
