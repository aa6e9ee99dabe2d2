using Quickscan.Domain.Retention;

namespace Quickscan.Domain.Tests.Retention;

public sealed class RetentionRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(29, false)]
    [InlineData(30, true)]
    [InlineData(365, true)]
    [InlineData(3650, true)]
    [InlineData(3651, false)]
    [InlineData(0, false)]
    [InlineData(-30, false)]
    public void A_period_is_between_a_month_and_ten_years(int days, bool allowed) => Assert.Equal(allowed, RetentionRules.IsAllowed(days));

    [Fact]
    public void A_closed_scan_is_closed_since_it_was_closed() =>
        Assert.Equal(Now.AddDays(-3), RetentionRules.ClosedSince(isOpen: false, isClosed: true, Now.AddDays(-3), Now.AddDays(5), Now));

    [Fact]
    public void An_open_scan_is_closed_from_its_passed_closing_date_and_not_before()
    {
        Assert.Equal(Now.AddDays(-1), RetentionRules.ClosedSince(isOpen: true, isClosed: false, null, Now.AddDays(-1), Now));
        Assert.Null(RetentionRules.ClosedSince(isOpen: true, isClosed: false, null, Now.AddDays(1), Now));
        Assert.Null(RetentionRules.ClosedSince(isOpen: true, isClosed: false, null, null, Now));
    }

    [Fact]
    public void A_draft_is_never_closed() => Assert.Null(RetentionRules.ClosedSince(isOpen: false, isClosed: false, null, Now.AddDays(-100), Now));

    [Fact]
    public void Responses_are_due_once_the_period_after_closing_has_passed()
    {
        Assert.True(RetentionRules.ResponsesDue(Now.AddDays(-30), 30, null, Now));
        Assert.False(RetentionRules.ResponsesDue(Now.AddDays(-30).AddMinutes(1), 30, null, Now));
        Assert.False(RetentionRules.ResponsesDue(null, 30, null, Now));
    }

    [Fact]
    public void Responses_deleted_after_the_last_closing_are_not_due_again_but_after_a_reopening_they_are()
    {
        var closed = Now.AddDays(-400);
        Assert.False(RetentionRules.ResponsesDue(closed, 365, closed.AddDays(366), Now));
        // Deleted 34 days ago, reopened and closed again 31 days ago: new responses, a new period.
        Assert.True(RetentionRules.ResponsesDue(Now.AddDays(-31), 30, closed.AddDays(366), Now));
    }
}
