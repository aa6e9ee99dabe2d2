namespace Quickscan.Domain.Questionnaires;

/// <summary>The role groups a respondent can choose in the profile; questions can be routed to some of them.</summary>
public static class RoleGroupKeys
{
    public const string Employee = "employee";
    public const string Management = "management";
    public const string CommunityManager = "community-manager";
    public const string Support = "support";
    public const string Other = "other";

    public static IReadOnlyList<string> All { get; } = [Employee, Management, CommunityManager, Support, Other];
}
