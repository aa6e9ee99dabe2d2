using Quickscan.Domain.Questionnaires;
using Quickscan.Domain.Scoring;
using Quickscan.Web.Data;
using Quickscan.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Quickscan.Web.Tests.Reports;

/// <summary>A kept scan result reads back as the result it was written from, on both shipped questionnaire versions.</summary>
public sealed class ScanResultJsonTests(ITestOutputHelper output)
{
    public static TheoryData<int, int> Cases => new() { { 1, 3 }, { 2, 3 }, { 2, 200 } };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_scan_result_survives_the_round_trip_with_every_figure_exact(int version, int respondents)
    {
        var questionnaire = Domain.DefaultQuestionnaire.DefaultQuestionnaire.Load(version);
        var random = new Random(version * 1000 + respondents);
        string?[] roles = ["employee", "management", "support", null];
        var sheets = Enumerable.Range(0, respondents).Select(i =>
        {
            var track = i % 7 == 0 && questionnaire.HasIntake() ? Track.Intake : Track.Survey;
            var role = roles[i % roles.Length];
            var result = RespondentScoring.Score(questionnaire, ResponseSeeding.Answers(questionnaire, random, random.Next(1, 6)), new RespondentProfile(track, role));
            return result.ToSheet(role);
        }).ToList();
        var original = ScanAggregation.Aggregate(questionnaire, sheets, anonymityThreshold: 2);

        var json = ScanResultJson.Write(original);
        var read = ScanResultJson.Read(json);
        output.WriteLine($"v{version}, {respondents} respondents: {json.Length:N0} characters");

        Assert.Equal(json, ScanResultJson.Write(read));
        Assert.Equal(original.Index, read.Index);
        Assert.Equal(original.Level, read.Level);
        Assert.Equal(original.Bottleneck, read.Bottleneck);
        Assert.Equal(original.Weakest.JointlyWeakest, read.Weakest.JointlyWeakest);
        Assert.Equal(original.HasIntake, read.HasIntake);
        Assert.Equal(original.RoleGroups.Select(g => (g.RoleGroup, g.Respondents)), read.RoleGroups.Select(g => (g.RoleGroup, g.Respondents)));
        foreach (var condition in original.Conditions)
        {
            var other = read.Condition(condition.Key);
            Assert.Equal(condition.Score, other.Score);
            Assert.Equal(condition.Level, other.Level);
            Assert.Equal(condition.IsCapped, other.IsCapped);
            Assert.Equal(condition.LevelDistribution, other.LevelDistribution);
            Assert.Equal(condition.Statistics, other.Statistics);
            Assert.Equal(condition.Factors.Select(f => (f.Key, f.Mean, f.Asked, f.Source)), other.Factors.Select(f => (f.Key, f.Mean, f.Asked, f.Source)));
            Assert.Equal(original.Gap(condition.Key).OwnerVsEmployees, read.Gap(condition.Key).OwnerVsEmployees);
        }
    }
}
