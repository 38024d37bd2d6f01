using Clip3D.Evaluation;
using Xunit;

namespace Clip3D.Tests.Evaluation;

public class LabelLocalisationTests
{
    [Fact]
    public void QueriesOfALabelAndItsSynonymsAreAveragedTogether()
    {
        var result = new LocalisationResult(0.5, 0.2, 0.3,
        [
            new LocalisationQuery("sofa", "sofa", true, 0.6, 0.1, "sofa_1"),
            new LocalisationQuery("couch", "sofa", false, 0.2, 0.1, "wall"),
            new LocalisationQuery("mug", "mug", true, 0.5, 0.01, "mug_1"),
        ]);
        var rows = LabelLocalisation.PerLabel(result);
        Assert.Equal(["sofa", "mug"], rows.Select(r => r.Label));
        Assert.Equal(new LabelLocalisation("sofa", 2, 0.5, 0.4, 0.1), rows[0] with { RegionIoU = Math.Round(rows[0].RegionIoU, 12) });
        Assert.Equal(new LabelLocalisation("mug", 1, 1.0, 0.5, 0.01), rows[1]);
        Assert.Empty(LabelLocalisation.PerLabel(new LocalisationResult(0, 0, 0, [])));
    }
}
