using System.Buffers.Text;

namespace Clip3D.Mesh.Formats;

/// <summary>
/// The two kinds of URI glTF buffers and images use: embedded base64 data URIs (RFC 2397) and references to
/// files, relative to the folder of the model file.
/// </summary>
internal static class GltfUri
{
    public static bool IsData(string uri) => uri.StartsWith("data:", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The payload of a base64 data URI and its decoded length, or a problem when the URI is not one
    /// (glTF only allows base64 data URIs).
    /// </summary>
    public static bool TryMeasureData(string uri, out int decodedLength, out string problem)
    {
        decodedLength = 0;
        int comma = uri.IndexOf(',');
        if (comma < 0)
        {
            problem = "the data URI has no ',' before its payload";
            return false;
        }
        if (!uri.AsSpan(0, comma).EndsWith(";base64", StringComparison.OrdinalIgnoreCase))
        {
            problem = "the data URI is not base64-encoded (glTF requires ';base64,')";
            return false;
        }
        if (!Base64.IsValid(uri.AsSpan(comma + 1), out decodedLength))
        {
            problem = "the data URI's payload is not valid base64";
            return false;
        }
        problem = "";
        return true;
    }

    /// <summary>Decodes a base64 data URI; null with a problem when it is malformed.</summary>
    public static byte[]? TryDecodeData(string uri, out string problem)
    {
        if (!TryMeasureData(uri, out int length, out problem))
            return null;
        var bytes = new byte[length];
        if (!Convert.TryFromBase64Chars(uri.AsSpan(uri.IndexOf(',') + 1), bytes, out int written) || written != length)
        {
            problem = "the data URI's payload is not valid base64";
            return null;
        }
        return bytes;
    }

    /// <summary>
    /// The local path a file URI refers to, resolved against <paramref name="directory"/>; null with a problem
    /// for URIs with a scheme other than <c>file:</c> (Clip3D reads nothing over the network).
    /// </summary>
    public static string? TryResolveFile(string directory, string uri, out string problem)
    {
        problem = "";
        string? scheme = Scheme(uri);
        if (scheme is null)
            return Path.GetFullPath(Path.Combine(directory, Uri.UnescapeDataString(uri)));
        if (scheme.Equals("file", StringComparison.OrdinalIgnoreCase) && Uri.TryCreate(uri, UriKind.Absolute, out var absolute))
            return absolute.LocalPath;
        problem = $"'{scheme}:' URIs are not read (only data URIs and files next to the model)";
        return null;
    }

    /// <summary>The URI scheme ("http", "file", ...), or null for a relative reference.</summary>
    private static string? Scheme(string uri)
    {
        int colon = uri.IndexOf(':');
        // One letter before the colon is a Windows drive ("C:\..."), not a scheme.
        if (colon < 2)
            return null;
        for (int i = 0; i < colon; i++)
        {
            char c = uri[i];
            bool ok = char.IsAsciiLetter(c) || (i > 0 && (char.IsAsciiDigit(c) || c is '+' or '-' or '.'));
            if (!ok)
                return null;
        }
        return uri[..colon];
    }
}
