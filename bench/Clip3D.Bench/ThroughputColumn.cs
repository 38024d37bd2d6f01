using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Clip3D.Bench;

/// <summary>
/// MB/s = input bytes ÷ mean time. A benchmark class states its input size per case through
/// <see cref="IInputSize"/>; BenchmarkDotNet reports times only.
/// </summary>
public sealed class ThroughputColumn : IColumn
{
    public string Id => nameof(ThroughputColumn);
    public string ColumnName => "MB/s";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Input megabytes (10^6 bytes) read per second, from the mean time";

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary[benchmarkCase];
        if (report?.ResultStatistics is not { } stats)
            return "-";
        var instance = (IInputSize)Activator.CreateInstance(benchmarkCase.Descriptor.Type)!;
        long bytes = instance.InputBytes(benchmarkCase.Descriptor.WorkloadMethod.Name);
        double seconds = stats.Mean / 1e9;
        return (bytes / 1e6 / seconds).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>Implemented by benchmark classes whose cases read an input of known size.</summary>
public interface IInputSize
{
    long InputBytes(string benchmarkMethod);
}
