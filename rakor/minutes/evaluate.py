"""Measure the parser on the labelled minutes in ``tests/data/minutes/``.

Each ``NAME.txt`` has a ``NAME.json``: the expected directives, each with a substring of its
source sentence, the acceptable lead roles and the type. A draft matches an expected
directive when the expected substring lies inside the draft's span. Figures:

- precision = matched drafts / drafts; recall = matched expected / expected;
- lead accuracy = matched directives whose first suggested lead has an expected role
  (``kec-*`` offices count as the role ``kecamatan``, ``kel-*`` as ``kelurahan``);
- type accuracy, the same for the suggested type.

Runs offline: ``python -m rakor.minutes.evaluate tests/data/minutes [--write docs/minutes.md]``.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

GOALS = {"recall": 0.85, "precision": 0.80, "lead": 0.75}
DEFAULT_MEETING = date(2026, 2, 10)


@dataclass
class FileScore:
    name: str
    city: str
    style: str
    expected: int
    drafts: int
    matched: int
    lead_correct: int
    type_correct: int
    misses: list[str]
    false_alarms: list[str]
    wrong_leads: list[str]

    @property
    def precision(self) -> float:
        return self.matched / self.drafts if self.drafts else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0


def role(code: str) -> str:
    if code.startswith("kec-"):
        return "kecamatan"
    if code.startswith("kel-"):
        return "kelurahan"
    return code


def score_file(txt: Path, lexicon) -> FileScore:
    from .parser import parse_minutes

    text = txt.read_text(encoding="utf-8")
    spec = json.loads(txt.with_suffix(".json").read_text(encoding="utf-8"))
    meeting = (
        date.fromisoformat(spec["meeting_date"]) if spec.get("meeting_date") else DEFAULT_MEETING
    )
    result = parse_minutes(text, lexicon=lexicon, meeting_date=meeting)
    used: set[int] = set()
    matched = lead_ok = type_ok = 0
    misses, wrong_leads = [], []
    for item in spec["directives"]:
        at = text.find(item["source"])
        span = (at, at + len(item["source"]))
        hit = next(
            (
                i
                for i, d in enumerate(result.drafts)
                if i not in used and d.start <= span[0] and span[1] <= d.end
            ),
            None,
        )
        if hit is None:
            misses.append(item["source"])
            continue
        used.add(hit)
        matched += 1
        draft = result.drafts[hit]
        if draft.lead and role(draft.lead[0]) in item["lead"]:
            lead_ok += 1
        else:
            wrong_leads.append(
                f"{item['source']} → {role(draft.lead[0]) if draft.lead else '(kosong)'}"
                f" (diharapkan {'/'.join(item['lead'])})"
            )
        if draft.directive_type == item["type"]:
            type_ok += 1
    false_alarms = [d.source_sentence for i, d in enumerate(result.drafts) if i not in used]
    return FileScore(
        txt.stem,
        spec.get("city", ""),
        spec.get("style", ""),
        len(spec["directives"]),
        len(result.drafts),
        matched,
        lead_ok,
        type_ok,
        misses,
        false_alarms,
        wrong_leads,
    )


def evaluate(directory: Path) -> tuple[list[FileScore], dict[str, float]]:
    from .lexicon import Lexicon

    lexicon = Lexicon.default()
    scores = [score_file(path, lexicon) for path in sorted(directory.glob("*.txt"))]
    expected = sum(s.expected for s in scores)
    drafts = sum(s.drafts for s in scores)
    matched = sum(s.matched for s in scores)
    overall = {
        "files": len(scores),
        "expected": expected,
        "drafts": drafts,
        "matched": matched,
        "precision": matched / drafts if drafts else 1.0,
        "recall": matched / expected if expected else 1.0,
        "lead": sum(s.lead_correct for s in scores) / matched if matched else 0.0,
        "type": sum(s.type_correct for s in scores) / matched if matched else 0.0,
    }
    return scores, overall


def _pct(value: float) -> str:
    return f"{value:.2f}"


def report(scores: list[FileScore], overall: dict[str, float]) -> str:
    lines = [
        "| file | city | style | expected | drafts | matched | precision | recall | lead | type |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for s in scores:
        lead = s.lead_correct / s.matched if s.matched else 0.0
        kind = s.type_correct / s.matched if s.matched else 0.0
        lines.append(
            f"| {s.name} | {s.city} | {s.style} | {s.expected} | {s.drafts} | {s.matched} | "
            f"{_pct(s.precision)} | {_pct(s.recall)} | {_pct(lead)} | {_pct(kind)} |"
        )
    lines.append(
        f"| **all {overall['files']} files** | | | {overall['expected']} | {overall['drafts']} | "
        f"{overall['matched']} | **{_pct(overall['precision'])}** | **{_pct(overall['recall'])}** "
        f"| **{_pct(overall['lead'])}** | {_pct(overall['type'])} |"
    )
    lines.append("")
    lines.append("| measure | goal | measured | met |")
    lines.append("|---|---:|---:|---|")
    for key, label in (
        ("recall", "recall"),
        ("precision", "precision"),
        ("lead", "lead organization"),
    ):
        met = "yes" if overall[key] >= GOALS[key] else "**no**"
        lines.append(f"| {label} | ≥ {GOALS[key]:.2f} | {_pct(overall[key])} | {met} |")
    errors = []
    for s in scores:
        for text in s.misses:
            errors.append(f"- {s.name}: missed — “{text}”")
        for text in s.false_alarms:
            errors.append(f"- {s.name}: not a directive, drafted anyway — “{text[:140]}”")
        for text in s.wrong_leads:
            errors.append(f"- {s.name}: wrong lead — {text}")
    lines.append("")
    lines.append("Errors:")
    lines.append("")
    lines.extend(errors or ["- none"])
    return "\n".join(lines) + "\n"


def write(path: Path, table: str, name: str) -> None:
    """Replace the text between the section's markers in ``path``."""
    start, end = f"<!-- eval:{name}:start -->", f"<!-- eval:{name}:end -->"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if start not in text:
        text += f"\n{start}\n{end}\n"
    head, _, rest = text.partition(start)
    _, _, tail = rest.partition(end)
    path.write_text(f"{head}{start}\n{table}{end}{tail}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", nargs="?", default="tests/data/minutes")
    parser.add_argument("--write", help="Markdown file whose eval sections are replaced")
    args = parser.parse_args(argv)
    root = Path(args.directory)
    sections = [("development", root)]
    if (root / "heldout").is_dir():
        sections.append(("heldout", root / "heldout"))
    for name, directory in sections:
        scores, overall = evaluate(directory)
        table = report(scores, overall)
        sys.stdout.write(f"\n## {name} set ({directory})\n\n{table}")
        if args.write:
            write(Path(args.write), table, name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
