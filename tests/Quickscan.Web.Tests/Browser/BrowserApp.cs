using Microsoft.Playwright;
using Quickscan.Web.Tests.Infrastructure;

namespace Quickscan.Web.Tests.Browser;

/// <summary>
/// Every browser test shares one app on Kestrel (a real port, so a real browser can reach it) and one
/// headless Chromium. The tests of the collection run one after another; each gets its own context.
/// </summary>
[CollectionDefinition("Browser")]
public sealed class BrowserCollection : ICollectionFixture<BrowserApp>;

/// <summary>
/// The app on its own PostgreSQL database, served by Kestrel on a free port of 127.0.0.1, plus one
/// headless Debian Chromium driven by Playwright (never a downloaded browser: see toolchain notes).
/// </summary>
public sealed class BrowserApp : QuickscanApp
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>Root needs --no-sandbox; the rest stop Chromium from calling hosts it can't reach here.</summary>
    public static readonly string[] ChromiumArgs =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Where the app listens, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not been launched.");

    public override async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"No Chromium at {ChromiumPath}: install Debian's (apt-get install -y chromium; scripts/test.sh does). Never 'playwright install'.");

        // Kestrel instead of the in-memory TestServer; must be chosen before the host starts, which
        // the base class does (database, migrations, questionnaire) when it touches Services.
        UseKestrel(0);
        await base.InitializeAsync();
        StartServer();
        BaseAddress = ClientOptions.BaseAddress;

        // Expect(...) waits this long for a page to get where a test says it should.
        Assertions.SetDefaultExpectTimeout(10_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>
    /// An HTTP client on the real socket that keeps its cookies and does not follow redirects, for steps a test
    /// takes without a browser (CreateClient's options are not applied once the app runs on Kestrel: its client
    /// followed redirects, so a helper that expects a redirect silently did nothing).
    /// </summary>
    public HttpClient CreateHttpClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = BaseAddress };

    /// <summary>A fresh browser context (own cookies, own storage) with the given device and JavaScript setting.</summary>
    public async Task<BrowserSession> OpenAsync(Device device, bool javaScript = true, string locale = "nl-NL")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = device.Width, Height = device.Height },
            IsMobile = device.IsMobile,
            HasTouch = device.HasTouch,
            DeviceScaleFactor = device.IsMobile ? 2 : 1,
            JavaScriptEnabled = javaScript,
            // The browser's language: sent as Accept-Language, which a first visit follows.
            Locale = locale,
            TimezoneId = "Europe/Amsterdam",
        });
        // Generous enough for a loaded 2-core machine, short enough to fail quickly when something is wrong.
        context.SetDefaultTimeout(15_000);
        context.SetDefaultNavigationTimeout(20_000);
        var page = await context.NewPageAsync();
        return new BrowserSession(context, page);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
            _browser = null;
        }

        _playwright?.Dispose();
        _playwright = null;
        await base.DisposeAsync();
    }
}

/// <summary>A viewport and whether it behaves like a phone (mobile meta viewport, touch events).</summary>
public sealed record Device(string Name, int Width, int Height, bool IsMobile, bool HasTouch)
{
    public static readonly Device Phone = new("phone", 390, 844, IsMobile: true, HasTouch: true);

    public static readonly Device Desktop = new("desktop", 1280, 800, IsMobile: false, HasTouch: false);

    /// <summary>The common laptop width the page walk checks besides the phone.</summary>
    public static readonly Device Laptop = new("laptop", 1366, 768, IsMobile: false, HasTouch: false);

    public override string ToString() => Name;
}

/// <summary>One test's browser context and its page; closing it closes both.</summary>
public sealed class BrowserSession(IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IBrowserContext Context { get; } = context;

    public IPage Page { get; } = page;

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
    }
}
