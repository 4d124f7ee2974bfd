using System.Text.RegularExpressions;
using HnReply.Prediction;
using HnReply.Text;

namespace HnReply.Server.Endpoints;

/// <summary>
/// Collects what is wrong with a request's fields so the answer names every problem at once, in
/// one line, with the API's field names.
/// </summary>
internal sealed partial class RequestChecks
{
    private readonly List<string> _errors = [];

    public bool Ok => _errors.Count == 0;

    public string Message => string.Join("; ", _errors);

    /// <summary>A text field: present, within <see cref="UserText.MaxCharacters"/>, and not blank when <paramref name="allowBlank"/> is false.</summary>
    public void Text(string? value, string field, bool allowBlank)
    {
        if (value is null) _errors.Add($"{field}: required");
        else if (!allowBlank && string.IsNullOrWhiteSpace(value)) _errors.Add($"{field}: empty");
        else if (value.Length > UserText.MaxCharacters)
            _errors.Add($"{field}: {value.Length:N0} characters, more than the {UserText.MaxCharacters:N0} a model reads at once");
    }

    public void Range(int value, string field, int min, int max)
    {
        if (value < min || value > max) _errors.Add($"{field}: must be from {min} to {max}, got {value}");
    }

    /// <summary>Sampling options checked by <see cref="SamplingOptions.Validate"/>, its flag names turned into the API's field names.</summary>
    public void Sampling(SamplingOptions sampling)
    {
        try
        {
            sampling.Validate();
        }
        catch (ArgumentException e)
        {
            _errors.Add(FlagName().Replace(e.Message, m => m.Groups[1].Value.Replace('-', '_')));
        }
    }

    [GeneratedRegex("--([a-z][a-z-]*)")]
    private static partial Regex FlagName();
}
