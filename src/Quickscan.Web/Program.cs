using Quickscan.Web.Data;
using Quickscan.Web.Infrastructure;
using Quickscan.Web.Pages.Reports;
using Quickscan.Web.Pages.Respond;
using Quickscan.Web.Pages.SelfScan;

// The container's health probe runs the app's own binary, so the image needs no curl.
if (args is ["healthcheck", ..])
    return await Health.ProbeAsync(args.ElementAtOrDefault(1));

var builder = WebApplication.CreateBuilder(args);

// Static files from the build output in every environment, not only Development: MapStaticAssets serves the
// precompressed variants, which a build (unlike a publish) keeps outside wwwroot. A published app has no manifest.
builder.WebHost.UseStaticWebAssets();

// Logging: Serilog, structured, configured from appsettings; no answers or personal data. Telemetry over OTLP when configured.
builder.AddQuickscanLogging();
builder.Services.AddQuickscanTelemetry(builder.Configuration);

// Reached through a TLS-terminating proxy: settings checked at start, forwarded headers, public base URL.
builder.Services.AddQuickscanHosting(builder.Environment);

// Storage: SQLite by default, PostgreSQL via configuration; Data Protection keys live in the database
// so cookies and anti-forgery tokens survive restarts and work across instances, encrypted with a certificate.
builder.Services.AddQuickscanDatabase();
builder.Services.AddQuickscanDataProtection(builder.Configuration, builder.Environment);
builder.Services.AddQuickscanAccounts();
builder.Services.AddQuickscanHealthChecks();
builder.Services.AddQuickscanEmail();
builder.Services.AddQuickscanRateLimits();

// The app: Razor Pages in Dutch and English, validators at the boundary, the questionnaire cache.
builder.Services.AddQuickscanLocalization();
builder.Services.AddRazorPages(options =>
{
    options.Conventions.AuthorizeFolder("/Clients", Accounts.ConsultantPolicy);
    options.Conventions.AuthorizeFolder("/Scans", Accounts.ConsultantPolicy);
    options.Conventions.AuthorizeFolder("/Admin", Accounts.AdminPolicy);
    options.Conventions.AuthorizeFolder("/Leads", Accounts.ConsultantPolicy);
    options.Conventions.AuthorizeFolder("/Account/Manage");
    options.Conventions.AuthorizePage("/Account/ChangePassword");
    options.Conventions.AddFolderApplicationModelConvention("/Sponsor", page => page.Filters.Add(new Quickscan.Web.Pages.Sponsor.SecretLinkHeaders()));
    options.Conventions.AddAlternativeRoute("/Clients/Edit", "/clients/new");
    options.Conventions.AddAlternativeRoute("/Scans/Edit", "/scans/new/{organisationId:guid}");
    options.Conventions.AddAlternativeRoute("/SelfScan/Index", "/self-scan");
    options.Conventions.Add(new RequestHygiene.HandlerMethodsConvention());
}).AddMvcOptions(options =>
{
    options.Filters.Add<MustChangePasswordFilter>();
    options.Filters.Add<Localization.ForcedLanguageFilter>();
    var form = options.ValueProviderFactories.OfType<Microsoft.AspNetCore.Mvc.ModelBinding.FormValueProviderFactory>().Single();
    options.ValueProviderFactories[options.ValueProviderFactories.IndexOf(form)] = new InvariantFormValueProviderFactory();
});
builder.Services.AddQuickscanValidation();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<QuestionnaireCache>();
builder.Services.AddScoped<RespondentJourney>();
builder.Services.AddSingleton<StartKeys>();
builder.Services.AddScoped<Quickscan.Web.Pages.Scans.Exports.ExportQuery>();
builder.Services.AddScoped<AuditLog>();
builder.Services.AddScoped<Quickscan.Web.Pages.Admin.State.StateQuery>();
builder.Services.AddScoped<Quickscan.Web.Pages.Admin.Questionnaires.DraftEditor>();
builder.Services.AddSingleton<AppTime>();
builder.Services.AddReports(builder.Configuration);
builder.Services.AddRequestLimits();
builder.Services.AddSelfScan();
builder.Services.AddQuickscanRetention();

var app = builder.Build();

// Commands: `migrate` applies the migrations, `create-admin EMAIL NAME` creates an admin; both then exit.
switch (args)
{
    case ["migrate", ..]:
        await app.MigrateAsync();
        return 0;
    case ["create-admin", var email, var name, ..]:
        return await app.CreateAdminAsync(email, name);
}

// Before anything touches the database: no key is ever written unencrypted in Production.
app.CheckKeyEncryption();
await app.PrepareDatabaseAsync();

app.UseQuickscanHosting();
// Culture first, so that error and status pages speak the user's language too.
app.UseRequestLocalization();
app.UseQuickscanErrorPages();
app.UseQuickscanSecurityHeaders();
app.UseQuickscanRequestLogging();
app.UseRouting();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapQuickscanHealthChecks();
app.MapLanguageSwitch();
// Static files precompressed at build (gzip, Brotli) and, under their fingerprinted names, cached immutably.
app.MapStaticAssets();
app.MapRazorPages().WithStaticAssets();

await app.RunAsync();
return 0;

/// <summary>Entry point; public so the functional tests can host the app.</summary>
public partial class Program;
