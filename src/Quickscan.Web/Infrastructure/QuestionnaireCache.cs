using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Quickscan.Domain.Questionnaires;
using Quickscan.Web.Data;

namespace Quickscan.Web.Infrastructure;

/// <summary>
/// Published questionnaire versions never change, so each is parsed and validated once and kept in memory.
/// </summary>
public sealed class QuestionnaireCache(IServiceScopeFactory scopes)
{
    private readonly ConcurrentDictionary<int, Lazy<Task<Questionnaire>>> _versions = new();

    public Task<Questionnaire> GetAsync(int versionId) =>
        _versions.GetOrAdd(versionId, id => new Lazy<Task<Questionnaire>>(() => LoadAsync(id))).Value;

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
