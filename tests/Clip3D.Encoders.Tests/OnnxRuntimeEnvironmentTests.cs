using Xunit;

namespace Clip3D.Encoders.Tests;

public class OnnxRuntimeEnvironmentTests
{
    [Fact]
    public void SummarizesALibraryLoadFailure()
    {
        // The line ONNX Runtime 1.31 logs on a machine without CUDA 13 (measured here).
        const string logged = "/onnxruntime_src/onnxruntime/core/session/provider_bridge_ort.cc:2043 onnxruntime::Provider& " +
                              "onnxruntime::ProviderLibrary::Get() [ONNXRuntimeError] : 1 : FAIL : Failed to load library " +
                              "/app/bin/runtimes/linux-x64/native/libonnxruntime_providers_cuda.so with error: libcublasLt.so.13: " +
                              "cannot open shared object file: No such file or directory";
        Assert.Equal("libonnxruntime_providers_cuda.so: libcublasLt.so.13: cannot open shared object file: No such file or directory",
            OnnxRuntimeEnvironment.Summarize(logged));
    }

    [Fact]
    public void KeepsTheStatusTextOfOtherErrors()
    {
        Assert.Equal("CUDA failure 100: no CUDA-capable device is detected",
            OnnxRuntimeEnvironment.Summarize("cuda_call.cc:123 CudaCall [ONNXRuntimeError] : 1 : FAIL : CUDA failure 100: no CUDA-capable device is detected"));
        Assert.Equal("plain", OnnxRuntimeEnvironment.Summarize(" plain "));
    }

    [Fact]
    public void CaptureCollectsTheReasonCudaDidNotLoad()
    {
        OnnxRuntimeEnvironment.Ensure();
        Assert.Empty(OnnxRuntimeEnvironment.Capture(() => { }));
        Exception? failure = null;
        var messages = OnnxRuntimeEnvironment.Capture(() =>
        {
            using var options = new Microsoft.ML.OnnxRuntime.SessionOptions();
            try { options.AppendExecutionProvider_CUDA(0); }
            catch (Exception e) { failure = e; }
        });
        if (failure is not null) // no CUDA 13 here: the runtime logged why before throwing
            Assert.Contains(messages, m => m.Contains("libonnxruntime_providers_cuda.so"));
    }
}
