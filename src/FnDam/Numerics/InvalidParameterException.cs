namespace FnDam.Numerics;

/// <summary>
/// A parameter outside its valid range. The message is one line that names the parameter, its unit, the valid
/// range and the value received, ready to show to a person.
/// </summary>
public sealed class InvalidParameterException : ArgumentOutOfRangeException
{
    private readonly string _message;

    /// <summary>Creates the exception.</summary>
    public InvalidParameterException()
        : this("value", null, "A parameter is out of range.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The one-line message.</param>
    public InvalidParameterException(string message)
        : this("value", null, message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">The one-line message.</param>
    /// <param name="innerException">The cause.</param>
    public InvalidParameterException(string message, Exception innerException)
        : base(message, innerException)
    {
        _message = message;
    }

    /// <summary>Creates the exception for a named parameter.</summary>
    /// <param name="parameterName">The parameter's name.</param>
    /// <param name="actualValue">The value received.</param>
    /// <param name="message">The one-line message.</param>
    public InvalidParameterException(string parameterName, object? actualValue, string message)
        : base(parameterName, actualValue, message)
    {
        _message = message;
    }

    /// <inheritdoc/>
    public override string Message => _message;
}
