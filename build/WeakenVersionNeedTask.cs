// MSBuild task around ElfVersionNeeds. RoslynCodeTaskFactory accepts a single source, so
// build/LibTorchSharp.targets hands it ElfVersionNeeds.cs with this file appended: that is why this
// file has no using directives and no namespace of its own (it lands in HnReply.Build), and why the
// rules on characters stated at the top of ElfVersionNeeds.cs apply here too.
public sealed class WeakenVersionNeed : Microsoft.Build.Utilities.Task
{
    // Shared libraries to patch; each is left alone unless it requires Version without the weak flag.
    [Microsoft.Build.Framework.Required]
    public Microsoft.Build.Framework.ITaskItem[] Files { get; set; }

    // The vna_name to mark weak, such as GLIBCXX_3.4.32.
    [Microsoft.Build.Framework.Required]
    public string Version { get; set; }

    public override bool Execute()
    {
        foreach (var file in Files)
        {
            var path = file.GetMetadata("FullPath");
            try
            {
                switch (ElfVersionNeeds.MarkWeak(path, Version))
                {
                    case ElfPatchResult.Patched:
                        Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Normal,
                            "Marked version {0} weak in {1}.", Version, path);
                        break;
                    case ElfPatchResult.AlreadyPatched:
                        Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Low,
                            "Version {0} is already weak in {1}.", Version, path);
                        break;
                    case ElfPatchResult.VersionNotReferenced:
                        Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Low,
                            "{1} does not require version {0}; left as is.", Version, path);
                        break;
                    default:
                        Log.LogWarning("{0} is not an ELF64 little-endian library; left as is.", path);
                        break;
                }
            }
            catch (System.Exception e) when (e is System.IO.IOException || e is System.UnauthorizedAccessException)
            {
                Log.LogError("Could not mark version {0} weak in {1}: {2}", Version, path, e.Message);
            }
        }
        return !Log.HasLoggedErrors;
    }
}
