using System.CommandLine;
using HnReply.Text;
using System.Globalization;
using System.Text.Json.Nodes;
using HnReply.Cli.Output;
using HnReply.Word2Vec;

namespace HnReply.Cli.Commands;

/// <summary>
/// <c>hnreply train word2vec --out DIR</c>: word vectors from the store's train split (cleaned
/// comments, lower-cased, split on white space) or from <c>--train FILE</c>. With <c>--tokenizer
/// whitespace</c> a file is read byte for byte as the C tool reads it, so both tools see the same words.
/// </summary>
internal static class TrainWord2VecCommand
{
    private enum Tokenizer { Word, Lowercase, Whitespace }

    // The HN word tokenizer (lower-cased) by default, so the vectors' words are the language models'
    // words and --init-embeddings finds them; the other two read text as word2vec.c does.
    private static readonly Option<Tokenizer> TokenizerOption = new("--tokenizer")
    {
        Description = "word: HnReply's word tokenizer, lower-cased (the LSTM's words); lowercase: lower-case, then split on white space; whitespace: split on white space only, exactly as word2vec.c",
        DefaultValueFactory = _ => Tokenizer.Word,
    };
    private static readonly Option<bool> TextVectors = new("--text-vectors") { Description = "Also write vectors.txt (word2vec text format, fastText .vec)" };

    public static Command Create()
    {
        var command = new Command("word2vec", "Word vectors by skip-gram or CBOW with negative sampling or hierarchical softmax (word2vec.c's flags)")
        {
            TrainCommand.Out, TokenizerOption, TextVectors,
        };
        Word2VecFlags.AddTo(command);
        TrainingData.AddTo(command);
        CommandAction.Set(command, async (parse, cancellationToken) =>
        {
            var options = Word2VecFlags.Read(parse);
            var tokenizer = parse.GetValue(TokenizerOption);
            await Console.Error.WriteLineAsync($"word2vec {options.ToCommandLine()} (tokenizer {Name(tokenizer)}, seed {options.Seed})").ConfigureAwait(false);
            var (corpus, source) = ReadCorpus(parse, tokenizer, options.MinCount);
            await Console.Error.WriteLineAsync($"{source}: {corpus.WordsRead:N0} words, {corpus.Vocabulary.Count:N0} in the vocabulary (min-count {options.MinCount}), {corpus.Vocabulary.TotalCount:N0} to train on").ConfigureAwait(false);
            var trainer = new Word2VecTrainer(options);
            var result = await ProgressDisplay.RunAsync("word2vec", "words", progress =>
                Task.Run(() => trainer.Train(corpus, new Progress(progress), cancellationToken), cancellationToken)).ConfigureAwait(false);
            string directory = parse.GetValue(TrainCommand.Out)!;
            var tokenizerJson = new JsonObject
            {
                ["name"] = tokenizer == Tokenizer.Word ? "word" : "whitespace-c",
                ["lowercase"] = tokenizer != Tokenizer.Whitespace,
                ["max_word_bytes"] = WhitespaceWordReader.MaxWordBytes,
                ["end_of_sentence"] = WhitespaceWordReader.EndOfSentence,
            };
            Word2VecModel.Save(directory, result, options, corpus, tokenizerJson, new JsonObject { ["source"] = source }, parse.GetValue(TextVectors));
            Report(parse, directory, corpus, result);
            return 0;
        });
        return command;
    }

    private static string Name(Tokenizer tokenizer) => tokenizer.ToString().ToLowerInvariant();

    private static (Word2VecCorpus Corpus, string Source) ReadCorpus(ParseResult parse, Tokenizer tokenizer, int minCount)
    {
        if (parse.GetValue(TrainingData.TrainFile) is { } file)
        {
            var encoding = parse.GetValue(TrainingData.Encoding);
            // word2vec.c's reader takes UTF-8 bytes as they are: check them first, as the other readers do while reading.
            if (tokenizer == Tokenizer.Whitespace && encoding == TextFileEncoding.Utf8) PlainTextFile.Validate(file);
            var corpus = tokenizer switch
            {
                Tokenizer.Whitespace when encoding == TextFileEncoding.Utf8 => Word2VecCorpus.ReadFile(file, minCount),
                Tokenizer.Whitespace => Word2VecCorpus.FromDocuments(PlainTextFile.ReadLines(file, encoding), lowercase: false, minCount),
                Tokenizer.Lowercase => Word2VecCorpus.FromDocuments(PlainTextFile.ReadLines(file, encoding), lowercase: true, minCount),
                _ => Word2VecCorpus.FromDocuments(WordTokens(PlainTextFile.ReadLines(file, encoding)), lowercase: false, minCount),
            };
            return (corpus, file);
        }
        var data = TrainingData.Read(parse);
        var documents = tokenizer == Tokenizer.Word ? WordTokens(data.Train) : data.Train;
        return (Word2VecCorpus.FromDocuments(documents, tokenizer == Tokenizer.Lowercase, minCount), data.Source);
    }

    // Word tokens never hold white space, so joined by spaces they pass through word2vec.c's reader unchanged.
    private static IEnumerable<string> WordTokens(IEnumerable<string> documents)
    {
        var words = Tokenizers.Create(new TokenizerOptions { Kind = TokenizerKind.Word, Lowercase = true });
        return documents.Select(d => string.Join(' ', words.Tokenize(d)));
    }

    private static void Report(ParseResult parse, string directory, Word2VecCorpus corpus, Word2VecResult result)
    {
        if (parse.GetValue(GlobalOptions.Json))
        {
            JsonOutput.Write(new
            {
                model = directory,
                kind = "word2vec",
                vocabulary_size = corpus.Vocabulary.Count,
                words = corpus.Vocabulary.TotalCount,
                words_per_sec = Math.Round(result.WordsPerSecond),
                seconds = Math.Round(result.Elapsed.TotalSeconds, 3),
                loss = double.IsFinite(result.FinalLoss) ? result.FinalLoss : (double?)null,
                epochs = result.Epochs.Select(e => new { epoch = e.Epoch, loss = double.IsFinite(e.Loss) ? e.Loss : (double?)null, lr = e.Alpha, seconds = Math.Round(e.Elapsed.TotalSeconds, 3) }),
            });
            return;
        }
        string losses = string.Join(", ", result.Epochs.Select(e => e.Loss.ToString("F4", CultureInfo.InvariantCulture)));
        Console.Out.WriteLine($"trained {result.WordsTrained:N0} words in {result.Elapsed.TotalSeconds:F1} s = {result.WordsPerSecond:N0} words/s " +
                              $"({result.WordsPerSecond / result.Threads:N0} per thread); loss per pass: {losses}");
        Console.Out.WriteLine($"wrote {directory} ({corpus.Vocabulary.Count:N0} words × {result.Vectors.Dimensions})");
    }

    private sealed class Progress(IProgress<ProgressReading> display) : IProgress<Word2VecProgress>
    {
        public void Report(Word2VecProgress value) => display.Report(new ProgressReading(value.Words, value.TotalWords,
            string.Create(CultureInfo.InvariantCulture, $"pass {value.Epoch}, loss {value.Loss:F4}, lr {value.Alpha:F6}, {value.WordsPerSecondPerThread:N0} words/s/thread")));
    }
}
