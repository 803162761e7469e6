namespace Harmonie.Engines.Import;

/// <summary>The source cannot be imported (not a harmonie database, too new, corrupt, or a bad row); nothing was written.</summary>
public sealed class ImportException : Exception
{
    public ImportException(string message)
        : base(message)
    {
    }

    public ImportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
