namespace HnReply.Corpus;

/// <summary>The layout of a dump file: JSON lines of API items, or a BigQuery CSV export.</summary>
public enum ItemFileFormat { Auto, Jsonl, Csv }
