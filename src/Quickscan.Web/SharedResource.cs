namespace Quickscan.Web;

/// <summary>Marker for the app's UI texts: Resources/SharedResource.nl.resx and Resources/SharedResource.en.resx.</summary>
public sealed class SharedResource;
