using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Quickscan.Web.Infrastructure;

public static class PageRoutes
{
    /// <summary>
    /// A second address for a page. Unlike <c>AddPageRoute</c>, which stops links from using the page's own route
    /// (so a link to "/scans/{id}/edit" came out empty), both routes stay usable for links: each link gets the
    /// route its values fill, the page's own first.
    /// </summary>
    public static PageConventionCollection AddAlternativeRoute(this PageConventionCollection conventions, string pageName, string template)
    {
        conventions.AddPageRouteModelConvention(pageName, model => model.Selectors.Add(new SelectorModel
        {
            // Order 1: where the values fill both routes, links keep to the page's own.
            AttributeRouteModel = new AttributeRouteModel { Template = template.TrimStart('/'), Order = 1 },
        }));
        return conventions;
    }
}
