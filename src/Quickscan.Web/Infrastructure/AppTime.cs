namespace Quickscan.Web.Infrastructure;

/// <summary>
/// Dates are stored in UTC and shown and entered in the app's time zone (configuration Quickscan:TimeZone,
/// default Europe/Amsterdam): consultants and their clients think in local time.
/// </summary>
public sealed class AppTime(IConfiguration configuration)
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(configuration["Quickscan:TimeZone"] ?? "Europe/Amsterdam");

    public DateTimeOffset ToUtc(DateTime local) =>
        new(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), _zone), TimeSpan.Zero);

    public DateTime ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, _zone).DateTime;

    /// <summary>For an input of type datetime-local.</summary>
    public string ForInput(DateTimeOffset? instant) =>
        instant is { } value ? ToLocal(value).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture) : "";

    public string Format(DateTimeOffset? instant) =>
        instant is { } value ? ToLocal(value).ToString("g", System.Globalization.CultureInfo.CurrentCulture) : "–";
}
