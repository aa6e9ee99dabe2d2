using System.Globalization;
using System.Threading.Channels;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MimeKit;
using Quickscan.Web.Data;

namespace Quickscan.Web.Infrastructure;

/// <summary>The "Smtp" settings section. Email is on when Host is set; otherwise admins hand out temporary passwords.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;

    /// <summary>"StartTls" (default), "SslOnConnect", "Auto" or "None" (a mail catcher on the same machine or network only).</summary>
    public string Security { get; set; } = "StartTls";

    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string FromAddress { get; set; } = "quickscan@localhost";
    public string FromName { get; set; } = "Quickscan";

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);

    public SecureSocketOptions SocketOptions => Security.ToLowerInvariant() switch
    {
        "none" => SecureSocketOptions.None,
        "sslonconnect" => SecureSocketOptions.SslOnConnect,
        "auto" => SecureSocketOptions.Auto,
        _ => SecureSocketOptions.StartTls,
    };
}

/// <summary>One plain-text email to one person.</summary>
public sealed record EmailMessage(string To, string ToName, string Subject, string Body);

/// <summary>
/// Sends email with MailKit. Use it from any feature: compose the text with <see cref="Texts"/> in the
/// recipient's language and hand the message to <see cref="Enqueue"/>; the background sender delivers it,
/// retrying a few times, so a slow or unreachable mail server never delays or breaks a page (and the time a
/// page takes doesn't tell whether an email was sent). Messages wait in memory: one lost in a restart is
/// asked for again (a new invitation or reset link); nothing else depends on an email arriving.
/// </summary>
public sealed class Mailer(IOptions<SmtpOptions> options, IStringLocalizerFactory localizers, ILogger<Mailer> logger)
{
    private readonly Channel<EmailMessage> _queue = Channel.CreateBounded<EmailMessage>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropWrite });

    public bool Enabled => options.Value.Enabled;

    internal ChannelReader<EmailMessage> Queue => _queue.Reader;

    /// <summary>False when email is off (or the queue is full); the caller then shows its fallback.</summary>
    public bool Enqueue(EmailMessage message) => Enabled && _queue.Writer.TryWrite(message);

    /// <summary>The app's texts in a given language ("nl" or "en"), whatever the current request speaks.</summary>
    public T Texts<T>(string language, Func<IStringLocalizer, T> compose)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language == "en" ? "en" : "nl");
        try
        {
            return compose(localizers.Create(typeof(SharedResource)));
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    /// <summary>Delivers one message now; throws when the server refuses or can't be reached.</summary>
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(settings.FromName, settings.FromAddress));
        mime.To.Add(new MailboxAddress(message.ToName, message.To));
        mime.Subject = message.Subject;
        mime.Body = new TextPart("plain") { Text = message.Body };
        using var client = new SmtpClient { Timeout = 30_000 };
        await client.ConnectAsync(settings.Host!, settings.Port, settings.SocketOptions, cancellationToken);
        if (!string.IsNullOrEmpty(settings.UserName))
            await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", cancellationToken);
        await client.SendAsync(mime, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    internal void LogFailure(Exception e, int attempt, bool final) =>
        // No address or subject: those are personal data.
        logger.Log(final ? LogLevel.Error : LogLevel.Warning, "Sending an email failed (attempt {Attempt}{Final}): {Reason}", attempt, final ? ", giving up" : "", e.Message);
}

/// <summary>Takes messages from the queue and sends them, retrying with a growing pause.</summary>
public sealed class EmailSender(Mailer mailer) : BackgroundService
{
    private static readonly TimeSpan[] Pauses = [TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(60)];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var message in mailer.Queue.ReadAllAsync(stoppingToken))
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await mailer.SendAsync(message, stoppingToken);
                    break;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    var final = attempt > Pauses.Length;
                    mailer.LogFailure(e, attempt, final);
                    if (final)
                        break;
                    await Task.Delay(Pauses[attempt - 1], stoppingToken);
                }
            }
        }
    }
}

public enum SecurityNotice
{
    PasswordChanged,
    PasswordReset,
    TwoFactorEnabled,
    TwoFactorDisabled,
    TwoFactorReset,
}

/// <summary>Tells a user, by email, of a change to how they sign in, so that a change they didn't make doesn't go unnoticed.</summary>
public sealed class SecurityNotices(Mailer mailer)
{
    public Task SendAsync(User user, SecurityNotice notice)
    {
        if (!mailer.Enabled || string.IsNullOrEmpty(user.Email))
            return Task.CompletedTask;
        var message = mailer.Texts(user.Language, text => new EmailMessage(
            user.Email, user.DisplayName,
            text[$"Email.Notice.{notice}.Subject"],
            string.Join("\n\n", text["Email.Greeting", user.DisplayName], text[$"Email.Notice.{notice}.Body"], text["Email.Notice.NotYou"], text["Email.Signature"] + "\nQuickscan")));
        mailer.Enqueue(message);
        return Task.CompletedTask;
    }
}

public static class EmailSetup
{
    public static IServiceCollection AddQuickscanEmail(this IServiceCollection services)
    {
        services.AddOptions<SmtpOptions>().BindConfiguration("Smtp");
        services.AddSingleton<Mailer>();
        services.AddHostedService<EmailSender>();
        services.AddScoped<SecurityNotices>();
        services.AddScoped<Pages.Account.PasswordLinks>();
        return services;
    }
}
