using Xunit;

namespace Clip3D.Benchmarking.Tests;

public class PipelineBenchmarkTests
{
    [Theory]
    [InlineData(1_000_000, "1m")]
    [InlineData(100_000, "100k")]
    [InlineData(10_000, "10k")]
    [InlineData(1_500, "1500")]
    [InlineData(512, "512")]
    public void FigureNamesCarryCompactCounts(int n, string expected) => Assert.Equal(expected, PipelineBenchmark.Count(n));

    [Fact]
    public void AnEmptyWorkFolderIsRejectedBeforeAnythingRuns()
    {
        var e = Assert.Throws<ArgumentException>(() => PipelineBenchmark.Run(PipelineBenchOptions.Default with { WorkFolder = " " }));
        Assert.Contains("WorkFolder: the benchmark's work folder is empty", e.Message);
    }

    [Fact]
    public void AWorkFolderThatIsAFileIsRejected()
    {
        var file = Path.GetTempFileName();
        try
        {
            var e = Assert.Throws<ArgumentException>(() => (PipelineBenchOptions.Default with { WorkFolder = file }).Validate());
            Assert.Contains($"{file}: the benchmark's work folder is a file", e.Message);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void TheDotProductProbeIsExact()
    {
        var a = Enumerable.Range(0, 1024).Select(i => (float)(i % 3)).ToArray();
        var b = Enumerable.Range(0, 1024).Select(i => (float)(i % 5)).ToArray();
        float expected = 0;
        for (int i = 0; i < a.Length; i++) expected += a[i] * b[i];
        Assert.Equal(expected, DotProductKernel.Dot(a, b));
        Assert.Throws<ArgumentException>(() => DotProductKernel.Dot(new float[100], new float[100]));
    }

    [Fact]
    public void StageMemoryMeterSeesAnAllocation()
    {
        var meter = new StageMemoryMeter();
        var block = new byte[64 << 20];
        Array.Fill(block, (byte)1); // touch every page, so the working set grows
        var memory = meter.Stop();
        GC.KeepAlive(block);
        Assert.True(memory.GcAllocatedMB >= 64, $"allocated {memory.GcAllocatedMB} MB");
        Assert.True(memory.PeakWorkingSetMB > 64, $"peak {memory.PeakWorkingSetMB} MB");
    }
}
