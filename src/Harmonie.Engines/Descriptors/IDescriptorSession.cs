using Harmonie.Analysis;
using Harmonie.Engines.Audio;

namespace Harmonie.Engines.Descriptors;

/// <summary>Descriptor analysis of one track, fed block by block; never throws for odd audio, nulls fields instead.</summary>
public interface IDescriptorSession : IPcmSink
{
    AudioDescriptors Complete();
}
