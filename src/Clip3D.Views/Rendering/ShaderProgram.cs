using System.Numerics;
using Silk.NET.OpenGL;

namespace Clip3D.Views.Rendering;

/// <summary>A linked GLSL program with its uniform locations looked up once by name.</summary>
internal sealed class ShaderProgram : IDisposable
{
    private readonly GL _gl;
    private readonly Dictionary<string, int> _uniforms = new(StringComparer.Ordinal);

    /// <summary>Compiles and links the vertex and fragment sources, each prefixed by the version line and <paramref name="defines"/>.</summary>
    public ShaderProgram(GL gl, string vertexSource, string fragmentSource, params string[] defines)
    {
        _gl = gl;
        string prefix = "#version 330 core\n" + string.Concat(defines.Select(d => $"#define {d}\n"));
        uint vertex = Compile(ShaderType.VertexShader, prefix + vertexSource);
        uint fragment = Compile(ShaderType.FragmentShader, prefix + fragmentSource);
        Handle = gl.CreateProgram();
        gl.AttachShader(Handle, vertex);
        gl.AttachShader(Handle, fragment);
        gl.LinkProgram(Handle);
        gl.DetachShader(Handle, vertex);
        gl.DetachShader(Handle, fragment);
        gl.DeleteShader(vertex);
        gl.DeleteShader(fragment);
        gl.GetProgram(Handle, ProgramPropertyARB.LinkStatus, out int linked);
        if (linked == 0)
        {
            string log = gl.GetProgramInfoLog(Handle);
            gl.DeleteProgram(Handle);
            throw new InvalidOperationException($"Renderer shader program ({string.Join(", ", defines)}) failed to link: {log.Trim()}");
        }
    }

    public uint Handle { get; }

    public void Use() => _gl.UseProgram(Handle);

    public void Set(string name, int value) => _gl.Uniform1(Location(name), value);

    public void Set(string name, bool value) => _gl.Uniform1(Location(name), value ? 1 : 0);

    public void Set(string name, float value) => _gl.Uniform1(Location(name), value);

    public void Set(string name, Vector3 value) => _gl.Uniform3(Location(name), value.X, value.Y, value.Z);

    public void Set(string name, Vector4 value) => _gl.Uniform4(Location(name), value.X, value.Y, value.Z, value.W);

    /// <summary>
    /// Sets a mat4 from a System.Numerics (row-vector) matrix: its row-major storage read column-major by GLSL is
    /// the transpose, which is exactly the column-vector matrix GLSL's <c>M * v</c> needs.
    /// </summary>
    public unsafe void Set(string name, Matrix4x4 value) => _gl.UniformMatrix4(Location(name), 1, false, (float*)&value);

    public void Dispose() => _gl.DeleteProgram(Handle);

    /// <summary>The uniform's location, or −1 when the variant does not use it (GL ignores writes to −1).</summary>
    private int Location(string name)
    {
        if (!_uniforms.TryGetValue(name, out int location))
            _uniforms[name] = location = _gl.GetUniformLocation(Handle, name);
        return location;
    }

    private uint Compile(ShaderType type, string source)
    {
        uint shader = _gl.CreateShader(type);
        _gl.ShaderSource(shader, source);
        _gl.CompileShader(shader);
        _gl.GetShader(shader, ShaderParameterName.CompileStatus, out int compiled);
        if (compiled == 0)
        {
            string log = _gl.GetShaderInfoLog(shader);
            _gl.DeleteShader(shader);
            throw new InvalidOperationException($"Renderer {type} failed to compile: {log.Trim()}");
        }
        return shader;
    }
}
