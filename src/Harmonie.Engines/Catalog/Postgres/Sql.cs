using Npgsql;

namespace Harmonie.Engines.Catalog.Postgres;

/// <summary>Small helpers for typed parameters and short commands.</summary>
internal static class Sql
{
    /// <summary>Adds a typed parameter; a null value is sent as a typed NULL, so <c>@x IS NULL</c> works.</summary>
    public static void Add<T>(NpgsqlCommand command, string name, T value) =>
        command.Parameters.Add(new NpgsqlParameter<T>(name, value));

    public static NpgsqlCommand Command(NpgsqlConnection connection, string text, NpgsqlTransaction? transaction = null) =>
        new(text, connection, transaction);
}
