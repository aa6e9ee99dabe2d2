namespace Quickscan.Web.Infrastructure;

/// <summary>
/// Every action the audit trail records, in one place: the trail shows each in words (resource AuditAction.{value},
/// Dutch and English) and AuditWordingTests fails for one without them. The values are what is stored: changing one
/// leaves the rows already written without words.
/// </summary>
public static class AuditActions
{
    public const string ClientCreated = "client.created";
    public const string ClientChanged = "client.changed";
    public const string ClientDeleted = "client.deleted";

    public const string ScanCreated = "scan.created";
    public const string ScanChanged = "scan.changed";
    public const string ScanDeleted = "scan.deleted";
    public const string ScanOpened = "scan.opened";
    public const string ScanClosed = "scan.closed";
    public const string ScanReopened = "scan.reopened";
    public const string ScanLinkRotated = "scan.link-rotated";
    public const string ScanIntakeLinkCreated = "scan.intake-link-created";
    public const string ScanIntakeLinkRevoked = "scan.intake-link-revoked";
    public const string ScanReportLinkCreated = "scan.report-link-created";
    public const string ScanReportLinkRevoked = "scan.report-link-revoked";
    public const string ScanRevisionAdopted = "scan.revision-adopted";
    public const string ScanExpertAssessmentChanged = "scan.expert-assessment-changed";
    public const string ScanInterviewStarted = "scan.interview-started";
    public const string ScanIntakeInterviewStarted = "scan.intake-interview-started";
    public const string ScanFlaggedExcluded = "scan.flagged-excluded";
    public const string ScanFlaggedIncluded = "scan.flagged-included";
    public const string ScanResponsesDeleted = "scan.responses-deleted";

    public const string ReportNoteChanged = "report.note-changed";
    public const string ReportQuoteHidden = "report.quote-hidden";
    public const string ReportQuoteShown = "report.quote-shown";
    public const string ReportHeadcountsChanged = "report.headcounts-changed";
    public const string ReportStepsChanged = "report.steps-changed";

    public const string QuestionnaireDraftCreated = "questionnaire.draft-created";
    public const string QuestionnaireDraftDeleted = "questionnaire.draft-deleted";
    public const string QuestionnaireTextChanged = "questionnaire.text-changed";
    public const string QuestionnaireStructureChanged = "questionnaire.structure-changed";
    public const string QuestionnairePublished = "questionnaire.published";

    public const string RetentionChanged = "retention.changed";
    public const string AuditPurged = "audit.purged";

    public const string UserCreated = "user.created";
    public const string UserPasswordReset = "user.password-reset";
    public const string UserTwoFactorReset = "user.two-factor-reset";
    public const string UserDisabled = "user.disabled";
    public const string UserEnabled = "user.enabled";
    public const string UserRoleChanged = "user.role-changed";
    public const string UserClientsMoved = "user.clients-moved";
    public const string UserPasswordChosen = "user.password-chosen";
    public const string UserPasswordSetByLink = "user.password-set-by-link";
    public const string UserPasswordChanged = "user.password-changed";
    public const string UserTwoFactorEnabled = "user.two-factor-enabled";
    public const string UserTwoFactorDisabled = "user.two-factor-disabled";
    public const string UserTwoFactorDisableRefused = "user.two-factor-disable-refused";
    public const string UserRecoveryCodesRegenerated = "user.recovery-codes-regenerated";

    public const string AccountResetRequested = "account.reset-requested";
    public const string AccountSignedIn = "account.signed-in";
    public const string AccountSignedOut = "account.signed-out";
    public const string AccountPasswordVerified = "account.password-verified";
    public const string AccountSignInFailed = "account.sign-in-failed";
    public const string AccountSignInRefused = "account.sign-in-refused";
    public const string AccountLockedOut = "account.locked-out";
    public const string AccountTwoFactorFailed = "account.two-factor-failed";

    public const string LeadCreated = "lead.created";
    public const string LeadAssigned = "lead.assigned";
    public const string LeadStatus = "lead.status";
    public const string LeadConverted = "lead.converted";
    public const string LeadDeleted = "lead.deleted";

    /// <summary>Every action above, for the filter and the wording test.</summary>
    public static IReadOnlyList<string> All { get; } = typeof(AuditActions).GetFields()
        .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!).ToList();
}

/// <summary>What an audit entry is about (resource AuditEntity.{value}); stored like the actions, so as fixed.</summary>
public static class AuditEntities
{
    public const string Client = "client";
    public const string Scan = "scan";
    public const string User = "user";
    public const string Lead = "lead";
    public const string Questionnaire = "questionnaire";
    public const string QuestionnaireDraft = "questionnaire-draft";
    public const string Retention = "retention";
    public const string Audit = "audit";

    public static IReadOnlyList<string> All { get; } = typeof(AuditEntities).GetFields()
        .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!).ToList();
}
