#!/usr/bin/env python3
"""Makes clip-tokenizer-reference.json: CLIP token ids for the texts in clip-tokenizer-corpus.txt.

The ids come from openai/CLIP's SimpleTokenizer (clip/simple_tokenizer.py, MIT) as restated below, with one change:
ftfy.fix_text (not installed here) is replaced by its last step, NFC composition, applied after the HTML
unescaping -- the behaviour ClipTokenizer documents. It needs Python 3 and the `regex` module, nothing else:

    python3 clip_tokenizer_reference.py PATH/TO/bpe_simple_vocab_16e6.txt.gz

Ids are written in full (no context limit); the tests apply CLIP's truncation themselves.
"""
import gzip
import html
import json
import os
import sys
import unicodedata

import regex as re


def bytes_to_unicode():
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(2 ** 8):
        if b not in bs:
            bs.append(b)
            cs.append(2 ** 8 + n)
            n += 1
    return dict(zip(bs, [chr(n) for n in cs]))


def get_pairs(word):
    return {(word[i], word[i + 1]) for i in range(len(word) - 1)}


def basic_clean(text):
    text = html.unescape(html.unescape(text))
    text = unicodedata.normalize("NFC", text)  # stands in for ftfy.fix_text (see the module docstring)
    return text.strip()


def whitespace_clean(text):
    text = re.sub(r"\s+", " ", text)
    return text.strip()


class SimpleTokenizer:
    def __init__(self, bpe_path):
        self.byte_encoder = bytes_to_unicode()
        merges = gzip.open(bpe_path).read().decode("utf-8").split("\n")
        merges = merges[1:49152 - 256 - 2 + 1]
        merges = [tuple(merge.split()) for merge in merges]
        vocab = list(bytes_to_unicode().values())
        vocab = vocab + [v + "</w>" for v in vocab]
        for merge in merges:
            vocab.append("".join(merge))
        vocab.extend(["<|startoftext|>", "<|endoftext|>"])
        self.encoder = dict(zip(vocab, range(len(vocab))))
        self.bpe_ranks = dict(zip(merges, range(len(merges))))
        self.cache = {"<|startoftext|>": "<|startoftext|>", "<|endoftext|>": "<|endoftext|>"}
        self.pat = re.compile(r"""<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+""", re.IGNORECASE)

    def bpe(self, token):
        if token in self.cache:
            return self.cache[token]
        word = tuple(token[:-1]) + (token[-1] + "</w>",)
        pairs = get_pairs(word)
        if not pairs:
            return token + "</w>"
        while True:
            bigram = min(pairs, key=lambda pair: self.bpe_ranks.get(pair, float("inf")))
            if bigram not in self.bpe_ranks:
                break
            first, second = bigram
            new_word = []
            i = 0
            while i < len(word):
                try:
                    j = word.index(first, i)
                    new_word.extend(word[i:j])
                    i = j
                except ValueError:
                    new_word.extend(word[i:])
                    break
                if word[i] == first and i < len(word) - 1 and word[i + 1] == second:
                    new_word.append(first + second)
                    i += 2
                else:
                    new_word.append(word[i])
                    i += 1
            word = tuple(new_word)
            if len(word) == 1:
                break
            pairs = get_pairs(word)
        word = " ".join(word)
        self.cache[token] = word
        return word

    def encode(self, text):
        bpe_tokens = []
        text = whitespace_clean(basic_clean(text)).lower()
        for token in re.findall(self.pat, text):
            token = "".join(self.byte_encoder[b] for b in token.encode("utf-8"))
            bpe_tokens.extend(self.encoder[bpe_token] for bpe_token in self.bpe(token).split(" "))
        return bpe_tokens


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    tokenizer = SimpleTokenizer(sys.argv[1])
    with open(os.path.join(here, "clip-tokenizer-corpus.txt"), encoding="utf-8") as f:
        # One text a line, written with JSON string escapes so that any character (and leading spaces) survives.
        texts = [json.loads(line) for line in f.read().split("\n") if line.strip() and not line.startswith("#")]
    start, end = tokenizer.encoder["<|startoftext|>"], tokenizer.encoder["<|endoftext|>"]
    cases = [{"text": t, "ids": [start] + tokenizer.encode(t) + [end]} for t in texts]
    with open(os.path.join(here, "clip-tokenizer-reference.json"), "w", encoding="utf-8", newline="\n") as f:
        json.dump({"generator": "clip_tokenizer_reference.py", "cases": cases}, f, ensure_ascii=True, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
