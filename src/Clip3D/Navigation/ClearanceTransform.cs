namespace Clip3D.Navigation;

/// <summary>
/// Clearance of every free cell: an exact Euclidean distance transform (Felzenszwalb and Huttenlocher's lower envelope of
/// parabolas, one pass along rows then one along columns, linear in the cells) to the nearest cell that is not free,
/// with a ring of such cells around the map, since nothing is known beyond it.
/// </summary>
internal static class ClearanceTransform
{
    /// <summary>
    /// Per cell, centre distance to the nearest blocked cell's centre less half a cell's diagonal, in metres (a lower bound
    /// of the distance to that cell's square, whichever side or corner is nearest); 0 where not free.
    /// </summary>
    public static float[] Compute(CellState[] cells, int width, int height, float resolution)
    {
        // Padded by one blocked cell on every side.
        int pw = width + 2, ph = height + 2;
        // Larger than any squared distance on the map (every row and column has a blocked cell at its ends), and small
        // enough that sums of it stay exact in a double.
        double Far = (double)(pw + ph) * (pw + ph);
        var d = new double[pw * ph];
        for (int r = 0; r < ph; r++)
            for (int c = 0; c < pw; c++)
            {
                bool inside = r > 0 && c > 0 && r <= height && c <= width;
                bool free = inside && cells[(r - 1) * width + (c - 1)] == CellState.Free;
                d[r * pw + c] = free ? Far : 0;
            }
        var line = new double[Math.Max(pw, ph)];
        var output = new double[line.Length];
        var v = new int[line.Length];
        var z = new double[line.Length + 1];
        for (int r = 0; r < ph; r++)
        {
            for (int c = 0; c < pw; c++) line[c] = d[r * pw + c];
            Transform1D(line, pw, output, v, z);
            for (int c = 0; c < pw; c++) d[r * pw + c] = output[c];
        }
        for (int c = 0; c < pw; c++)
        {
            for (int r = 0; r < ph; r++) line[r] = d[r * pw + c];
            Transform1D(line, ph, output, v, z);
            for (int r = 0; r < ph; r++) d[r * pw + c] = output[r];
        }
        var clearance = new float[width * height];
        for (int r = 0; r < height; r++)
            for (int c = 0; c < width; c++)
            {
                if (cells[r * width + c] != CellState.Free) continue;
                double cellsAway = Math.Sqrt(d[(r + 1) * pw + (c + 1)]);
                clearance[r * width + c] = (float)Math.Max(0, (cellsAway - Math.Sqrt(0.5)) * resolution);
            }
        return clearance;
    }

    /// <summary>Squared distance transform of one line of squared distances <paramref name="f"/> (0 at blocked cells).</summary>
    private static void Transform1D(double[] f, int n, double[] output, int[] v, double[] z)
    {
        int k = 0;
        v[0] = 0;
        z[0] = double.NegativeInfinity;
        z[1] = double.PositiveInfinity;
        for (int q = 1; q < n; q++)
        {
            double s = Intersection(f, q, v[k]);
            while (s <= z[k])
            {
                k--;
                s = Intersection(f, q, v[k]);
            }
            k++;
            v[k] = q;
            z[k] = s;
            z[k + 1] = double.PositiveInfinity;
        }
        k = 0;
        for (int q = 0; q < n; q++)
        {
            while (z[k + 1] < q) k++;
            double dq = q - v[k];
            output[q] = dq * dq + f[v[k]];
        }
    }

    private static double Intersection(double[] f, int q, int p) => ((f[q] + (double)q * q) - (f[p] + (double)p * p)) / (2.0 * (q - p));
}
