namespace Clip3D.Encoders.Default;

/// <summary>
/// CLIP's symmetric contrastive loss over one batch, with its gradient. Logits are <c>exp(s)·cos(uᵢ, vⱼ)</c> for
/// unit image vectors u and text vectors v; the loss is the mean of the image→text and text→image cross-entropies.
/// Pairs that share a label id (several pictures of one caption) are all positives of one another: the target of
/// a row is uniform over its same-label columns, instead of CLIP's one-hot diagonal, so that a picture is never
/// pushed away from its own caption's twin. Distinct labels on every pair give CLIP's loss exactly.
/// </summary>
internal static class ContrastiveLoss
{
    /// <summary>
    /// The loss of one batch; writes dL/du and dL/dv (row-major, like the inputs) and returns dL/ds in
    /// <paramref name="logitScaleGradient"/>. Softmaxes and sums run in double.
    /// </summary>
    public static double Compute(float[] images, float[] texts, int rows, int width, ReadOnlySpan<int> labels, float logitScale,
        float[] imageGradient, float[] textGradient, out double logitScaleGradient, int threads)
    {
        var cosines = new float[rows * rows];
        DenseKernels.ForRanges(rows, threads, (start, end) =>
        {
            for (int i = start; i < end; i++)
            {
                var u = images.AsSpan(i * width, width);
                for (int j = 0; j < rows; j++) cosines[i * rows + j] = DenseKernels.Dot(u, texts.AsSpan(j * width, width));
            }
        });

        // Positives of each row: the same label; positive counts are symmetric (i ~ j ⇔ j ~ i).
        var label = labels.ToArray();
        var positives = new int[rows];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < rows; j++)
                if (label[i] == label[j]) positives[i]++;

        double scale = Math.Exp(logitScale);
        var rowSoftmax = new double[rows * rows];
        var columnSoftmax = new double[rows * rows];
        var rowLoss = new double[rows];
        var columnLoss = new double[rows];
        DenseKernels.ForRanges(rows, threads, (start, end) =>
        {
            for (int i = start; i < end; i++)
                rowLoss[i] = SoftmaxCrossEntropy(cosines, i * rows, 1, rows, scale, label, i, positives[i], rowSoftmax);
        });
        DenseKernels.ForRanges(rows, threads, (start, end) =>
        {
            for (int j = start; j < end; j++)
                columnLoss[j] = SoftmaxCrossEntropy(cosines, j, rows, rows, scale, label, j, positives[j], columnSoftmax);
        });
        double loss = 0;
        for (int i = 0; i < rows; i++) loss += rowLoss[i] + columnLoss[i];
        loss /= 2.0 * rows;

        // dL/dlogit(i, j) = (rowSoftmax + columnSoftmax − 2·target) / 2n; dL/dcos = scale · that.
        var cosineGradient = new float[rows * rows];
        double scaleSum = 0;
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < rows; j++)
            {
                int k = i * rows + j;
                double target = label[i] == label[j] ? 1.0 / positives[i] : 0.0;
                double logitGradient = (rowSoftmax[k] + columnSoftmax[k] - 2 * target) / (2.0 * rows);
                scaleSum += logitGradient * cosines[k];
                cosineGradient[k] = (float)(scale * logitGradient);
            }
        }
        logitScaleGradient = scale * scaleSum; // d exp(s)/ds = exp(s)

        DenseKernels.ForRanges(rows, threads, (start, end) =>
        {
            for (int i = start; i < end; i++)
            {
                var g = imageGradient.AsSpan(i * width, width);
                g.Clear();
                for (int j = 0; j < rows; j++) DenseKernels.AddScaled(g, cosineGradient[i * rows + j], texts.AsSpan(j * width, width));
            }
        });
        DenseKernels.ForRanges(rows, threads, (start, end) =>
        {
            for (int j = start; j < end; j++)
            {
                var g = textGradient.AsSpan(j * width, width);
                g.Clear();
                for (int i = 0; i < rows; i++) DenseKernels.AddScaled(g, cosineGradient[i * rows + j], images.AsSpan(i * width, width));
            }
        });
        return loss;
    }

    /// <summary>
    /// Softmax of scale·cosines along one row or column (elements first, first + stride, …), stored in
    /// <paramref name="softmax"/> at the same places; returns the cross-entropy against the uniform target over
    /// the positives of <paramref name="anchor"/>.
    /// </summary>
    private static double SoftmaxCrossEntropy(float[] cosines, int first, int stride, int count, double scale, int[] label,
        int anchor, int positives, double[] softmax)
    {
        double max = double.NegativeInfinity;
        for (int k = 0; k < count; k++) max = Math.Max(max, scale * cosines[first + k * stride]);
        double sum = 0;
        for (int k = 0; k < count; k++)
        {
            int index = first + k * stride;
            double exponential = Math.Exp(scale * cosines[index] - max);
            softmax[index] = exponential;
            sum += exponential;
        }
        double logSum = max + Math.Log(sum);
        double inverseSum = 1 / sum;
        double crossEntropy = 0;
        for (int k = 0; k < count; k++)
        {
            int index = first + k * stride;
            softmax[index] *= inverseSum;
            if (label[k] == label[anchor]) crossEntropy -= (scale * cosines[index] - logSum) / positives;
        }
        return crossEntropy;
    }
}
