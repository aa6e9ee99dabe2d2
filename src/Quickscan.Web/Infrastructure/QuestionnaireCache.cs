using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Quickscan.Domain.Questionnaires;
using Quickscan.Web.Data;

namespace Quickscan.Web.Infrastructure;

/// <summary>
/// Published questionnaire versions never change, so each is parsed and validated once and kept in memory, and
/// so is each rendering of it for a platform name (the texts respondents and readers see, with the name in place).
/// </summary>
public sealed class QuestionnaireCache(IServiceScopeFactory scopes)
{
    private readonly ConcurrentDictionary<int, Lazy<Task<Questionnaire>>> _versions = new();
    private readonly ConcurrentDictionary<(int, string), Lazy<Task<Questionnaire>>> _rendered = new();

    /// <summary>The version as people read it: the scan's platform name (or the generic name) in every text.</summary>
    public Task<Questionnaire> GetAsync(int versionId, string? platformName = null) =>
        _rendered.GetOrAdd((versionId, platformName?.Trim() ?? ""), key => new Lazy<Task<Questionnaire>>(() => RenderAsync(key.Item1, key.Item2))).Value;

    /// <summary>The version as stored, with its placeholders (for editing and comparing definitions).</summary>
    public Task<Questionnaire> GetDefinitionAsync(int versionId) =>
        _versions.GetOrAdd(versionId, id => new Lazy<Task<Questionnaire>>(() => LoadAsync(id))).Value;

    private async Task<Questionnaire> RenderAsync(int versionId, string platformName)
    {
        try
        {
            return (await GetDefinitionAsync(versionId)).ForPlatform(platformName);
        }
        catch
        {
            _rendered.TryRemove((versionId, platformName), out _);
            throw;
        }
    }

    private async Task<Questionnaire> LoadAsync(int versionId)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<QuickscanDbContext>();
            var json = await db.QuestionnaireVersions.Where(v => v.Id == versionId).Select(v => v.DefinitionJson).SingleAsync();
            return QuestionnaireJson.Load(json);
        }
        catch
        {
            // Don't cache a failure: the next request tries again.
            _versions.TryRemove(versionId, out _);
            throw;
        }
    }
}
