// The fixture trains an LSTM and the server runs libtorch: its generator and thread pool are process-wide,
// so test classes run one after another (as in HnReply.Neural.Tests). The browser tests also measure nothing
// that another class running at once could disturb this way.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
