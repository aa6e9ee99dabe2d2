using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

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
        return app;
    }
}
