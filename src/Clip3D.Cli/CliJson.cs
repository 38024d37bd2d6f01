using System.Text.Json;

namespace Clip3D.Cli;

/// <summary>JSON settings shared by every <c>--json</c> output: camelCase names, one object per line.</summary>
internal static class CliJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = false,
    };
}
