using Microsoft.Extensions.Logging;

namespace Harmonie.TestSupport;

/// <summary>One entry recorded by <see cref="CapturingLoggerProvider"/>.</summary>
public sealed record CapturedLog(LogLevel Level, string Category, string Message);
