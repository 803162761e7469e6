using System.Buffers;
using Microsoft.ML.OnnxRuntime;

namespace Harmonie.Engines.Embeddings;

/// <summary>
/// One loaded ONNX model with a single float input whose first dimension is the batch. Handles the
/// fixed-batch exports (bs64) the way Essentia's <c>lastBatchMode=same</c> does: the last batch is
/// zero-padded and only the real rows are returned. Thread-safe (ONNX Runtime sessions are).
/// </summary>
internal sealed class OnnxModelRunner : IDisposable
{
    private readonly InferenceSession _session;
    private readonly long[] _rowShape;
    private readonly int _rowSize;

    public OnnxModelRunner(string path, int intraOpThreads, Func<IReadOnlyDictionary<string, NodeMetadata>, string> pickInput)
    {
        using var options = new SessionOptions
        {
            IntraOpNumThreads = intraOpThreads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        try
        {
            _session = new InferenceSession(path, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new EmbeddingModelException($"{Path.GetFileName(path)} is not a loadable ONNX model ({FirstLine(e.Message)})", e);
        }

        try
        {
            InputName = pickInput(_session.InputMetadata);
            var dims = _session.InputMetadata[InputName].Dimensions;
            FixedBatch = dims[0] > 0 ? dims[0] : null;
            _rowShape = dims.Skip(1).Select(d => (long)d).ToArray();
            _rowSize = (int)_rowShape.Aggregate(1L, (a, b) => a * b);
        }
        catch
        {
            _session.Dispose();
            throw;
        }
    }

    public string InputName { get; }

    /// <summary>The batch size the model requires, or null when the batch dimension is dynamic.</summary>
    public int? FixedBatch { get; }

    public IReadOnlyDictionary<string, NodeMetadata> Outputs => _session.OutputMetadata;

    /// <summary>
    /// Runs <paramref name="rows"/> input rows and copies each requested output (rows × width) into its
    /// destination, checking the shape the model actually produced.
    /// </summary>
    public void Run(ReadOnlySpan<float> input, int rows, IReadOnlyList<string> outputNames, IReadOnlyList<int> widths, IReadOnlyList<float[]> destinations)
    {
        var batch = FixedBatch ?? rows;
        if (rows > batch)
        {
            for (var start = 0; start < rows; start += batch)
            {
                var count = Math.Min(batch, rows - start);
                var parts = widths.Select(w => new float[count * w]).ToArray();
                Run(input.Slice(start * _rowSize, count * _rowSize), count, outputNames, widths, parts);
                for (var i = 0; i < parts.Length; i++)
                {
                    parts[i].AsSpan(0, count * widths[i]).CopyTo(destinations[i].AsSpan(start * widths[i]));
                }
            }

            return;
        }

        var length = batch * _rowSize;
        var data = ArrayPool<float>.Shared.Rent(length);
        try
        {
            input[..(rows * _rowSize)].CopyTo(data);
            data.AsSpan(rows * _rowSize, length - (rows * _rowSize)).Clear();
            long[] shape = [batch, .. _rowShape];
            using var tensor = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, new Memory<float>(data, 0, length), shape);
            RunTensor(tensor, batch, rows, outputNames, widths, destinations);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(data);
        }
    }

    public void Dispose() => _session.Dispose();

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();

    private void RunTensor(OrtValue tensor, int batch, int rows, IReadOnlyList<string> outputNames, IReadOnlyList<int> widths, IReadOnlyList<float[]> destinations)
    {
        using var runOptions = new RunOptions();
        using var results = _session.Run(runOptions, [InputName], [tensor], outputNames.ToArray());
        var k = 0;
        foreach (var result in results)
        {
            var resultShape = result.GetTensorTypeAndShape().Shape;
            if (resultShape.Length != 2 || resultShape[0] != batch || resultShape[1] != widths[k])
            {
                throw new InvalidDataException(
                    $"unexpected {outputNames[k]} shape [{string.Join(',', resultShape)}], expected [{batch},{widths[k]}]");
            }

            result.GetTensorDataAsSpan<float>()[..(rows * widths[k])].CopyTo(destinations[k]);
            k++;
        }
    }
}
