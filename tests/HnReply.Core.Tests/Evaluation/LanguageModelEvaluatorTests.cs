using HnReply.Core.Tests.Prediction;
using HnReply.Evaluation;
using HnReply.Text;

namespace HnReply.Core.Tests.Evaluation;

public class LanguageModelEvaluatorTests
{
    [Fact]
    public void Evaluate_BigramOnOneDocument_MatchesHandComputedPerplexity()
    {
        // Given "a b" twice: vocabulary = 4 specials + a, b → 4 outcomes (<unk>, </s>, a, b)
        var model = new AddOneBigramModel(["a b", "a b"]);

        var report = new LanguageModelEvaluator(model).Evaluate(["a b"]);

        // p(a|<s>) = (2+1)/(2+4), p(b|a) = 3/6, p(</s>|b) = 3/6
        Assert.Equal(3, report.Tokens);
        Assert.Equal(2.0, report.Perplexity, 6);
        Assert.Equal(3 * 1.0 / 4, report.BitsPerCharacter, 6); // 3 bits over "a b" + end = 4 characters
        Assert.Equal(1.0, report.Top1);
    }

    [Fact]
    public void Evaluate_UnknownWord_IsScoredAsUnk()
    {
        var model = new AddOneBigramModel(["a b"]);

        var report = new LanguageModelEvaluator(model).Evaluate(["zebra"]);

        double pUnk = 1.0 / (1 + 4), pEnd = 1.0 / (0 + 4);
        Assert.Equal(2, report.Tokens);
        Assert.Equal(Math.Exp(-(Math.Log(pUnk) + Math.Log(pEnd)) / 2), report.Perplexity, 6); // float probabilities
    }

    [Fact]
    public void Evaluate_PredictableText_SavesKeystrokes()
    {
        var model = new AddOneBigramModel(Enumerable.Repeat("alpha beta gamma delta", 5), TokenizerKind.Word);

        var report = new LanguageModelEvaluator(model).Evaluate(["alpha beta gamma delta"]);

        Assert.Equal(4, report.KeystrokeWords);
        // every word is the top suggestion before its first letter: 1 keystroke + space per word
        Assert.Equal((23 - 8) / 23.0, report.KeystrokeSavings, 9); // 19 letters + 4 spaces
    }
}
