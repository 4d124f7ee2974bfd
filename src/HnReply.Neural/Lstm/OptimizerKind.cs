namespace HnReply.Neural.Lstm;

public enum OptimizerKind { Sgd, AdamW }
