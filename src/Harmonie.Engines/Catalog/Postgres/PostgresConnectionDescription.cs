using Npgsql;

namespace Harmonie.Engines.Catalog.Postgres;

/// <summary>Describes a connection string for logs and <c>/status</c>: user, host, port and database, never the password.</summary>
public static class PostgresConnectionDescription
{
    public static string Describe(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var user = string.IsNullOrEmpty(builder.Username) ? "" : builder.Username + "@";
        return $"postgresql://{user}{builder.Host}:{builder.Port}/{builder.Database}";
    }
}
