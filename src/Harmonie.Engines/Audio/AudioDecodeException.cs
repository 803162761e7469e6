namespace Harmonie.Engines.Audio;

public sealed class AudioDecodeException(string message, Exception? innerException = null)
    : Exception(message, innerException);
