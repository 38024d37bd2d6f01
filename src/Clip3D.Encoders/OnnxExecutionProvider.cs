namespace Clip3D.Encoders;

/// <summary>Where ONNX Runtime runs the model.</summary>
public enum OnnxExecutionProvider
{
    /// <summary>ONNX Runtime's CPU kernels (always available).</summary>
    Cpu,

    /// <summary>
    /// NVIDIA CUDA (needs an NVIDIA driver, CUDA 13 and cuDNN 9 as ONNX Runtime 1.31 expects). When CUDA cannot load,
    /// the encoder falls back to the CPU and reports a warning rather than failing: a robot keeps working, slower.
    /// </summary>
    Cuda,

    /// <summary>CUDA when it loads, else the CPU (with a warning that says why CUDA was not used).</summary>
    Auto,
}
