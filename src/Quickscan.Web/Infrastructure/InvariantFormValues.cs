using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Quickscan.Web.Infrastructure;

/// <summary>
/// Browsers send number and date inputs in an invariant format ("1.5", "2026-03-01T10:00") whatever the
/// page's language, so form values are parsed with the invariant culture. With the Dutch culture, "1.5"
/// would otherwise bind as fifteen.
/// </summary>
public sealed class InvariantFormValueProviderFactory : IValueProviderFactory
{
    public async Task CreateValueProviderAsync(ValueProviderFactoryContext context)
    {
        var request = context.ActionContext.HttpContext.Request;
        if (!request.HasFormContentType)
            return;
        var form = await request.ReadFormAsync(context.ActionContext.HttpContext.RequestAborted);
        context.ValueProviders.Add(new FormValueProvider(BindingSource.Form, form, CultureInfo.InvariantCulture));
    }
}
