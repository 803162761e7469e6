using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.ExceptionServices;
using Harmonie.Engines.Catalog;

namespace Harmonie.TestSupport;

/// <summary>
/// An <see cref="ICatalog"/> that forwards to a real catalog but lets a test make chosen methods fail or wait
/// at a gate, to crash a scan phase or hold a scan in a known phase. Methods are named with <c>nameof</c>.
/// </summary>
public class FaultInjectingCatalog : DispatchProxy
{
    private readonly ConcurrentDictionary<string, Func<Task>> _faults = new(StringComparer.Ordinal);
    private ICatalog _inner = null!;

    /// <summary>The catalog to hand to the code under test.</summary>
    public ICatalog Catalog => (ICatalog)(object)this;

    public static FaultInjectingCatalog Wrap(ICatalog inner)
    {
        var proxy = (FaultInjectingCatalog)(object)Create<ICatalog, FaultInjectingCatalog>();
        proxy._inner = inner;
        return proxy;
    }

    /// <summary>The next <paramref name="times"/> calls of <paramref name="method"/> throw <paramref name="error"/>.</summary>
    public void Fail(string method, Exception error, int times = 1)
    {
        var remaining = times;
        _faults[method] = () =>
        {
            if (Interlocked.Decrement(ref remaining) < 0)
            {
                _faults.TryRemove(method, out _);
                return Task.CompletedTask;
            }

            return Task.FromException(error);
        };
    }

    /// <summary>Calls of <paramref name="method"/> wait until the returned gate is released.</summary>
    public CatalogGate Block(string method)
    {
        var gate = new CatalogGate();
        _faults[method] = gate.PassAsync;
        return gate;
    }

    public void Clear()
    {
        foreach (var method in _faults.Keys)
        {
            _faults.TryRemove(method, out _);
        }
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (!_faults.TryGetValue(targetMethod.Name, out var fault))
        {
            return Forward(targetMethod, args);
        }

        if (targetMethod.ReturnType == typeof(Task))
        {
            return ForwardAfterAsync(fault, () => (Task)Forward(targetMethod, args)!);
        }

        if (targetMethod.ReturnType.IsGenericType && targetMethod.ReturnType.GetGenericTypeDefinition() == typeof(Task<>))
        {
            var forward = typeof(FaultInjectingCatalog).GetMethod(nameof(ForwardAfterAsync), BindingFlags.NonPublic | BindingFlags.Static, [typeof(Func<Task>), typeof(Func<object?>)])!
                .MakeGenericMethod(targetMethod.ReturnType.GetGenericArguments()[0]);
            return forward.Invoke(null, [fault, (Func<object?>)(() => Forward(targetMethod, args))]);
        }

        if (targetMethod.ReturnType.IsGenericType && targetMethod.ReturnType.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>))
        {
            var stream = typeof(FaultInjectingCatalog).GetMethod(nameof(StreamAfterAsync), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(targetMethod.ReturnType.GetGenericArguments()[0]);
            return stream.Invoke(null, [fault, (Func<object?>)(() => Forward(targetMethod, args))]);
        }

        throw new NotSupportedException($"Faults can only be injected into catalog methods returning a Task or an IAsyncEnumerable, not {targetMethod.Name}.");
    }

    private static async Task ForwardAfterAsync(Func<Task> fault, Func<Task> forward)
    {
        await fault();
        await forward();
    }

    private static async Task<T> ForwardAfterAsync<T>(Func<Task> fault, Func<object?> forward)
    {
        await fault();
        return await (Task<T>)forward()!;
    }

    private static async IAsyncEnumerable<T> StreamAfterAsync<T>(Func<Task> fault, Func<object?> forward)
    {
        await fault();
        await foreach (var item in (IAsyncEnumerable<T>)forward()!)
        {
            yield return item;
        }
    }

    private object? Forward(MethodInfo method, object?[]? args)
    {
        try
        {
            return method.Invoke(_inner, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
    }
}
