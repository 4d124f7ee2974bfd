// libtorch's random generator and its thread pool are process-wide: two test classes running at once
// would reseed each other's generator and oversubscribe the cores, so seeded tests could differ from
// run to run. Every class in this assembly touches libtorch or its native library, so all of them run
// one after another, as one non-parallel collection.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
