using System.Numerics;
using System.Text;

namespace Clip3D.Mesh.Formats;

/// <summary>
/// ASCII STL: <c>solid name</c>, facets of <c>facet normal nx ny nz</c> / <c>outer loop</c> / <c>vertex x y z</c>… /
/// <c>endloop</c> / <c>endfacet</c>, then <c>endsolid</c>; a file may hold several solids, each becoming a part
/// named after its solid. Keywords are case-insensitive and tokens may be split by any whitespace. Tolerated:
/// a facet without <c>normal</c>, a missing <c>endsolid</c> at the end of the file (warning), and a facet with
/// more than three vertices, which is triangulated as a fan (as a convex polygon). Empty solids are skipped
/// with a warning.
/// </summary>
internal static class StlAsciiReader
{
    /// <summary>Reads every solid of an ASCII STL file.</summary>
    /// <exception cref="MeshSyntaxException">A keyword or number is wrong; the message names the line.</exception>
    /// <exception cref="MeshTruncatedException">The file ends inside a facet.</exception>
    public static IReadOnlyList<PartBuilder> Read(ReadContext context, byte[] data)
    {
        int start = data.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        var reader = new Reader(context, new AsciiTokenizer(data, start, 1));
        var solids = new List<(PartBuilder Part, bool Named)>();
        while (reader.Tokens.TryNext(out var token))
        {
            if (!Ascii.EqualsIgnoreCase(token, "solid"u8))
                throw context.Syntax($"line {reader.Tokens.Line}", $"expected 'solid', found {AsciiTokenizer.Describe(token)}");
            var solid = reader.ReadSolid();
            if (solid.Part is not null)
                solids.Add((solid.Part, solid.Named));
        }

        // Unnamed solids take the file's name, numbered when there are several of them.
        int unnamed = solids.Count(s => !s.Named);
        int number = 0;
        var fileName = StlReader.DefaultPartName(context);
        foreach (var (part, named) in solids)
            if (!named)
                part.Name = unnamed > 1 ? $"{fileName}_{++number}" : fileName;
        return solids.Select(s => s.Part).ToList();
    }

    private sealed class Reader(ReadContext context, AsciiTokenizer tokens)
    {
        public AsciiTokenizer Tokens = tokens;
        private readonly List<Vector3> _loop = [];

        /// <summary>Reads after the <c>solid</c> keyword up to and including <c>endsolid</c>; null for an empty solid.</summary>
        public (PartBuilder? Part, bool Named) ReadSolid()
        {
            int solidLine = Tokens.Line;
            var name = Encoding.UTF8.GetString(Tokens.RestOfLine());
            var part = new PartBuilder(name, PartKind.Surface);
            bool anyNormal = false;
            while (true)
            {
                if (!Tokens.TryNext(out var token))
                {
                    context.Warn($"line {Tokens.Line}", $"the file ends without 'endsolid' for the solid of line {solidLine}");
                    break;
                }
                if (Ascii.EqualsIgnoreCase(token, "endsolid"u8))
                {
                    Tokens.RestOfLine(); // the solid's name again, or nothing
                    break;
                }
                if (!Ascii.EqualsIgnoreCase(token, "facet"u8))
                    throw context.Syntax($"line {Tokens.Line}", $"expected 'facet' or 'endsolid', found {AsciiTokenizer.Describe(token)}");
                anyNormal |= ReadFacet(part);
            }

            string label = name.Length > 0 ? $"solid '{name}'" : "solid";
            if (part.Indices.Count == 0)
            {
                context.Warn($"line {solidLine}", $"{label} has no facets; skipped");
                return (null, false);
            }
            if (!anyNormal)
                part.Normals.Clear();
            part.Materials.Add(StlReader.MaterialFor(hasColors: false));
            return (part, name.Length > 0);
        }

        /// <summary>Reads after the <c>facet</c> keyword up to and including <c>endfacet</c>; true when its normal is usable.</summary>
        private bool ReadFacet(PartBuilder part)
        {
            int facetLine = Tokens.Line;
            var normal = Vector3.Zero;
            var token = Next("'normal' or 'outer'");
            if (Ascii.EqualsIgnoreCase(token, "normal"u8))
            {
                normal = ReadVector("facet normal");
                token = Next("'outer'");
            }
            Expect(token, "outer"u8);
            Expect(Next("'loop'"), "loop"u8);

            _loop.Clear();
            while (true)
            {
                token = Next("'vertex' or 'endloop'");
                if (Ascii.EqualsIgnoreCase(token, "endloop"u8))
                    break;
                if (!Ascii.EqualsIgnoreCase(token, "vertex"u8))
                    throw context.Syntax($"line {Tokens.Line}", $"expected 'vertex' or 'endloop', found {AsciiTokenizer.Describe(token)}");
                _loop.Add(ReadVector("vertex"));
            }
            Expect(Next("'endfacet'"), "endfacet"u8);
            if (_loop.Count < 3)
                throw context.Syntax($"line {facetLine}", $"the facet has {_loop.Count} vertices; a facet needs 3");

            var stored = StlReader.UsableNormal(normal, out bool usable);
            int first = part.Positions.Count;
            foreach (var p in _loop)
            {
                part.Positions.Add(p);
                part.Normals.Add(stored);
            }
            // A polygon facet (some writers emit quads) becomes a fan around its first vertex.
            for (int k = 1; k + 1 < _loop.Count; k++)
            {
                part.Indices.Add(first);
                part.Indices.Add(first + k);
                part.Indices.Add(first + k + 1);
            }
            return usable;
        }

        private Vector3 ReadVector(string what) => new(ReadNumber(what), ReadNumber(what), ReadNumber(what));

        private float ReadNumber(string what)
        {
            var token = Next($"a number of '{what}'");
            if (!AsciiTokenizer.TryParseDouble(token, out double value))
                throw context.Syntax($"line {Tokens.Line}", $"expected a number in '{what}', found {AsciiTokenizer.Describe(token)}");
            return (float)value;
        }

        private ReadOnlySpan<byte> Next(string expected)
        {
            if (!Tokens.TryNext(out var token))
                throw context.Truncated($"line {Tokens.Line}", $"the file ends inside a facet (expected {expected})");
            return token;
        }

        private void Expect(ReadOnlySpan<byte> token, ReadOnlySpan<byte> keyword)
        {
            if (!Ascii.EqualsIgnoreCase(token, keyword))
                throw context.Syntax($"line {Tokens.Line}",
                    $"expected '{Encoding.ASCII.GetString(keyword)}', found {AsciiTokenizer.Describe(token)}");
        }
    }
}
