namespace Clip3D.Mesh.Formats;

/// <summary>
/// The values of an ASCII PLY body: whitespace-separated numbers, parsed from the bytes without per-token strings.
/// Rows are read as a stream of values, so a row wrapped over several lines is accepted.
/// </summary>
internal struct PlyAsciiSource(ReadContext context, byte[] data, int offset, int firstLine) : IPlyValueSource
{
    private AsciiTokenizer _tokens = new(data, offset, firstLine);
    private string _element = "";
    private long _row;

    public readonly string Location => $"element {_element} {_row} (line {_tokens.Line})";

    public void BeginRow(PlyElement element, long index)
    {
        _element = element.Name;
        _row = index;
    }

    public double ReadScalar(PlyScalarType type)
    {
        var token = Next();
        if (type.IsInteger())
        {
            if (AsciiTokenizer.TryParseInteger(token, out long integer))
                return integer;
        }
        else if (AsciiTokenizer.TryParseDouble(token, out double value))
            return value;
        throw context.Syntax(Location, $"expected {(type.IsInteger() ? "an integer" : "a number")}, found {AsciiTokenizer.Describe(token)}");
    }

    public void SkipScalar(PlyScalarType type) => Next();

    public int ReadListCount(PlyProperty list)
    {
        var token = Next();
        if (!AsciiTokenizer.TryParseInteger(token, out long count))
            throw context.Syntax(Location, $"expected the item count of list '{list.Name}', found {AsciiTokenizer.Describe(token)}");
        // Each item takes at least a digit and a separator (the file's last item may lack the separator).
        // Checked inline: the location string is built only for the error, not once per row.
        long left = data.Length - _tokens.Position + 1;
        if (count < 0 || count > left / 2)
            context.CheckCount(Location, count, 2, left, $"list '{list.Name}' item");
        return (int)count;
    }

    public void SkipItems(PlyScalarType itemType, int count)
    {
        for (int i = 0; i < count; i++)
            Next();
    }

    public void SkipElement(PlyElement element)
    {
        if (element.Properties.Count == 0)
            return;
        for (long row = 0; row < element.Count; row++)
        {
            BeginRow(element, row);
            foreach (var property in element.Properties)
            {
                if (property.IsList)
                    SkipItems(property.Type, ReadListCount(property));
                else
                    Next();
            }
        }
    }

    public void Finish()
    {
        if (!_tokens.AtEnd())
            context.Warn($"line {_tokens.Line}", "text after the last element ignored");
    }

    private ReadOnlySpan<byte> Next()
    {
        if (!_tokens.TryNext(out var token))
            throw context.Truncated(Location, "the file ends inside this row");
        return token;
    }
}
