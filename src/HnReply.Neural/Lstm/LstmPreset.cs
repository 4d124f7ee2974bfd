namespace HnReply.Neural.Lstm;

public enum LstmPreset { None, Small, Medium, Large }
