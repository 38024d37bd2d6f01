namespace Clip3D.Fields.Compression;

/// <summary>
/// Eigen-decomposition of a real symmetric matrix in double precision: Householder reduction to tridiagonal form,
/// then the implicit QL algorithm (tred2/tql2, as in EISPACK and JAMA). Deterministic; O(n³).
/// </summary>
internal static class SymmetricEigen
{
    /// <summary>
    /// Eigenvalues in descending order and the matching unit eigenvectors as rows (<c>vectors[k·n + i]</c>) of the
    /// symmetric n×n matrix <paramref name="matrix"/> (row-major; only read).
    /// </summary>
    public static (double[] Values, double[] Vectors) Decompose(double[] matrix, int n)
    {
        if (matrix.Length != n * n)
            throw new ArgumentException($"expected {n}×{n} values, got {matrix.Length}", nameof(matrix));
        var v = new double[n][];
        for (var i = 0; i < n; i++)
            v[i] = matrix.AsSpan(i * n, n).ToArray();
        var d = new double[n];
        var e = new double[n];
        if (n > 0)
        {
            Tridiagonalize(v, d, e, n);
            DiagonalizeQl(v, d, e, n);
        }
        var order = Enumerable.Range(0, n).OrderByDescending(k => d[k]).ThenBy(k => k).ToArray();
        var values = new double[n];
        var vectors = new double[n * n];
        for (var r = 0; r < n; r++)
        {
            var k = order[r];
            values[r] = d[k];
            for (var i = 0; i < n; i++)
                vectors[r * n + i] = v[i][k];
        }
        return (values, vectors);
    }

    private static void Tridiagonalize(double[][] v, double[] d, double[] e, int n)
    {
        for (var j = 0; j < n; j++)
            d[j] = v[n - 1][j];
        for (var i = n - 1; i > 0; i--)
        {
            double scale = 0, h = 0;
            for (var k = 0; k < i; k++)
                scale += Math.Abs(d[k]);
            if (scale == 0)
            {
                e[i] = d[i - 1];
                for (var j = 0; j < i; j++)
                {
                    d[j] = v[i - 1][j];
                    v[i][j] = 0;
                    v[j][i] = 0;
                }
            }
            else
            {
                for (var k = 0; k < i; k++)
                {
                    d[k] /= scale;
                    h += d[k] * d[k];
                }
                var f = d[i - 1];
                var g = Math.Sqrt(h);
                if (f > 0)
                    g = -g;
                e[i] = scale * g;
                h -= f * g;
                d[i - 1] = f - g;
                for (var j = 0; j < i; j++)
                    e[j] = 0;
                for (var j = 0; j < i; j++)
                {
                    f = d[j];
                    v[j][i] = f;
                    g = e[j] + v[j][j] * f;
                    for (var k = j + 1; k <= i - 1; k++)
                    {
                        g += v[k][j] * d[k];
                        e[k] += v[k][j] * f;
                    }
                    e[j] = g;
                }
                f = 0;
                for (var j = 0; j < i; j++)
                {
                    e[j] /= h;
                    f += e[j] * d[j];
                }
                var hh = f / (h + h);
                for (var j = 0; j < i; j++)
                    e[j] -= hh * d[j];
                for (var j = 0; j < i; j++)
                {
                    f = d[j];
                    g = e[j];
                    for (var k = j; k <= i - 1; k++)
                        v[k][j] -= f * e[k] + g * d[k];
                    d[j] = v[i - 1][j];
                    v[i][j] = 0;
                }
            }
            d[i] = h;
        }
        for (var i = 0; i < n - 1; i++)
        {
            v[n - 1][i] = v[i][i];
            v[i][i] = 1;
            var h = d[i + 1];
            if (h != 0)
            {
                for (var k = 0; k <= i; k++)
                    d[k] = v[k][i + 1] / h;
                for (var j = 0; j <= i; j++)
                {
                    double g = 0;
                    for (var k = 0; k <= i; k++)
                        g += v[k][i + 1] * v[k][j];
                    for (var k = 0; k <= i; k++)
                        v[k][j] -= g * d[k];
                }
            }
            for (var k = 0; k <= i; k++)
                v[k][i + 1] = 0;
        }
        for (var j = 0; j < n; j++)
        {
            d[j] = v[n - 1][j];
            v[n - 1][j] = 0;
        }
        v[n - 1][n - 1] = 1;
        e[0] = 0;
    }

    private static void DiagonalizeQl(double[][] v, double[] d, double[] e, int n)
    {
        for (var i = 1; i < n; i++)
            e[i - 1] = e[i];
        e[n - 1] = 0;
        double f = 0, tst1 = 0;
        var eps = Math.Pow(2, -52);
        for (var l = 0; l < n; l++)
        {
            tst1 = Math.Max(tst1, Math.Abs(d[l]) + Math.Abs(e[l]));
            var m = l;
            while (m < n)
            {
                if (Math.Abs(e[m]) <= eps * tst1)
                    break;
                m++;
            }
            if (m == n)
                m = n - 1;
            if (m > l)
            {
                var iterations = 0;
                do
                {
                    if (++iterations > 200)
                        throw new InvalidOperationException("the eigen-decomposition did not converge");
                    var g = d[l];
                    var p = (d[l + 1] - g) / (2 * e[l]);
                    var r = Hypot(p, 1);
                    if (p < 0)
                        r = -r;
                    d[l] = e[l] / (p + r);
                    d[l + 1] = e[l] * (p + r);
                    var dl1 = d[l + 1];
                    var h = g - d[l];
                    for (var i = l + 2; i < n; i++)
                        d[i] -= h;
                    f += h;
                    p = d[m];
                    double c = 1, c2 = c, c3 = c, s = 0, s2 = 0;
                    var el1 = e[l + 1];
                    for (var i = m - 1; i >= l; i--)
                    {
                        c3 = c2;
                        c2 = c;
                        s2 = s;
                        g = c * e[i];
                        h = c * p;
                        r = Hypot(p, e[i]);
                        e[i + 1] = s * r;
                        s = e[i] / r;
                        c = p / r;
                        p = c * d[i] - s * g;
                        d[i + 1] = h + s * (c * g + s * d[i]);
                        for (var k = 0; k < n; k++)
                        {
                            h = v[k][i + 1];
                            v[k][i + 1] = s * v[k][i] + c * h;
                            v[k][i] = c * v[k][i] - s * h;
                        }
                    }
                    p = -s * s2 * c3 * el1 * e[l] / dl1;
                    e[l] = s * p;
                    d[l] = c * p;
                }
                while (Math.Abs(e[l]) > eps * tst1);
            }
            d[l] += f;
            e[l] = 0;
        }
    }

    private static double Hypot(double a, double b)
    {
        double x = Math.Abs(a), y = Math.Abs(b);
        if (x < y)
            (x, y) = (y, x);
        if (x == 0)
            return 0;
        var t = y / x;
        return x * Math.Sqrt(1 + t * t);
    }
}
