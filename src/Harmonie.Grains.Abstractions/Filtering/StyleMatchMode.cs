namespace Harmonie.Filtering;

/// <summary>How several genre/style constraints combine.</summary>
public enum StyleMatchMode
{
    /// <summary>At least one constraint is met.</summary>
    Any,

    /// <summary>Every constraint is met (each by some stored style row).</summary>
    All,
}
