using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Quickscan.Web.Tests.Infrastructure;

namespace Quickscan.Web.Tests.Operations;

/// <summary>Pages with a second address link to the address their values fill, their own first (the settings link was empty).</summary>
public sealed class PageRouteTests(QuickscanApp app) : IClassFixture<QuickscanApp>
{
    [Fact]
    public void Links_to_pages_with_two_addresses_take_the_one_their_values_fill()
    {
        var links = app.Services.GetRequiredService<LinkGenerator>();
        var id = Guid.NewGuid();

        Assert.Equal($"/scans/{id}/edit", links.GetPathByPage("/Scans/Edit", values: new { id }));
        Assert.Equal($"/scans/new/{id}", links.GetPathByPage("/Scans/Edit", values: new { organisationId = id }));
        Assert.Equal($"/clients/{id}/edit", links.GetPathByPage("/Clients/Edit", values: new { id }));
        Assert.Equal("/clients/new", links.GetPathByPage("/Clients/Edit"));
        Assert.Equal("/zelfscan", links.GetPathByPage("/SelfScan/Index"));
    }
}
