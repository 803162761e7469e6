namespace Harmonie.Engines.Descriptors;

/// <summary>Computes the descriptor block; thread-safe, one instance per process.</summary>
public interface IDescriptorExtractor
{
    /// <summary>Starts one track. The session receives 44.1 kHz mono PCM.</summary>
    IDescriptorSession Begin();
}
