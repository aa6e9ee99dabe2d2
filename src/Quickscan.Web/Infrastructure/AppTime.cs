using System.Globalization;

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
        instant is { } value ? ToLocal(value).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture) : "";

    /// <summary>
    /// The one way a date and time is shown, in the reader's language: "4 december 2026, 14:05", "4 December
    /// 2026, 14:05". The month is written out and the clock is 24-hour, so no reader takes 3/4 for April or
    /// March (the neutral "en" culture's own patterns are US: M/d/yyyy h:mm tt).
    /// </summary>
    public string Format(DateTimeOffset? instant, CultureInfo culture) =>
        instant is { } value ? ToLocal(value).ToString("d MMMM yyyy, HH':'mm", culture) : "–";

    /// <summary>A time in the current request's language (<see cref="Format(DateTimeOffset?, CultureInfo)"/>).</summary>
    public string Format(DateTimeOffset? instant) => Format(instant, CultureInfo.CurrentCulture);

    /// <summary>The local day only, as in <see cref="Format(DateTimeOffset?, CultureInfo)"/>: "4 december 2026".</summary>
    public string FormatDate(DateTimeOffset instant, CultureInfo culture) => ToLocal(instant).ToString("d MMMM yyyy", culture);

    public string FormatDate(DateTimeOffset instant) => FormatDate(instant, CultureInfo.CurrentCulture);
}
