using System.CommandLine;
using Clip3D.Views.Encoders;

namespace Clip3D.Cli.Commands;

/// <summary>
/// <c>clip3d tokenize [--vocab PATH] TEXT…</c>: CLIP token ids of each text (start and end tokens included, cut to
/// 77 tokens, no padding), one line per text, space-separated.
/// </summary>
internal static class TokenizeCommand
{
    public static Command Create(CliOutput io)
    {
        var texts = new Argument<string[]>("TEXT") { Description = "Texts to tokenise; one line of ids each.", Arity = ArgumentArity.OneOrMore };
        var vocab = new Option<string?>("--vocab")
        {
            HelpName = "PATH",
            Description = "CLIP vocabulary: a folder with vocab.json + merges.txt or tokenizer.json, a tokenizer.json, " +
                          "or bpe_simple_vocab_16e6.txt.gz; default the built-in copy of openai's.",
        };
        var command = new Command("tokenize", "Print CLIP token ids of texts (one line per text, without padding).") { texts, vocab };
        command.SetAction(result =>
        {
            var tokenizer = Open(result.GetValue(vocab));
            foreach (var text in result.GetValue(texts)!)
                io.Out.WriteLine(string.Join(' ', tokenizer.Encode(text)));
            return CliApp.ExitOk;
        });
        return command;
    }

    private static ClipTokenizer Open(string? path)
    {
        if (path is null) return ClipTokenizer.Default;
        try
        {
            return ClipTokenizer.Load(path);
        }
        catch (TokenizerFileException e)
        {
            throw new CliInputException($"--vocab: {e.Message}");
        }
    }
}
