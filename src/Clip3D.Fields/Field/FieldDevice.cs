using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;

namespace Clip3D.Fields.Field;

/// <summary>
/// An ILGPU context and accelerator with the field's kernels loaded, and how to launch them: on the CPU accelerator
/// one thread per core, as groups of 2 (each thread walks a grid-stride loop over many elements), on a GPU groups of
/// 256 threads, as many as the elements need up to 16 per multiprocessor. Kernels are queued on the default stream;
/// <see cref="Synchronize"/> waits for them. Not thread-safe: one user at a time.
/// </summary>
internal sealed class FieldDevice : IDisposable
{
    private readonly Context _context;
    private readonly int _maxGroups;
    private readonly int _groupSize;

    public readonly Action<KernelConfig, int, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, int, uint, int, float, int> Sample;
    public readonly Action<KernelConfig, int, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, GridParams> Encode;
    public readonly Action<KernelConfig, int, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, GridParams> EncodeBackward;
    public readonly Action<KernelConfig, int, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, int, int> DenseForward;
    public readonly Action<KernelConfig, int, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, float> CosineLoss;
    public readonly Action<KernelConfig, int, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, int, int> DenseBackwardInput;
    public readonly Action<KernelConfig, int, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, int, int> DenseBackwardWeights;
    public readonly Action<KernelConfig, int, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, AdamParams> Adam;

    private FieldDevice(Context context, Accelerator accelerator, bool isCpu)
    {
        _context = context;
        Accelerator = accelerator;
        IsCpu = isCpu;
        if (isCpu)
        {
            _groupSize = accelerator.WarpSize;
            _maxGroups = accelerator.NumMultiprocessors;
        }
        else
        {
            _groupSize = Math.Min(256, accelerator.MaxNumThreadsPerGroup);
            _maxGroups = Math.Max(1, accelerator.NumMultiprocessors * 16);
        }
        Sample = accelerator.LoadStreamKernel<int, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, int, uint, int, float, int>(FieldKernels.Sample);
        Encode = accelerator.LoadStreamKernel<int, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, GridParams>(FieldKernels.Encode);
        EncodeBackward = accelerator.LoadStreamKernel<int, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, GridParams>(FieldKernels.EncodeBackward);
        DenseForward = accelerator.LoadStreamKernel<int, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, int, int>(FieldKernels.DenseForward);
        CosineLoss = accelerator.LoadStreamKernel<int, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, float>(FieldKernels.CosineLoss);
        DenseBackwardInput = accelerator.LoadStreamKernel<int, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, int, int>(FieldKernels.DenseBackwardInput);
        DenseBackwardWeights = accelerator.LoadStreamKernel<int, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, int, int>(FieldKernels.DenseBackwardWeights);
        Adam = accelerator.LoadStreamKernel<int, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, AdamParams>(FieldKernels.Adam);
    }

    public Accelerator Accelerator { get; }

    public bool IsCpu { get; }

    /// <summary>E.g. <c>CPU (2 threads)</c> or <c>CUDA NVIDIA H200</c>.</summary>
    public string Name => IsCpu ? $"ILGPU CPU ({_maxGroups * _groupSize} threads)" : $"ILGPU {Accelerator.AcceleratorType} {Accelerator.Name}";

    /// <summary>Whether a CUDA device can be used here.</summary>
    public static bool CudaAvailable()
    {
        try
        {
            using var context = Context.Create(b => b.Cuda());
            return context.GetCudaDevices().Count > 0;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return false;
        }
    }

    /// <summary>Opens the accelerator <paramref name="kind"/> asks for.</summary>
    /// <exception cref="InvalidOperationException">CUDA was asked for and there is no CUDA device.</exception>
    public static FieldDevice Open(FieldAccelerator kind)
    {
        var cuda = kind != FieldAccelerator.Cpu && CudaAvailable();
        if (kind == FieldAccelerator.Cuda && !cuda)
            throw new InvalidOperationException("accelerator \"cuda\" was asked for, but no CUDA device is available");
        if (cuda)
        {
            var context = Context.Create(b => b.Cuda().EnableAlgorithms().Optimize(OptimizationLevel.O2));
            try { return new FieldDevice(context, context.GetCudaDevice(0).CreateAccelerator(context), isCpu: false); }
            catch { context.Dispose(); throw; }
        }
        // One thread per core: "multiprocessors" of one warp of 2 threads (ILGPU's smallest warp), one group each.
        var device = new CPUDevice(numThreadsPerWarp: 2, numWarpsPerMultiprocessor: 1, numMultiprocessors: Math.Max(1, (Environment.ProcessorCount + 1) / 2));
        var cpuContext = Context.Create(b => b.CPU(device).EnableAlgorithms().Optimize(OptimizationLevel.O2));
        try { return new FieldDevice(cpuContext, device.CreateAccelerator(cpuContext), isCpu: true); }
        catch { cpuContext.Dispose(); throw; }
    }

    /// <summary>The launch shape for <paramref name="elements"/> elements walked in grid-stride loops.</summary>
    public KernelConfig Launch(long elements)
    {
        var groups = (int)Math.Clamp((elements + _groupSize - 1) / _groupSize, 1, _maxGroups);
        return new KernelConfig(groups, _groupSize);
    }

    public MemoryBuffer1D<T, Stride1D.Dense> Allocate<T>(long length) where T : unmanaged =>
        Accelerator.Allocate1D<T>(Math.Max(1, length));

    public MemoryBuffer1D<T, Stride1D.Dense> Upload<T>(T[] values) where T : unmanaged
    {
        var buffer = Accelerator.Allocate1D<T>(Math.Max(1, values.Length));
        if (values.Length > 0)
            buffer.View.SubView(0, values.Length).CopyFromCPU(values);
        return buffer;
    }

    public void Synchronize() => Accelerator.Synchronize();

    public void Dispose()
    {
        Accelerator.Dispose();
        _context.Dispose();
    }
}
