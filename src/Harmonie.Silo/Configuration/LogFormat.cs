namespace Harmonie.Silo.Configuration;

/// <summary>How log lines are written to stderr (<c>HARMONIE_LOG_FORMAT</c>).</summary>
public enum LogFormat
{
    /// <summary>The original's line: time, level, logger, message.</summary>
    Text,

    /// <summary>One JSON object per line, for log shippers (Loki, Elasticsearch, journald exporters).</summary>
    Json,
}
