namespace Clip3D.Mesh.Formats;

/// <summary>
/// Finds the files an OBJ or MTL file names (<c>mtllib</c>, <c>map_Kd</c>). Such names are relative to the
/// naming file's folder, often written on Windows (<c>.\tex\wood.jpg</c>, <c>C:\models\wood.jpg</c>) or with the
/// wrong letter case, so after the literal path this tries the bare file name in the folder, then a
/// case-insensitive match of it.
/// </summary>
internal static class ObjFileReferences
{
    /// <summary>
    /// The path of the file <paramref name="written"/> refers to, relative to <paramref name="directory"/>: an
    /// existing file when one of the candidates exists, otherwise the literal candidate (for the warning).
    /// </summary>
    public static string Resolve(string directory, string written)
    {
        var normalized = written.Replace('\\', '/');
        string literal;
        try
        {
            literal = Path.GetFullPath(Path.Combine(directory, normalized));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return Path.Combine(directory, normalized);
        }
        if (File.Exists(literal))
            return literal;

        var fileName = Path.GetFileName(normalized);
        if (fileName.Length == 0)
            return literal;
        var sameFolder = Path.Combine(directory, fileName);
        if (File.Exists(sameFolder))
            return sameFolder;
        foreach (var folder in new[] { Path.GetDirectoryName(literal), directory })
        {
            if (folder is null || !Directory.Exists(folder))
                continue;
            try
            {
                foreach (var candidate in Directory.EnumerateFiles(folder))
                    if (string.Equals(Path.GetFileName(candidate), fileName, StringComparison.OrdinalIgnoreCase))
                        return candidate;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // An unreadable folder simply has no match.
            }
        }
        return literal;
    }
}
