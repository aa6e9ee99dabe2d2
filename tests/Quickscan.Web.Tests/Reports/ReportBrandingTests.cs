using System.Buffers.Binary;
using System.IO.Compression;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;
using Quickscan.Web.Data;
using Quickscan.Web.Infrastructure;
using Quickscan.Web.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace Quickscan.Web.Tests.Reports;

/// <summary>The app with a firm's branding configured (Quickscan:Branding), its logo a PNG written for the test.</summary>
public sealed class BrandedApp : QuickscanApp
{
    public const string FirmName = "Adviesbureau Noorderlicht";

    public const string Colour = "#7a1f5c";

    public string LogoPath { get; } = Path.Combine(Path.GetTempPath(), $"quickscan-logo-{Guid.NewGuid():N}.png");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        File.WriteAllBytes(LogoPath, ReportBrandingTests.Png(40, 20));
        base.ConfigureWebHost(builder);
        builder.UseSetting("Quickscan:Branding:FirmName", FirmName);
        builder.UseSetting("Quickscan:Branding:Colour", Colour);
        builder.UseSetting("Quickscan:Branding:LogoPath", LogoPath);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        File.Delete(LogoPath);
    }
}

/// <summary>Branding whose logo file is not there (moved, not mounted yet).</summary>
public sealed class MissingLogoApp : QuickscanApp
{
    // No random part: the log masks what looks like a token.
    public string LogoPath { get; } = Path.Combine(Path.GetTempPath(), "quickscan-tests-no-such-folder", "firm-logo.png");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Quickscan:Branding:FirmName", BrandedApp.FirmName);
        builder.UseSetting("Quickscan:Branding:LogoPath", LogoPath);
    }
}

/// <summary>Branding whose logo file is there but no image (a PDF or a text file named .png by mistake).</summary>
public sealed class UnreadableLogoApp : QuickscanApp
{
    public string LogoPath { get; } = Path.Combine(Path.GetTempPath(), "quickscan-tests-unreadable-logo.png");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        File.WriteAllText(LogoPath, "this is not an image");
        base.ConfigureWebHost(builder);
        builder.UseSetting("Quickscan:Branding:FirmName", BrandedApp.FirmName);
        builder.UseSetting("Quickscan:Branding:LogoPath", LogoPath);
    }
}

/// <summary>
/// The firm's name, colour and logo, configured per installation: on the PDF's cover (name and logo) and above the
/// report page and the sponsor view (name, in the firm's colour).
/// </summary>
public sealed class ReportBrandingTests(BrandedApp app) : IClassFixture<BrandedApp>
{
    /// <summary>A w×h PNG of one colour, written by hand: the test needs a real image file, not a library.</summary>
    public static byte[] Png(int width, int height)
    {
        var pixels = new MemoryStream();
        for (var y = 0; y < height; y++)
        {
            pixels.WriteByte(0); // no filter
            for (var x = 0; x < width; x++)
                pixels.Write([0x7a, 0x1f, 0x5c]);
        }

        var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            zlib.Write(pixels.ToArray());
        var png = new MemoryStream();
        png.Write([137, 80, 78, 71, 13, 10, 26, 10]);
        Chunk(png, "IHDR", [.. BigEndian(width), .. BigEndian(height), 8, 2, 0, 0, 0]);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        byte[] typed = [.. Encoding.ASCII.GetBytes(type), .. data];
        png.Write(BigEndian(data.Length));
        png.Write(typed);
        var crc = 0xffffffffu;
        foreach (var b in typed)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
                crc = (crc & 1) != 0 ? 0xedb88320u ^ (crc >> 1) : crc >> 1;
        }

