using Clip3D.Views.Fusion;
using Xunit;

namespace Clip3D.Views.Tests.Fusion;

/// <summary>The SIMD inner loop of fused-point queries: dot products of half features without converting them.</summary>
public class HalfDotKernelTests
{
    [Fact]
    public void EveryFiniteHalfGivesItsValueExactly()
    {
        // A basis vector picks one value out of a feature: through the SIMD steps (16 values) and the scalar tail (1 value).
        var halves = Enumerable.Range(0, 1 << 16).Select(b => BitConverter.UInt16BitsToHalf((ushort)b)).Where(Half.IsFinite).ToArray();
        var basis = Enumerable.Range(0, 16).Select(j => HalfDotKernel.Prepare(Enumerable.Range(0, 16).Select(i => i == j ? 1f : 0f).ToArray())).ToArray();
        var picked = new float[16];
        for (int start = 0; start + 16 <= halves.Length; start += 16)
        {
            var feature = halves.AsSpan(start, 16);
            HalfDotKernel.Dots(feature, basis, picked);
            for (int j = 0; j < 16; j++)
                Assert.True((float)feature[j] == picked[j], $"half 0x{BitConverter.HalfToUInt16Bits(feature[j]):X4}: {(float)feature[j]} expected, {picked[j]} found");
        }
        var one = HalfDotKernel.Prepare([1f]);
        foreach (var h in halves) // == so that −0 (a sum starting at +0) counts as 0
            Assert.True((float)h == HalfDotKernel.Dot([h], one), $"half 0x{BitConverter.HalfToUInt16Bits(h):X4}");
    }

    [Fact]
    public void DotsMatchADoublePrecisionSumAndDoNotDependOnTheirCompany()
    {
        var random = new Random(6);
        foreach (int length in new[] { 0, 1, 5, 16, 17, 384, 389 })
            for (int count = 0; count <= 9; count++)
            {
                var feature = Enumerable.Range(0, length).Select(_ => (Half)(random.NextSingle() * 2 - 1)).ToArray();
                var vectors = Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, length).Select(_ => random.NextSingle() * 2 - 1).ToArray()).ToArray();
                var dots = new float[count];
                HalfDotKernel.Dots(feature, vectors.Select(v => HalfDotKernel.Prepare(v)).ToArray(), dots);
                for (int j = 0; j < count; j++)
                {
                    double expected = 0, magnitude = 0;
                    for (int i = 0; i < length; i++)
                    {
                        expected += (double)(float)feature[i] * vectors[j][i];
                        magnitude += Math.Abs((double)(float)feature[i] * vectors[j][i]);
                    }
                    Assert.True(Math.Abs(dots[j] - expected) <= 1e-6 * magnitude + 1e-12, $"length {length}, vector {j} of {count}: {dots[j]} vs {expected}");
                    // Alone or in a group of four: the same number.
                    Assert.Equal(BitConverter.SingleToInt32Bits(HalfDotKernel.Dot(feature, HalfDotKernel.Prepare(vectors[j]))), BitConverter.SingleToInt32Bits(dots[j]));
                }
            }
        Assert.Throws<ArgumentException>(() => HalfDotKernel.Dot(new Half[3], new float[4]));
        Assert.Throws<ArgumentException>(() => HalfDotKernel.Dots(new Half[3], [new float[4]], new float[1]));
        Assert.Throws<ArgumentException>(() => HalfDotKernel.Dots(new Half[3], [new float[3]], new float[2]));
    }
}
