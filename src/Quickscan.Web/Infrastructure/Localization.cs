using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Localization;
using Quickscan.Domain.Questionnaires;

namespace Quickscan.Web.Infrastructure;

/// <summary>Dutch first, English second: the culture comes from ?culture=, then the language cookie, then the browser's Accept-Language, else Dutch.</summary>
public static class Localization
{
    public static readonly CultureInfo[] Cultures = [new("nl"), new("en")];

    public static IServiceCollection AddQuickscanLocalization(this IServiceCollection services)
    {
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        // The resx lookups, remembered per culture (see CachingStringLocalizerFactory).
        services.AddSingleton<ResourceManagerStringLocalizerFactory>();
        services.Replace(ServiceDescriptor.Singleton<IStringLocalizerFactory>(sp => new CachingStringLocalizerFactory(sp.GetRequiredService<ResourceManagerStringLocalizerFactory>())));
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(Cultures[0]);
            options.SupportedCultures = Cultures;
            options.SupportedUICultures = Cultures;
            options.FallBackToParentCultures = true;
            options.FallBackToParentUICultures = true;
            options.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider(),
                // A first visit follows the browser's languages (a respondent page then narrows them to the scan's).
                new AcceptLanguageHeaderRequestCultureProvider { MaximumAcceptLanguageHeaderValuesToTry = 5 },
            ];
        });
        return services;
    }

    /// <summary>The questionnaire language that goes with the current UI culture.</summary>
    public static Language CurrentLanguage =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? Language.En : Language.Nl;

    public static CultureInfo CultureFor(Language language) => language == Language.En ? Cultures[1] : Cultures[0];

    /// <summary>The language this response renders in: a forced one (which an async handler's culture change can't carry), else the current one.</summary>
    public static Language LanguageOf(HttpContext context) =>
        context.Items[ForcedLanguageKey] is Language language ? language : CurrentLanguage;

    private const string ForcedLanguageKey = "quickscan:forced-language";

    /// <summary>Renders this response in the given language, whatever the visitor chose (see <see cref="ForcedLanguageFilter"/>).</summary>
    public static void ForceLanguage(HttpContext context, Language language)
    {
        context.Items[ForcedLanguageKey] = language;
        Apply(language);
    }

    private static void Apply(Language language)
    {
        var culture = CultureFor(language);
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
    }

    /// <summary>
    /// Culture set inside an async handler does not flow back out of it, so a forced language is applied
    /// again right before the page renders (a synchronous filter, in the rendering's own flow).
    /// </summary>
    public sealed class ForcedLanguageFilter : Microsoft.AspNetCore.Mvc.Filters.IResultFilter
    {
        public void OnResultExecuting(Microsoft.AspNetCore.Mvc.Filters.ResultExecutingContext context)
        {
            if (context.HttpContext.Items[ForcedLanguageKey] is Language language)
                Apply(language);
        }

        public void OnResultExecuted(Microsoft.AspNetCore.Mvc.Filters.ResultExecutedContext context)
        {
        }
    }

    /// <summary>GET /language/{code}?returnUrl=…: remembers the choice in a cookie and goes back.</summary>
    public static IEndpointRouteBuilder MapLanguageSwitch(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/language/{code}", (string code, string? returnUrl, HttpContext context) =>
        {
            if (!Languages.TryParse(code, out var language))
                return Results.NotFound();
            var culture = new RequestCulture(CultureFor(language));
            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(culture),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true, Secure = context.Request.IsHttps });
            var target = !string.IsNullOrEmpty(returnUrl) && IsLocal(returnUrl) ? returnUrl : "/";
            return Results.LocalRedirect(target);
        });
        return endpoints;
    }

    /// <summary>A path on this site: not "//host" or "/\\host", and no control characters (browsers drop a tab, making "/\t/evil.example" "//evil.example").</summary>
    private static bool IsLocal(string url) =>
        url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) && RequestHygiene.IsPlainText(url);
}
