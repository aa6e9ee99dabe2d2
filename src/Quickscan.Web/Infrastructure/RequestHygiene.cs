using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Routing;

namespace Quickscan.Web.Infrastructure;

/// <summary>
/// Requests a page cannot handle are refused before any page code runs: a method the page has no handler
/// for is a 405 (from routing, with an Allow header), and a query or form value with a control character
/// is a 400 whose status page says why. Nothing is stored either way.
/// </summary>
public static class RequestHygiene
{
    /// <summary>Set on a 400 refused for control characters, so the status page can say so.</summary>
    public const string ControlCharactersReason = "ControlCharacters";

    private const string ReasonKey = "quickscan:status-reason";

    /// <summary>Why a 4xx was given, when the status code alone doesn't say it (see the status page).</summary>
    public static string? StatusReason(HttpContext context) => context.Items[ReasonKey] as string;

    /// <summary>
    /// True when the text has no control characters; newlines (CR, LF) are allowed where the text is
    /// multi-line. Control characters never come from typing: they are tampering or pasted debris, and a
    /// NUL or an escape would otherwise end up in the database, the exports and the report.
    /// </summary>
    public static bool IsPlainText(string? text, bool multiLine = false) =>
        text is null || !text.Any(c => char.IsControl(c) && !(multiLine && c is '\r' or '\n'));

    /// <summary>
    /// Refuses query and form values (and names) with control characters other than newlines: 400 before the
    /// page is reached. Single-line fields refuse newlines in their validators (<see cref="TextRules"/>).
    /// </summary>
    public static IApplicationBuilder UseControlCharacterGuard(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Features.Get<IStatusCodeReExecuteFeature>() is null && await HasControlCharactersAsync(context.Request))
        {
            context.Items[ReasonKey] = ControlCharactersReason;
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        await next(context);
    });

    private static async Task<bool> HasControlCharactersAsync(HttpRequest request)
    {
        foreach (var (key, values) in request.Query)
        {
            if (!IsPlainText(key) || values.Any(v => !IsPlainText(v)))
                return true;
        }

        if (!request.HasFormContentType || HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            return false;
        // Read once here; the page's model binding reuses the parsed form.
        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        foreach (var (key, values) in form)
        {
            if (!IsPlainText(key) || values.Any(v => !IsPlainText(v, multiLine: true)))
                return true;
        }

        return form.Files.Any(f => !IsPlainText(f.FileName) || !IsPlainText(f.Name));
    }

    /// <summary>
    /// Gives every page endpoint the HTTP methods of its handlers (GET also allows HEAD; a page without
    /// handlers is GET and HEAD), so routing answers any other method with 405 instead of running the page
    /// without a handler. Pages marked <see cref="AnyHttpMethodAttribute"/> (the error and status pages,
    /// which are re-executed with the failed request's method) take every method.
    /// </summary>
    public sealed class HandlerMethodsConvention : IPageApplicationModelConvention
    {
        public void Apply(PageApplicationModel model)
        {
            if (model.HandlerType.IsDefined(typeof(AnyHttpMethodAttribute), inherit: true))
                return;
            var methods = model.HandlerMethods.Select(h => h.HttpMethod.ToUpperInvariant()).ToHashSet();
            if (methods.Count == 0 || methods.Contains(HttpMethods.Get))
                methods.UnionWith([HttpMethods.Get, HttpMethods.Head]);
            model.EndpointMetadata.Add(new HttpMethodMetadata([.. methods.Order()]));
        }
    }
}

/// <summary>A page that answers every HTTP method (see <see cref="RequestHygiene.HandlerMethodsConvention"/>).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class AnyHttpMethodAttribute : Attribute;
