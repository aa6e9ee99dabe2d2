namespace Quickscan.Web.Tests.Infrastructure;

/// <summary>
/// Tests that load the machine on purpose (hundreds of simultaneous requests, several app instances starting at
/// once). xunit runs this collection after the parallel ones, by itself, so that it neither starves the browser
/// tests' timeouts nor is slowed by them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "Alone";
}
