using Google.Protobuf;
using Onnx;

namespace Harmonie.TestSupport;

/// <summary>
/// Writes tiny ONNX stand-ins for the Discogs-EffNet files with the real models' input/output names and
/// shapes, so tests and benchmarks exercise the real ONNX Runtime path without the 18 MB download.
/// The embedding model maps <c>melspectrogram</c> [batch,128,96] → <c>embeddings</c> [batch,1280]
/// (tanh of a projection of the time-averaged bands) and <c>activations</c> [batch,400] (sigmoid); the
/// style head maps [batch,1280] → [batch,400] (sigmoid). Weights are deterministic patterns.
/// </summary>
public static class TinyEffnetModels
{
    private const int FloatType = 1;

    /// <summary>Weight from mel band <paramref name="band"/> to embedding column <paramref name="column"/>.</summary>
    public static float EmbeddingWeight(int band, int column) => ((((band * 7) + (column * 13)) % 17) - 8) / 150f;

    public static float EmbeddingBias(int column) => ((column % 11) - 5) / 10f;

    /// <summary>What the tiny embedding model computes for one patch (128 × 96): tanh(time-mean · W + b).</summary>
    public static float[] ExpectedEmbedding(ReadOnlySpan<float> patch)
    {
        var mean = new double[96];
        for (var t = 0; t < 128; t++)
        {
            for (var b = 0; b < 96; b++)
            {
                mean[b] += patch[(t * 96) + b] / 128.0;
            }
        }

        var embedding = new float[1280];
        for (var j = 0; j < embedding.Length; j++)
        {
            var sum = (double)EmbeddingBias(j);
            for (var b = 0; b < 96; b++)
            {
                sum += mean[b] * EmbeddingWeight(b, j);
            }

            embedding[j] = (float)Math.Tanh(sum);
        }

        return embedding;
    }

    /// <param name="path">Where to write the .onnx file.</param>
    /// <param name="fixedBatch">A fixed batch dimension (like the bs64 export) instead of a dynamic one.</param>
    /// <param name="embeddingWidth">Columns of the embedding output (1280 for a well-shaped model).</param>
    /// <param name="withActivations">Whether the model also has the 400-wide <c>activations</c> output.</param>
    public static string WriteEmbeddingModel(string path, int? fixedBatch = null, int embeddingWidth = 1280, bool withActivations = true)
    {
        var graph = new GraphProto { Name = "tiny_discogs_effnet" };
        graph.Input.Add(Tensor("melspectrogram", Batch(fixedBatch), Dim(128), Dim(96)));
        graph.Output.Add(Tensor("embeddings", Batch(fixedBatch), Dim(embeddingWidth)));
        graph.Initializer.Add(Weights("w_embed", 96, embeddingWidth, EmbeddingWeight));
        graph.Initializer.Add(Weights("b_embed", 1, embeddingWidth, (_, j) => EmbeddingBias(j)));
        graph.Node.Add(Node("ReduceMean", ["melspectrogram"], ["pooled"], Ints("axes", 1), Int("keepdims", 0)));
        graph.Node.Add(Node("MatMul", ["pooled", "w_embed"], ["projected"]));
        graph.Node.Add(Node("Add", ["projected", "b_embed"], ["shifted"]));
        graph.Node.Add(Node("Tanh", ["shifted"], ["embeddings"]));
        if (withActivations)
        {
            graph.Output.Add(Tensor("activations", Batch(fixedBatch), Dim(400)));
            graph.Initializer.Add(Weights("w_act", embeddingWidth, 400, (i, j) => (((i * 5) + (j * 11)) % 19 - 9) / 250f));
            graph.Node.Add(Node("MatMul", ["embeddings", "w_act"], ["logits"]));
            graph.Node.Add(Node("Sigmoid", ["logits"], ["activations"]));
        }

        return Save(graph, path);
    }

    /// <summary>The Discogs-400 head; its names differ from the embedding model's, as in a converted TensorFlow graph.</summary>
    public static string WriteStyleHead(string path, int outputWidth = 400)
    {
        var graph = new GraphProto { Name = "tiny_genre_discogs400" };
        graph.Input.Add(Tensor("model/Placeholder", Batch(null), Dim(1280)));
        graph.Output.Add(Tensor("PartitionedCall:0", Batch(null), Dim(outputWidth)));
        graph.Initializer.Add(Weights("w_head", 1280, outputWidth, (i, j) => (((i * 3) + (j * 17)) % 23 - 11) / 200f));
        graph.Initializer.Add(Weights("b_head", 1, outputWidth, (_, j) => -2.5f + ((j % 7) / 2f)));
        graph.Node.Add(Node("MatMul", ["model/Placeholder", "w_head"], ["head_projected"]));
        graph.Node.Add(Node("Add", ["head_projected", "b_head"], ["head_logits"]));
        graph.Node.Add(Node("Sigmoid", ["head_logits"], ["PartitionedCall:0"]));
        return Save(graph, path);
    }

    /// <summary>A metadata JSON in Essentia's layout whose <c>classes</c> are the given labels.</summary>
    public static string WriteMetadata(string path, IEnumerable<string> classes)
    {
        var json = System.Text.Json.JsonSerializer.Serialize(new { name = "test", classes = classes.ToArray() });
        File.WriteAllText(path, json);
        return path;
    }

    private static string Save(GraphProto graph, string path)
    {
        var model = new ModelProto { IrVersion = 7, ProducerName = "harmonie-tests", Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = 13 });
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllBytes(path, model.ToByteArray());
        return path;
    }

    private static TensorShapeProto.Types.Dimension Batch(int? fixedBatch) =>
        fixedBatch is { } size ? Dim(size) : new TensorShapeProto.Types.Dimension { DimParam = "batch" };

    private static TensorShapeProto.Types.Dimension Dim(long size) => new() { DimValue = size };

    private static ValueInfoProto Tensor(string name, params TensorShapeProto.Types.Dimension[] dims)
    {
        var shape = new TensorShapeProto();
        shape.Dim.AddRange(dims);
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = FloatType, Shape = shape } },
        };
    }

    private static TensorProto Weights(string name, int rows, int columns, Func<int, int, float> value)
    {
        var bytes = new byte[rows * columns * 4];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < columns; j++)
            {
                BitConverter.TryWriteBytes(bytes.AsSpan(((i * columns) + j) * 4), value(i, j));
            }
        }

        var tensor = new TensorProto { Name = name, DataType = FloatType, RawData = ByteString.CopyFrom(bytes) };
        tensor.Dims.AddRange(rows == 1 ? [columns] : [rows, columns]);
        return tensor;
    }

    private static NodeProto Node(string op, string[] inputs, string[] outputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = $"{op}_{outputs[0]}" };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        node.Attribute.AddRange(attributes);
        return node;
    }

    private static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    private static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };
}
