using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quickscan.Domain.Questionnaires;
using Quickscan.Web.Tests.Infrastructure;

namespace Quickscan.Web.Tests.Respond;

/// <summary>
/// The app with its default request limits, every request coming from one address: a venue's wifi, where a
/// whole room of phones shares one public IP.
/// </summary>
public sealed class VenueApp : QuickscanApp
{
    public static readonly IPAddress VenueAddress = IPAddress.Parse("198.51.100.23");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, OneAddress>());
    }

    private sealed class OneAddress : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = VenueAddress;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

/// <summary>Item 3 of issue 11: the limits are sized so that a workshop room is never refused.</summary>
[Collection(AloneCollection.Name)]
public sealed class VenueTests(VenueApp app) : IClassFixture<VenueApp>
{
    private const int Phones = 300;

    private static readonly Questionnaire Questionnaire = Domain.DefaultQuestionnaire.DefaultQuestionnaire.Load();

    [Fact]
    public async Task Three_hundred_phones_behind_one_venue_address_all_start_save_and_submit_under_the_default_limits()
    {
        var scan = await app.CreateScanAsync();
        var condition = Questionnaire.Conditions[0];
        var refused = 0;
        var clock = Stopwatch.StartNew();

        // All at once, as when the presenter shows the QR code: open, start, profile, a condition's steps, submit.
        await Task.WhenAll(Enumerable.Range(0, Phones).Select(async phone =>
        {
            var respondent = new RespondentClient(app, scan.ShareToken);
            var (opened, intro) = await respondent.GetAsync(respondent.Url());
            Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
            var started = await respondent.PostAsync(respondent.Url(), intro, []);
            var profile = await respondent.SaveProfileAsync(null);
            var answered = await respondent.AnswerAsync(condition.Key, JourneyTests.AnswersFor(condition, phone));
            // One condition's steps: under a quarter of the questions, so confirmed as not counted.
            var submitted = await respondent.SubmitAsync(confirmUncounted: true);
            HttpResponseMessage[] posts = [started, profile, answered, submitted];
            Interlocked.Add(ref refused, posts.Count(p => p.StatusCode == HttpStatusCode.TooManyRequests));
            Assert.All(posts, p => Assert.Equal(HttpStatusCode.Redirect, p.StatusCode));
        }));
        clock.Stop();

        Assert.Equal(0, refused);
        var (submitted, withAnswers) = await app.QueryAsync(async db => (
            await db.Respondents.CountAsync(r => r.ScanId == scan.Id && r.SubmittedAt != null),
            await db.Respondents.CountAsync(r => r.ScanId == scan.Id && db.RespondentAnswers.Any(a => a.RespondentId == r.Id))));
        Assert.Equal(Phones, submitted);
        Assert.Equal(Phones, withAnswers);
        // Not a performance target (the machine is shared); kept in the test output for the record.
        Console.WriteLine($"{Phones} phones from {VenueApp.VenueAddress}: all submitted in {clock.Elapsed.TotalSeconds:0.0} s");
    }
}
