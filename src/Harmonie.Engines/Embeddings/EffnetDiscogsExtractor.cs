using Microsoft.ML.OnnxRuntime;

namespace Harmonie.Engines.Embeddings;

/// <summary>
/// The original's embedding (BEHAVIOUR §3.5–3.6) on ONNX Runtime: 16 kHz MusiCNN log-mel patches through
/// Discogs-EffNet give one 1280-d row per patch, averaged into the track embedding; the Discogs-400 head
/// runs on every patch row and the mean of its probabilities is the 400-value style vector. Loaded once
/// per process and shared by all tracks (inference calls are thread-safe).
/// </summary>
public sealed class EffnetDiscogsExtractor : IEmbeddingExtractor, IDisposable
{
    public const string Model = "discogs-effnet-bs64-1";
    public const int EmbeddingDimension = 1280;

    private static readonly string[] EmbeddingOutputNames = ["embeddings", "PartitionedCall:1"];
    private static readonly string[] ActivationOutputNames = ["activations", "PartitionedCall:0"];

    private readonly OnnxModelRunner _network;
    private readonly OnnxModelRunner? _head;
    private readonly string[] _networkOutputs;
    private readonly int[] _networkWidths;
    private readonly bool _stylesFromNetwork;
    private readonly string? _headOutput;

    private EffnetDiscogsExtractor(OnnxModelRunner network, string embeddingOutput, string? activationOutput, OnnxModelRunner? head,
        string? headOutput, IReadOnlyList<string>? styleLabels, string description, int batchSize, bool styleHeadRejected)
    {
        StyleHeadRejected = styleHeadRejected;
        _network = network;
        _head = head;
        _stylesFromNetwork = head is null && styleLabels is not null;
        _networkOutputs = _stylesFromNetwork ? [embeddingOutput, activationOutput!] : [embeddingOutput];
        _networkWidths = _stylesFromNetwork ? [EmbeddingDimension, Discogs400Labels.Count] : [EmbeddingDimension];
        _headOutput = headOutput;
        StyleLabels = styleLabels;
        Description = description;
        BatchSize = network.FixedBatch ?? batchSize;
    }

    public string ModelName => Model;

    public int Dimension => EmbeddingDimension;

    public bool ProducesStyles => StyleLabels is not null;

    /// <summary>Labels of the style vector (<c>Genre---Style</c>), or null when styles are unavailable.</summary>
    public IReadOnlyList<string>? StyleLabels { get; }

    /// <summary>Which files and outputs are in use, for the one log line at startup.</summary>
    public string Description { get; }

    /// <summary>True when a style head file was present but could not be used (worth a warning).</summary>
    public bool StyleHeadRejected { get; }

    /// <summary>Patches per inference call.</summary>
    public int BatchSize { get; }

