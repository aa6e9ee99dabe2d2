using Microsoft.Extensions.Options;
using Quickscan.Web.Data;
using Quickscan.Web.Infrastructure;

namespace Quickscan.Web.Pages.Reports;

public static class ReportServices
{
    /// <summary>The report slice: its query, editing, document builder, PDF, branding and the stamped cache and the kept scan summaries.</summary>
    public static IServiceCollection AddReports(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReportBranding>().Bind(configuration.GetSection(ReportBranding.Section))
            .Validate(b => ReportBranding.IsColour(b.Colour) && !string.IsNullOrWhiteSpace(b.FirmName), "Quickscan:Branding needs a FirmName and a Colour as #rrggbb.")
            .ValidateOnStart();
        services.AddSingleton<StampedCache>();
        services.AddScoped<ScanSummaries>();
        services.AddScoped<ReportQuery>();
        services.AddSingleton<QuoteReferences>();
        services.AddScoped<ReportEditing>();
        services.AddScoped<ReportDocuments>();
        services.AddScoped<ReportPdf>();
        return services;
    }
}
