// libtorch's random generator and thread pool are process-wide: samples that seed them must not run at once.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
