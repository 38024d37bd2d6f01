using System.Diagnostics;

namespace Clip3D.Benchmarking;

/// <summary>
/// Memory of one benchmark stage. The process working set is sampled every 10 ms on a background thread because the
/// big allocations of this pipeline are native (ONNX Runtime's arenas, the OpenGL driver's buffers, ILGPU's memory)
/// and invisible to the GC; the GC figures say how much of it is managed. The working set only grows when a stage
/// touches memory the process had not used yet, so <see cref="WorkingSetDeltaMB"/> is the stage's extra footprint
/// over what earlier stages left resident (0 when it fit in that), and <see cref="PeakWorkingSetMB"/> the absolute peak.
/// </summary>
/// <param name="PeakWorkingSetMB">Highest sampled process working set during the stage, in MB (10^6 bytes).</param>
/// <param name="WorkingSetDeltaMB">That peak minus the working set when the stage began.</param>
/// <param name="GcAllocatedMB">Managed bytes allocated during the stage (GC.GetTotalAllocatedBytes).</param>
/// <param name="GcPeakHeapMB">Highest sampled managed heap size (GC.GetTotalMemory) during the stage.</param>
public sealed record StageMemory(double PeakWorkingSetMB, double WorkingSetDeltaMB, double GcAllocatedMB, double GcPeakHeapMB);

/// <summary>Samples the process's memory while a stage runs; <see cref="Stop"/> ends the sampling and returns the figures.</summary>
internal sealed class StageMemoryMeter
{
    private readonly Process _process = Process.GetCurrentProcess();
    private readonly long _startWorkingSet;
    private readonly long _startAllocated;
    private readonly Thread _thread;
    private long _peakWorkingSet;
    private long _peakHeap;
    private volatile bool _stopped;

    public StageMemoryMeter()
    {
        _process.Refresh();
        _startWorkingSet = _process.WorkingSet64;
        _peakWorkingSet = _startWorkingSet;
        _peakHeap = GC.GetTotalMemory(false);
        _startAllocated = GC.GetTotalAllocatedBytes(false);
        _thread = new Thread(Sample) { IsBackground = true, Name = "bench memory meter" };
        _thread.Start();
    }

    private void Sample()
    {
        while (!_stopped)
        {
            Read();
            Thread.Sleep(10);
        }
    }

    private void Read()
    {
        _process.Refresh();
        long workingSet = _process.WorkingSet64, heap = GC.GetTotalMemory(false);
        lock (_process)
        {
            _peakWorkingSet = Math.Max(_peakWorkingSet, workingSet);
            _peakHeap = Math.Max(_peakHeap, heap);
        }
    }

    public StageMemory Stop()
    {
        _stopped = true;
        _thread.Join();
        Read();
        long allocated = GC.GetTotalAllocatedBytes(false) - _startAllocated;
        return new StageMemory(_peakWorkingSet / 1e6, Math.Max(0, _peakWorkingSet - _startWorkingSet) / 1e6, allocated / 1e6, _peakHeap / 1e6);
    }
}
