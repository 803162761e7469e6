using LiteDB;

namespace Harmonie.Engines.Catalog.LiteDb;

/// <summary>Orders sort keys of a listing: nulls first, numbers numerically, strings ordinally.</summary>
internal sealed class SortKeyComparer : IComparer<BsonValue>
{
    public static SortKeyComparer Instance { get; } = new();

    public int Compare(BsonValue? x, BsonValue? y)
    {
        var xNull = x is null || x.IsNull;
        var yNull = y is null || y.IsNull;
        if (xNull || yNull)
        {
            return xNull.CompareTo(yNull) * -1;
        }

        if (x!.IsNumber && y!.IsNumber)
        {
            return x.AsDouble.CompareTo(y.AsDouble);
        }

        return string.CompareOrdinal(x.IsString ? x.AsString : x.ToString(), y!.IsString ? y.AsString : y.ToString());
    }
}
