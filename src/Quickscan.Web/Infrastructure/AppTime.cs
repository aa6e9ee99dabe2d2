namespace Quickscan.Web.Infrastructure;

/// <summary>
/// Dates are stored in UTC and shown and entered in the app's time zone (configuration Quickscan:TimeZone,
/// default Europe/Amsterdam): consultants and their clients think in local time.
/// </summary>
public sealed class AppTime(IConfiguration configuration)
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(configuration["Quickscan:TimeZone"] ?? "Europe/Amsterdam");

    /// <summary>
    /// The instant of a local time. A time in the spring daylight-saving gap (02:30 on the last Sunday of
    /// March in Amsterdam) never happened on a clock; it is read with the offset from before the gap, which
    /// is what a clock that was not moved forward would have shown. Forms refuse such times (<see cref="Exists"/>).
    /// </summary>
    public DateTimeOffset ToUtc(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (_zone.IsInvalidTime(unspecified))
            return new DateTimeOffset(unspecified - _zone.GetUtcOffset(unspecified.AddDays(-1)), TimeSpan.Zero);
        return new(TimeZoneInfo.ConvertTimeToUtc(unspecified, _zone), TimeSpan.Zero);
    }

    /// <summary>False for a local time that the clocks skip (the daylight-saving gap).</summary>
    public bool Exists(DateTime local) => !_zone.IsInvalidTime(DateTime.SpecifyKind(local, DateTimeKind.Unspecified));

    public DateTime ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, _zone).DateTime;

    /// <summary>For an input of type datetime-local.</summary>
    public string ForInput(DateTimeOffset? instant) =>
        instant is { } value ? ToLocal(value).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture) : "";

    public string Format(DateTimeOffset? instant) =>
        instant is { } value ? ToLocal(value).ToString("g", System.Globalization.CultureInfo.CurrentCulture) : "–";
}
