using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace Clip3D.Benchmarking;

/// <summary>The machine a benchmark ran on, as the report's <c>machine</c> object.</summary>
/// <param name="Cores">Logical processors the runtime sees.</param>
/// <param name="Os">The operating system's description.</param>
/// <param name="CpuModel">The CPU's model name (/proc/cpuinfo), or "unknown".</param>
/// <param name="MemoryBytes">Memory available to the process (the GC's view: physical memory or the container limit).</param>
/// <param name="DotnetVersion">The .NET runtime.</param>
/// <param name="Gpu">The CUDA device ILGPU found, or null.</param>
/// <param name="Accelerator">The ILGPU accelerators the field figures ran on, e.g. "ILGPU CPU (2 threads)".</param>
/// <param name="Renderer">The headless OpenGL implementation the rendering figures used, or null when none ran.</param>
public sealed record MachineInfo(int Cores, string Os, string CpuModel, long MemoryBytes, string DotnetVersion, string? Gpu,
    IReadOnlyList<string> Accelerator, string? Renderer)
{
    /// <summary>What can be read without running anything: cores, OS, CPU, memory, runtime, the CUDA device if any.</summary>
    public static MachineInfo Describe() => new(Environment.ProcessorCount, RuntimeInformation.OSDescription, ReadCpuModel(),
        GC.GetGCMemoryInfo().TotalAvailableMemoryBytes, RuntimeInformation.FrameworkDescription, FieldAccelerators.CudaDeviceName(), [], null);

    public JsonObject ToJson() => new()
    {
        ["cores"] = Cores,
        ["os"] = Os,
        ["cpuModel"] = CpuModel,
        ["memoryBytes"] = MemoryBytes,
        ["dotnetVersion"] = DotnetVersion,
        ["gpu"] = Gpu,
        ["accelerator"] = new JsonArray(Accelerator.Select(a => (JsonNode?)a).ToArray()),
        ["renderer"] = Renderer,
    };

    private static string ReadCpuModel()
    {
        try
        {
            // x86 names the model "model name"; some ARM kernels only give "Hardware" or nothing.
            foreach (var line in File.ReadLines("/proc/cpuinfo"))
                if (line.StartsWith("model name", StringComparison.Ordinal) || line.StartsWith("Hardware", StringComparison.Ordinal))
                    return line[(line.IndexOf(':') + 1)..].Trim();
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return RuntimeInformation.ProcessArchitecture + " (model unknown)";
    }
}
