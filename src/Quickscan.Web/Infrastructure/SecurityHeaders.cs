namespace Quickscan.Web.Infrastructure;

public static class SecurityHeaders
{
    /// <summary>
    /// Strict headers for every response. No referrer at all: share and resume links carry secrets in
    /// their path, and must not leak to any site a page links to.
    /// </summary>
    public static IApplicationBuilder UseQuickscanSecurityHeaders(this IApplicationBuilder app) =>
        app.UseSecurityHeaders(new HeaderPolicyCollection()
            .AddFrameOptionsDeny()
            .AddContentTypeOptionsNoSniff()
            .AddReferrerPolicyNoReferrer()
            .AddCrossOriginOpenerPolicy(b => b.SameOrigin())
            .RemoveServerHeader()
            .AddContentSecurityPolicy(csp =>
            {
                csp.AddDefaultSrc().Self();
                csp.AddScriptSrc().Self();
                csp.AddStyleSrc().Self();
                csp.AddImgSrc().Self().Data();
                csp.AddConnectSrc().Self();
                csp.AddFormAction().Self();
                csp.AddFrameAncestors().None();
                csp.AddBaseUri().None();
                csp.AddObjectSrc().None();
            }));
}
