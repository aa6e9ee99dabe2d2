using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using BadHttpRequestException = Microsoft.AspNetCore.Http.BadHttpRequestException;

namespace Quickscan.Web.Infrastructure;

public static class ErrorPages
{
    /// <summary>The largest request body the app accepts; the respondent pages post a few kilobytes.</summary>
    public const long MaxRequestBodyBytes = 256 * 1024;

    /// <summary>Oversized bodies are refused before they are read (413, with the localized status page).</summary>
    public static IServiceCollection AddRequestLimits(this IServiceCollection services)
    {
        services.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        services.Configure<FormOptions>(o =>
        {
            o.ValueCountLimit = 500;
            o.ValueLengthLimit = 16 * 1024;
            o.MultipartBodyLengthLimit = MaxRequestBodyBytes;
        });
        return services;
    }

    /// <summary>
    /// Never a stack trace: unexpected errors get the generic error page with a correlation id, every
    /// 4xx the status page in the user's language.
    /// </summary>
    public static IApplicationBuilder UseQuickscanErrorPages(this WebApplication app)
    {
        app.UseExceptionHandler("/error");
        app.UseStatusCodePagesWithReExecute("/status/{0}");
        if (!app.Environment.IsDevelopment())
            app.UseHsts();
        app.Use(RejectBadBodies);
        app.UseControlCharacterGuard();
        return app;
    }

    /// <summary>
    /// A body over the limit is refused by its declared length before anything reads it (413); a body the
    /// form reader can't take (too many or too long values, a limit hit mid-stream) is a client error, not a
    /// server error. Either way the status page explains, and nothing is stored.
    /// </summary>
    private static async Task RejectBadBodies(HttpContext context, RequestDelegate next)
    {
        var reExecuted = context.Features.Get<IStatusCodeReExecuteFeature>() is not null;
        if (context.Request.ContentLength > MaxRequestBodyBytes && !reExecuted)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        try
        {
            await next(context);
        }
        catch (Exception e) when (e is BadHttpRequestException or InvalidDataException && !context.Response.HasStarted)
        {
            context.Response.Clear();
            context.Response.StatusCode = e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status400BadRequest;
        }
    }
}
