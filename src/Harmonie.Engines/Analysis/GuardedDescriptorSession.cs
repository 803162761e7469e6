using Harmonie.Analysis;
using Harmonie.Engines.Descriptors;
using Microsoft.Extensions.Logging;

namespace Harmonie.Engines.Analysis;

/// <summary>
/// Keeps a descriptor failure from failing the track: after an exception the session stops receiving
/// audio and the track is stored with empty descriptors (the embedding still counts).
/// </summary>
internal sealed class GuardedDescriptorSession(IDescriptorSession inner, string path, ILogger logger) : IDescriptorSession
{
    private bool _failed;

    public void Write(ReadOnlySpan<float> samples)
    {
        if (_failed)
        {
            return;
        }

        try
        {
            inner.Write(samples);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Fail(ex);
        }
    }

    public AudioDescriptors Complete()
    {
        if (_failed)
        {
            return AudioDescriptors.Empty;
        }

        try
        {
            return inner.Complete();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Fail(ex);
            return AudioDescriptors.Empty;
        }
    }

    private void Fail(Exception ex)
    {
        _failed = true;
        logger.LogWarning(ex, "Descriptors failed for {Path}; storing the track without them", path);
    }
}
