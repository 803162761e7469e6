namespace Harmonie.Web.Contracts;

public sealed record StyleResponse(string Style, double Probability);