    /// <summary>Loads and validates the models (a probe inference checks the real output shapes).</summary>
    /// <exception cref="EmbeddingModelException">The embedding model is missing, unloadable or wrongly shaped.</exception>
    public static EffnetDiscogsExtractor Load(EffnetModelFiles files, EffnetModelOptions? options = null)
    {
        options ??= new EffnetModelOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.IntraOpNumThreads);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.BatchSize);
        RequireNonEmptyFile(files.EmbeddingModel);

        var network = new OnnxModelRunner(files.EmbeddingModel, options.IntraOpNumThreads, PickMelInput);
        try
        {
            var embeddingOutput = PickOutput(network.Outputs, EmbeddingDimension, EmbeddingOutputNames)
                ?? throw new EmbeddingModelException(
                    $"{Path.GetFileName(files.EmbeddingModel)} has no [batch,{EmbeddingDimension}] embedding output ({Describe(network.Outputs)})");
            var activationOutput = PickOutput(network.Outputs, Discogs400Labels.Count, ActivationOutputNames);
            Probe(network, files.EmbeddingModel, MelPatcher.PatchFrames * MusicnnMelFrontEnd.BandCount,
                activationOutput is null ? [embeddingOutput] : [embeddingOutput, activationOutput],
                activationOutput is null ? [EmbeddingDimension] : [EmbeddingDimension, Discogs400Labels.Count]);

            var (head, headOutput, headProblem) = LoadHead(files, options);
            IReadOnlyList<string>? labels = null;
            string styles;
            if (head is not null)
            {
                var (headLabels, labelSource) = Discogs400Labels.Load(files.StyleHeadMetadata);
                labels = headLabels;
                styles = $"styles from {Path.GetFileName(files.StyleHead)} with {labelSource}";
            }
            else if (activationOutput is not null && options.StylesFromEmbeddingModelWhenHeadMissing)
            {
                var (modelLabels, labelSource) = Discogs400Labels.Load(files.EmbeddingMetadata ?? files.StyleHeadMetadata);
                labels = modelLabels;
                styles = $"styles from the model's own '{activationOutput}' output with {labelSource} ({headProblem})";
            }
            else
            {
                styles = $"no styles ({headProblem})";
            }

            var batch = network.FixedBatch is { } fixedBatch ? $"fixed batch {fixedBatch}" : $"batch {options.BatchSize}";
            var description = $"{Path.GetFileName(files.EmbeddingModel)} ('{network.InputName}' → '{embeddingOutput}'), {styles}; "
                + $"{batch}, {options.IntraOpNumThreads} inference thread(s)";
            var headRejected = head is null && files.StyleHead is not null;
            return new EffnetDiscogsExtractor(network, embeddingOutput, activationOutput, head, headOutput, labels, description, options.BatchSize, headRejected);
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    public IEmbeddingSession Begin() => new EffnetDiscogsSession(this);

    public void Dispose()
    {
        _network.Dispose();
        _head?.Dispose();
    }

    /// <summary>Embeddings (count × 1280) and, when styles are produced, probabilities (count × 400) for a batch of patches.</summary>
    internal void Infer(ReadOnlySpan<float> patches, int count, float[] embeddings, float[]? styles)
    {
        if (_stylesFromNetwork && styles is not null)
        {
            _network.Run(patches, count, _networkOutputs, _networkWidths, [embeddings, styles]);
            return;
        }

        _network.Run(patches, count, _networkOutputs, _networkWidths, [embeddings]);
        if (_head is not null && styles is not null)
        {
            _head.Run(embeddings.AsSpan(0, count * EmbeddingDimension), count, [_headOutput!], [Discogs400Labels.Count], [styles]);
        }
    }

    private static (OnnxModelRunner? Head, string? Output, string Problem) LoadHead(EffnetModelFiles files, EffnetModelOptions options)
    {
        if (files.StyleHead is null)
        {
            return (null, null, $"{EffnetModelFiles.StyleHeadModel} not found");
        }

        OnnxModelRunner? head = null;
        try
        {
            RequireNonEmptyFile(files.StyleHead);
            head = new OnnxModelRunner(files.StyleHead, options.IntraOpNumThreads, PickEmbeddingInput);
            var output = PickOutput(head.Outputs, Discogs400Labels.Count, [])
                ?? throw new EmbeddingModelException(
                    $"{Path.GetFileName(files.StyleHead)} has no [batch,{Discogs400Labels.Count}] output ({Describe(head.Outputs)})");
            Probe(head, files.StyleHead, EmbeddingDimension, [output], [Discogs400Labels.Count]);
            return (head, output, string.Empty);
        }
        catch (EmbeddingModelException e)
        {
            head?.Dispose();
            return (null, null, e.Message);
        }
    }

    private static void Probe(OnnxModelRunner runner, string path, int rowSize, string[] outputs, int[] widths)
    {
        try
        {
            runner.Run(new float[rowSize], 1, outputs, widths, widths.Select(w => new float[w]).ToArray());
        }
        catch (Exception e) when (e is InvalidDataException or OnnxRuntimeException)
        {
            throw new EmbeddingModelException($"{Path.GetFileName(path)} failed a test inference: {e.Message.Split('\n')[0]}", e);
        }
    }

    private static string PickMelInput(IReadOnlyDictionary<string, NodeMetadata> inputs) =>
        inputs.Where(i => Fits(i.Value, [MelPatcher.PatchFrames, MusicnnMelFrontEnd.BandCount]))
            .OrderByDescending(i => i.Key.Contains("melspectrogram", StringComparison.OrdinalIgnoreCase))
            .Select(i => i.Key).FirstOrDefault()
        ?? throw new EmbeddingModelException($"the model has no [batch,128,96] float input ({Describe(inputs)})");

    private static string PickEmbeddingInput(IReadOnlyDictionary<string, NodeMetadata> inputs) =>
        inputs.Where(i => Fits(i.Value, [EmbeddingDimension])).Select(i => i.Key).FirstOrDefault()
        ?? throw new EmbeddingModelException($"the style head has no [batch,{EmbeddingDimension}] float input ({Describe(inputs)})");

    /// <summary>A float tensor [batch, ...rest], where each of rest is the given size or dynamic.</summary>
    private static bool Fits(NodeMetadata node, int[] rest) =>
        node.IsTensor && node.ElementType == typeof(float) && node.Dimensions.Length == rest.Length + 1
        && rest.Select((size, i) => node.Dimensions[i + 1] == size || node.Dimensions[i + 1] < 0).All(ok => ok);

    /// <summary>The output declared as [batch, width]; failing that, a dynamic-shaped output with a known name.</summary>
    private static string? PickOutput(IReadOnlyDictionary<string, NodeMetadata> outputs, int width, string[] knownNames)
    {
        var declared = outputs.Where(o => o.Value.IsTensor && o.Value.Dimensions.Length == 2 && o.Value.Dimensions[1] == width).Select(o => o.Key).ToList();
        if (declared.Count > 0)
        {
            return declared.OrderByDescending(name => knownNames.Contains(name)).First();
        }

        static bool Dynamic(NodeMetadata node) => node.IsTensor && node.Dimensions.Length == 2 && node.Dimensions[1] < 0;
        return knownNames.FirstOrDefault(name => outputs.TryGetValue(name, out var node) && Dynamic(node))
            ?? (outputs.Count == 1 && Dynamic(outputs.Single().Value) ? outputs.Single().Key : null);
    }

    private static string Describe(IReadOnlyDictionary<string, NodeMetadata> nodes) =>
        string.Join(", ", nodes.Select(n => $"'{n.Key}' [{string.Join(',', n.Value.Dimensions.Select(d => d < 0 ? "?" : d.ToString(System.Globalization.CultureInfo.InvariantCulture)))}]"));

    private static void RequireNonEmptyFile(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new EmbeddingModelException($"{path} not found");
        }

        if (info.Length == 0)
        {
            throw new EmbeddingModelException($"{info.Name} is empty");
        }
    }
}
