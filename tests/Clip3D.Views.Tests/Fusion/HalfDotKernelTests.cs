using Clip3D.Views.Fusion;
using Xunit;

namespace Clip3D.Views.Tests.Fusion;

/// <summary>The SIMD inner loop of fused-point queries: exact half → float conversion and dot products.</summary>
public class HalfDotKernelTests
{
    [Fact]
    public void ConvertsEveryFiniteHalfExactly()
    {
        var halves = Enumerable.Range(0, 1 << 16).Select(b => BitConverter.UInt16BitsToHalf((ushort)b)).Where(Half.IsFinite).ToArray();
        var floats = new float[halves.Length];
        HalfDotKernel.ToSingle(halves, floats);
        for (int i = 0; i < halves.Length; i++)
            Assert.True(BitConverter.SingleToInt32Bits((float)halves[i]) == BitConverter.SingleToInt32Bits(floats[i]),
                $"half 0x{BitConverter.HalfToUInt16Bits(halves[i]):X4}: {(float)halves[i]} expected, {floats[i]} converted");
    }

    [Fact]
    public void ConvertsAnyLengthIncludingTheTail()
    {
        var random = new Random(4);
        for (int length = 0; length < 40; length++)
        {
            var halves = Enumerable.Range(0, length).Select(_ => (Half)(random.NextSingle() * 2 - 1)).ToArray();
            var floats = new float[length];
            HalfDotKernel.ToSingle(halves, floats);
            Assert.Equal(halves.Select(h => (float)h), floats);
        }
        Assert.Throws<ArgumentException>(() => HalfDotKernel.ToSingle(new Half[3], new float[4]));
    }

    [Fact]
    public void DotMatchesADoublePrecisionSumToRounding()
    {
        var random = new Random(5);
        foreach (int length in new[] { 0, 1, 7, 8, 9, 16, 23, 64, 384, 385, 512 })
        {
            var a = Enumerable.Range(0, length).Select(_ => random.NextSingle() * 2 - 1).ToArray();
            var b = Enumerable.Range(0, length).Select(_ => random.NextSingle() * 2 - 1).ToArray();
            double expected = 0, magnitude = 0;
            for (int i = 0; i < length; i++)
            {
                expected += (double)a[i] * b[i];
                magnitude += Math.Abs((double)a[i] * b[i]);
            }
            Assert.True(Math.Abs(HalfDotKernel.Dot(a, b) - expected) <= 1e-6 * magnitude + 1e-12, $"length {length}");
        }
        Assert.Throws<ArgumentException>(() => HalfDotKernel.Dot(new float[3], new float[4]));
    }
}