        png.Write(BigEndian((int)(crc ^ 0xffffffffu)));
    }

    private static byte[] BigEndian(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, value);
        return bytes;
    }

    private static string Squeeze(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    /// <summary>A scan with responses and a sponsor link; the consultant's client, the sponsor's client.</summary>
    internal static async Task<(SignedInClient Consultant, RespondentClient Sponsor, Scan Scan)> ReportAsync(QuickscanApp app)
    {
        var me = await app.CreateUserAsync();
        var scan = await app.CreateScanAsync(s => s.ReportToken = Tokens.New(), await app.CreateClientAsync(me, "Klant Zuid"));
        await ResponseSeeding.AddAsync(app, scan.Id, ["employee", "employee", "employee"], seed: 7);
        return (await SignedInClient.SignInAsync(app, me), new RespondentClient(app, scan.ShareToken), scan);
    }

    /// <summary>The cover's text and its number of images, the second page's text (its footer) and the author, from the consultant's and the sponsor's PDF.</summary>
    internal static async Task<List<(string Text, int Images, string Footer, string? Author)>> CoversAsync(SignedInClient consultant, RespondentClient sponsor, Scan scan)
    {
        var covers = new List<(string, int, string, string?)>();
        foreach (var response in new[] { await consultant.Http.GetAsync($"/scans/{scan.Id}/export/pdf?lang=en"), await sponsor.Http.GetAsync($"/r/{scan.ReportToken}?handler=Pdf&culture=en") })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
            var cover = pdf.GetPage(1);
            covers.Add((cover.Text, cover.GetImages().Count(), pdf.GetPage(2).Text, pdf.Information.Author));
        }

        return covers;
    }

    /// <summary>The firm line above the report: its text and its mark's colour, on the consultant's page and the sponsor view.</summary>
    internal static async Task<List<(string Name, string? Colour)>> FirmLinesAsync(SignedInClient consultant, RespondentClient sponsor, Scan scan)
    {
        var lines = new List<(string, string?)>();
        foreach (var (response, page) in new[] { await consultant.GetAsync($"/scans/{scan.Id}/report"), await sponsor.GetAsync($"/r/{scan.ReportToken}") })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var firm = page.QuerySelector("#report-firm")!;
            lines.Add((firm.TextContent.Trim(), firm.QuerySelector("svg rect")?.GetAttribute("fill")));
        }

        return lines;
    }

    [Fact]
    public async Task The_configured_firm_is_on_the_PDFs_cover_with_its_logo_and_above_the_page_and_the_sponsor_view_in_its_colour()
    {
        var (consultant, sponsor, scan) = await ReportAsync(app);

        var covers = await CoversAsync(consultant, sponsor, scan);
        var lines = await FirmLinesAsync(consultant, sponsor, scan);

        Assert.All(covers, cover =>
        {
            Assert.Contains(Squeeze(BrandedApp.FirmName), Squeeze(cover.Text));
            Assert.Contains("KlantZuid", Squeeze(cover.Text));
            Assert.Equal(1, cover.Images);
            Assert.Contains(Squeeze(BrandedApp.FirmName), Squeeze(cover.Footer));
            Assert.Equal(BrandedApp.FirmName, cover.Author);
        });
        Assert.All(lines, line => Assert.Equal((BrandedApp.FirmName, (string?)BrandedApp.Colour), line));
    }
}

/// <summary>Nothing configured: the defaults (Quickscan, its blue, no logo) and nothing breaks.</summary>
public sealed class ReportDefaultBrandingTests(QuickscanApp app) : IClassFixture<QuickscanApp>
{
    [Fact]
    public async Task Without_branding_the_report_shows_the_defaults_and_the_cover_has_no_logo()
    {
        var (consultant, sponsor, scan) = await ReportBrandingTests.ReportAsync(app);

        var covers = await ReportBrandingTests.CoversAsync(consultant, sponsor, scan);
        var lines = await ReportBrandingTests.FirmLinesAsync(consultant, sponsor, scan);

        Assert.All(covers, cover => Assert.Equal(("Quickscan", 0), (cover.Author, cover.Images)));
        Assert.All(lines, line => Assert.Equal(("Quickscan", (string?)"#0b5cad"), line));
        var defaults = new Pages.Reports.ReportBranding();
        Assert.Equal(("Quickscan", "#0b5cad", null), (defaults.FirmName, defaults.Colour, defaults.LogoPath));
    }
}

/// <summary>A logo file that is not there: the cover goes without it and the log says which file, as a warning.</summary>
public sealed class ReportMissingLogoTests(MissingLogoApp app) : IClassFixture<MissingLogoApp>
{
    [Fact]
    public async Task A_missing_logo_file_leaves_the_cover_without_a_logo_and_is_logged_as_a_warning()
    {
        var (consultant, sponsor, scan) = await ReportBrandingTests.ReportAsync(app);

        var covers = await ReportBrandingTests.CoversAsync(consultant, sponsor, scan);

        Assert.All(covers, cover => Assert.Equal((true, 0), (cover.Text.Contains("Noorderlicht", StringComparison.Ordinal), cover.Images)));
        Assert.Contains(app.Logs.Events, e => e.Level == Serilog.Events.LogEventLevel.Warning && e.RenderMessage().Contains(app.LogoPath, StringComparison.Ordinal));
    }
}

public sealed class ReportUnreadableLogoTests(UnreadableLogoApp app) : IClassFixture<UnreadableLogoApp>
{
    [Fact]
    public async Task A_logo_file_that_is_no_image_leaves_the_cover_without_a_logo_and_is_logged_as_a_warning()
    {
        var (consultant, sponsor, scan) = await ReportBrandingTests.ReportAsync(app);

        var covers = await ReportBrandingTests.CoversAsync(consultant, sponsor, scan);

        Assert.All(covers, cover => Assert.Equal((true, 0), (cover.Text.Contains("Noorderlicht", StringComparison.Ordinal), cover.Images)));
        Assert.Contains(app.Logs.Events, e => e.Level == Serilog.Events.LogEventLevel.Warning && e.RenderMessage().Contains("not a PNG or JPEG", StringComparison.Ordinal));
    }
}

/// <summary>A wrong colour or an empty firm name stops the start with a message that names the setting.</summary>
public sealed class ReportBrandingValidationTests
{
    [Theory]
    [InlineData("Quickscan:Branding:Colour", "blue")]
    [InlineData("Quickscan:Branding:Colour", "#12345")]
    [InlineData("Quickscan:Branding:Colour", "#12345g")]
    [InlineData("Quickscan:Branding:FirmName", " ")]
    public async Task A_wrong_branding_setting_stops_the_start(string key, string value)
    {
        await using var app = new MisconfiguredApp(key, value);

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(app.InitializeAsync);

        Assert.Contains("Quickscan:Branding needs a FirmName and a Colour as #rrggbb.", failure.Message);
    }
}
